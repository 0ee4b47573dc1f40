using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.RestrictCase;

/// <summary>Marking a case restricted (high-profile, Professional Standards, staff victim) and naming who may see it.</summary>
public sealed class RestrictCaseRequest
{
    public bool Restricted { get; set; }
    public string? Reason { get; set; }
    public List<Guid> NamedUserIds { get; set; } = [];
}

internal sealed class RestrictCaseHandler(AppDbContext db)
{
    public async Task<Result> HandleAsync(Guid caseId, RestrictCaseRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).Include(c => c.NamedUsers).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return Result.NotFound();
        }
        if (!actor.IsInRole(Roles.TeamLeader) || actor.UserId is null)
        {
            return Result.Forbidden("Only a Team Leader can restrict a case or change who may see it.");
        }
        if (!r.Restricted)
        {
            victimCase.Unrestrict(actor);
        }
        else
        {
            var ids = r.NamedUserIds.Distinct().ToList();
            var valid = await db.Users.Where(u => ids.Contains(u.Id) && u.OrganisationId == victimCase.OrganisationId && !u.Disabled).Select(u => u.Id).ToListAsync(ct);
            if (valid.Count != ids.Count)
            {
                return Result.Rejected(nameof(r.NamedUserIds), "Select people from the case's organisation");
            }
            var result = victimCase.Restrict(r.Reason ?? "", valid, actor);
            if (!result.Succeeded)
            {
                return result;
            }
            foreach (var gone in victimCase.NamedUsers.Where(n => !valid.Contains(n.UserId) && n.UserId != actor.UserId && n.UserId != victimCase.AllocatedOfficerId).Select(n => n.UserId).ToList())
            {
                victimCase.RemoveNamedUser(gone);
            }
        }
        db.Entry(victimCase).Property(c => c.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> CandidatesAsync(Guid organisationId, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.OrganisationId == organisationId && !u.Disabled)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
        .Select(u => (u.Id, u.DisplayName)).ToList();
}
