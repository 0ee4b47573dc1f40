using Waypoint.Modules.Entitlements.Clocks;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.OverrideTriage;

/// <summary>
/// An officer's own judgement on triage: the entitlement level and/or priority to hold whatever triage works out
/// (null leaves that one to triage, so both null clears the override), always with a note. Send the case version you read.
/// </summary>
public sealed class OverrideTriageRequest
{
    public EntitlementLevel? EntitlementLevel { get; set; }
    public int? Priority { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}

public sealed record TriageOverridden(Guid Id, EntitlementLevel EntitlementLevel, int Priority, int Version);

internal sealed class OverrideTriageHandler(AppDbContext db, CodeClocks clocks)
{
    public async Task<Result<TriageOverridden>> HandleAsync(Guid caseId, OverrideTriageRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).Where(c => c.Id == caseId).SingleOrDefaultAsync(ct);
        if (victimCase is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        errors.Required(r.Note, nameof(r.Note), "Enter why you are changing the level or priority");
        errors.MaxLength(r.Note, 2000, nameof(r.Note), "Note");
        if (r.Priority is < 1 or > 4)
        {
            errors.Add(nameof(r.Priority), "Select a priority from P1 to P4");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        if (victimCase.Version != r.Version)
        {
            return Fail.Conflict;
        }
        // The database checks the same version, so a save racing this one between read and write is refused too.
        db.Entry(victimCase).Property(c => c.Version).OriginalValue = r.Version;

        var result = victimCase.Override(r.EntitlementLevel, r.Priority, r.Note, actor);
        if (!result.Succeeded)
        {
            return Result<TriageOverridden>.From(result);
        }
        await clocks.ReassessAsync([victimCase], actor, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<TriageOverridden>.Ok(new TriageOverridden(victimCase.Id, victimCase.EntitlementLevel, victimCase.Priority, victimCase.Version));
    }
}
