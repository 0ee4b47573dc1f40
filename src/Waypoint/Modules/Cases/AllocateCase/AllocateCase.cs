using Waypoint.Modules.Entitlements.Clocks;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.AllocateCase;

/// <summary>
/// Allocating a case to a team and, optionally, an officer in it. Team Leaders allocate to anyone in their
/// organisation's teams; an officer may take a case into their own name in one of their teams.
/// </summary>
public sealed class AllocateCaseRequest
{
    public Guid? TeamId { get; set; }
    public Guid? OfficerId { get; set; }
    public int? Version { get; set; }
}

public sealed record AllocationOption(Guid TeamId, string TeamName, IReadOnlyList<OfficerOption> Officers);

public sealed record OfficerOption(Guid Id, string Name);

internal sealed class AllocateCaseHandler(AppDbContext db, CodeClocks clocks)
{
    public async Task<Result> HandleAsync(Guid caseId, AllocateCaseRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).Include(c => c.NamedUsers).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return Result.NotFound();
        }
        if (!actor.CanWriteCases)
        {
            return Result.Forbidden();
        }
        if (r.TeamId is not { } teamId)
        {
            return Result.Rejected(nameof(r.TeamId), "Select a team");
        }
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId && t.OrganisationId == victimCase.OrganisationId && !t.Archived, ct);
        if (team is null)
        {
            return Result.Rejected(nameof(r.TeamId), "Select one of the case's organisation's teams");
        }
        var isLeader = actor.IsInRole(Roles.TeamLeader) || actor.IsMachine;
        if (!isLeader && (r.OfficerId != actor.UserId || !actor.TeamIds.Contains(teamId)))
        {
            return Result.Forbidden("Only a Team Leader can allocate a case to someone else or to another team.");
        }
        string? officerName = null;
        if (r.OfficerId is { } officerId)
        {
            officerName = await db.Users
                .Where(u => u.Id == officerId && !u.Disabled && u.Teams.Any(t => t.TeamId == teamId))
                .Select(u => u.DisplayName)
                .SingleOrDefaultAsync(ct);
            if (officerName is null)
            {
                return Result.Rejected(nameof(r.OfficerId), "Select an officer who is in that team");
            }
        }
        if (r.Version is { } version)
        {
            if (version != victimCase.Version)
            {
                return Result.Conflict(Result.ChangedBySomeoneElse);
            }
            db.Entry(victimCase).Property(c => c.Version).OriginalValue = version;
        }
        var result = victimCase.Allocate(teamId, team.Name, r.OfficerId, officerName, actor);
        if (!result.Succeeded)
        {
            return result;
        }
        if (victimCase.Restricted && r.OfficerId is { } named)
        {
            victimCase.AddNamedUser(named, actor);
        }
        await clocks.FollowAllocationAsync([victimCase], ct);
        db.Entry(victimCase).Property(c => c.Version).IsModified = true;
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

    /// <summary>The teams and officers this actor may allocate the case to.</summary>
    public async Task<IReadOnlyList<AllocationOption>> OptionsAsync(Guid organisationId, Actor actor, CancellationToken ct)
    {
        var isLeader = actor.IsInRole(Roles.TeamLeader);
        var teams = await db.Teams.AsNoTracking()
            .Where(t => t.OrganisationId == organisationId && !t.Archived)
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(ct);
        if (!isLeader)
        {
            teams = teams.Where(t => actor.TeamIds.Contains(t.Id)).ToList();
        }
        var teamIds = teams.Select(t => t.Id).ToList();
        var members = await db.UserTeams.AsNoTracking()
            .Where(ut => teamIds.Contains(ut.TeamId))
            .Join(db.Users.Where(u => !u.Disabled), ut => ut.UserId, u => u.Id, (ut, u) => new { ut.TeamId, u.Id, u.DisplayName })
            .ToListAsync(ct);
        return teams.Select(t => new AllocationOption(t.Id, t.Name,
                members.Where(m => m.TeamId == t.Id && (isLeader || m.Id == actor.UserId))
                    .OrderBy(m => m.DisplayName, StringComparer.Ordinal)
                    .Select(m => new OfficerOption(m.Id, m.DisplayName)).ToList()))
            .ToList();
    }
}
