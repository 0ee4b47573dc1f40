using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.BreakGlass;

/// <summary>
/// A Team Leader's emergency access to a restricted case they are not named on: found by exact crime reference,
/// granted for a limited time only with a reason, audited, and shown to the case's named users.
/// </summary>
public sealed class BreakGlassRequest
{
    public string? CrimeReference { get; set; }
    public string? Reason { get; set; }
}

internal sealed class BreakGlassHandler(AppDbContext db, AuditScope audit, IConfiguration config)
{
    public async Task<Result<IReadOnlyList<Guid>>> HandleAsync(BreakGlassRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.TeamLeader) || actor.UserId is null)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        errors.Required(r.CrimeReference, nameof(r.CrimeReference), "Enter the crime reference of the restricted case");
        errors.Required(r.Reason, nameof(r.Reason), "Enter the reason you need access");
        if (r.Reason is { Length: > 0 and < 10 })
        {
            errors.Add(nameof(r.Reason), "Enter the reason you need access (at least 10 characters)");
        }
        errors.MaxLength(r.Reason, 2000, nameof(r.Reason), "Reason");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var crimeRef = r.CrimeReference!.Trim();
        var cases = await db.Cases.VisibleTo(actor, ignoreRestriction: true)
            .Where(c => c.Restricted && c.Crime.CrimeReference == crimeRef)
            .Include(c => c.BreakGlass)
            .ToListAsync(ct);
        if (cases.Count == 0)
        {
            return Fail.Rejected(nameof(r.CrimeReference), "No restricted case you could be granted matches that crime reference");
        }
        var hours = config.GetValue("Waypoint:BreakGlassHours", 8);
        foreach (var victimCase in cases)
        {
            victimCase.TakeBreakGlass(r.Reason!, TimeSpan.FromHours(hours), actor);
            audit.Record(AuditOperation.BreakGlass, "Case", victimCase.Id.ToString(), victimCase.PersonId, detail: r.Reason!.Trim());
        }
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<Guid>>.Ok(cases.Select(c => c.Id).ToList());
    }
}
