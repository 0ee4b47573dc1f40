using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Overview;

/// <summary>The administrator's own organisation at a glance, and its one setting: team scoping.</summary>
public sealed record OrganisationOverview(
    Guid Id,
    string Name,
    string Code,
    OrganisationType Type,
    bool TeamScoped,
    int Version,
    int ActiveUsers,
    int DisabledUsers,
    int Teams,
    int ActiveTokens,
    int GrantsGiven,
    int GrantsReceived)
{
    public string TypeName => Organisation.TypeName(Type);
    public bool CanGrantAccess => Type == OrganisationType.PoliceForce;
}

public sealed class TeamScopingRequest
{
    public bool? TeamScoped { get; set; }

    /// <summary>The organisation's version as read; a different one means someone else changed it meanwhile.</summary>
    public int? Version { get; set; }
}

internal sealed class OrganisationSettingsHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<OrganisationOverview>> OverviewAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var orgId = actor.OrganisationId;
        var now = actor.Now;
        var overview = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == orgId)
            .Select(o => new OrganisationOverview(
                o.Id, o.Name, o.Code, o.Type, o.TeamScoped, o.Version,
                db.Users.Count(u => u.OrganisationId == orgId && !u.Disabled),
                db.Users.Count(u => u.OrganisationId == orgId && u.Disabled),
                db.Teams.Count(t => t.OrganisationId == orgId && !t.Archived),
                db.ApiTokens.Count(t => t.OrganisationId == orgId && t.RevokedAt == null && t.ExpiresAt > now),
                db.ForceAccessGrants.Count(g => g.ForceOrganisationId == orgId),
                db.ForceAccessGrants.Count(g => g.GranteeOrganisationId == orgId)))
            .SingleOrDefaultAsync(ct);
        return overview is null ? Fail.NotFound : Result<OrganisationOverview>.Ok(overview);
    }

    public async Task<Result> SetTeamScopingAsync(TeamScopingRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        if (r.TeamScoped is not { } teamScoped)
        {
            return Result.Rejected(nameof(r.TeamScoped), "Select whether officers see only their own teams' cases");
        }
        var org = await db.Organisations.SingleOrDefaultAsync(o => o.Id == actor.OrganisationId, ct);
        if (org is null)
        {
            return Result.NotFound();
        }
        if (r.Version is { } version && version != org.Version)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        if (org.TeamScoped == teamScoped)
        {
            return Result.Ok();
        }
        var before = org.TeamScoped;
        org.SetTeamScoped(teamScoped);
        audit.Record(AuditOperation.Administration, "Organisation", org.Id.ToString(),
            detail: teamScoped
                ? "Team scoping turned on: officers now see only their own teams' cases, unallocated cases and cases allocated to them"
                : "Team scoping turned off: officers now see all of the organisation's cases",
            field: nameof(Organisation.TeamScoped), oldValue: AdminAccess.YesNo(before), newValue: AdminAccess.YesNo(teamScoped));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        return Result.Ok();
    }
}
