using Waypoint.Modules.Entitlements.Clocks;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Intake.Cohort;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Allocation;

/// <summary>
/// Allocating many cases at once to a team and, optionally, an officer in it, with the rules of allocating one
/// (Cases/AllocateCase): the officer must be active and in the team; only a Team Leader allocates to someone else
/// or to a team without an officer.
/// </summary>
public sealed class BulkAllocationRequest
{
    public List<Guid>? CaseIds { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? OfficerId { get; set; }
}

/// <summary>Why a case asked for was left alone.</summary>
public enum SkipReason
{
    /// <summary>Not a case this user can see (another organisation's, restricted, or no such case).</summary>
    NotFound,
    Closed,
    OtherOrganisation,
    AlreadyHasOfficer,
    InAnotherTeam,
}

public sealed record SkippedCase(Guid CaseId, SkipReason Reason);

public sealed record BulkAllocationOutcome(int Allocated, string AllocatedTo, IReadOnlyList<Guid> CaseIds, IReadOnlyList<SkippedCase> Skipped);

internal sealed class BulkAllocationHandler(AppDbContext db, AuditScope audit, CodeClocks clocks)
{
    public async Task<Result<BulkAllocationOutcome>> HandleAsync(BulkAllocationRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var ids = (r.CaseIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Fail.Rejected(nameof(r.CaseIds), "Select at least one case");
        }
        if (ids.Count > FindCohortHandler.MaxBatch)
        {
            return Fail.Rejected(nameof(r.CaseIds), $"Select at most {FindCohortHandler.MaxBatch} cases at a time");
        }
        var target = await TargetAsync(r.TeamId, r.OfficerId, actor, ct);
        if (target.Failure is { } failure)
        {
            return Result<BulkAllocationOutcome>.From(failure);
        }
        var (team, officerName) = (target.Team!, target.OfficerName);

        var cases = await db.Cases.VisibleTo(actor).Include(c => c.NamedUsers).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var skipped = ids.Where(id => cases.All(c => c.Id != id)).Select(id => new SkippedCase(id, SkipReason.NotFound)).ToList();
        var allocated = new List<Guid>();
        foreach (var victimCase in cases.OrderBy(c => ids.IndexOf(c.Id)))
        {
            if (victimCase.OrganisationId != team.OrganisationId)
            {
                skipped.Add(new SkippedCase(victimCase.Id, SkipReason.OtherOrganisation));
                continue;
            }
            if (victimCase.Status == CaseStatus.Closed)
            {
                skipped.Add(new SkippedCase(victimCase.Id, SkipReason.Closed));
                continue;
            }
            var result = victimCase.Allocate(team.Id, team.Name, r.OfficerId, officerName, actor);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Allocating an open case was refused: {result.Reason}");
            }
            if (victimCase.Restricted && r.OfficerId is { } named)
            {
                victimCase.AddNamedUser(named, actor);
            }
            allocated.Add(victimCase.Id);
        }
        var to = Describe(team.Name, officerName);
        if (allocated.Count > 0)
        {
            audit.Record(AuditOperation.Alteration, "CaseAllocation", null, null,
                detail: $"{allocated.Count} cases allocated to {to} in one go ({skipped.Count} skipped): " + string.Join(",", allocated));
            await clocks.FollowAllocationAsync(cases.Where(c => allocated.Contains(c.Id)).ToList(), ct);
            await db.SaveChangesAsync(ct);
        }
        return Result<BulkAllocationOutcome>.Ok(new BulkAllocationOutcome(allocated.Count, to, allocated, skipped));
    }

    public static string Describe(string teamName, string? officerName) => officerName is null ? teamName : $"{officerName} ({teamName})";

    internal sealed record Target(Waypoint.Modules.Administration.Domain.Team? Team, string? OfficerName, Result? Failure);

    /// <summary>AllocateCase's rules for who may allocate to whom, shared with automatic allocation.</summary>
    internal async Task<Target> TargetAsync(Guid? teamId, Guid? officerId, Actor actor, CancellationToken ct)
    {
        if (teamId is not { } id)
        {
            return new Target(null, null, Result.Rejected(nameof(BulkAllocationRequest.TeamId), "Select a team or an officer"));
        }
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OrganisationId == actor.OrganisationId && !t.Archived, ct);
        if (team is null)
        {
            return new Target(null, null, Result.Rejected(nameof(BulkAllocationRequest.TeamId), "Select one of your organisation's teams"));
        }
        var isLeader = actor.IsInRole(Roles.TeamLeader) || actor.IsMachine;
        if (!isLeader && (officerId != actor.UserId || !actor.TeamIds.Contains(id)))
        {
            return new Target(null, null, Result.Forbidden("Only a Team Leader can allocate cases to someone else, to a team without an officer, or to another team."));
        }
        string? officerName = null;
        if (officerId is { } officer)
        {
            officerName = await db.Users
                .Where(u => u.Id == officer && !u.Disabled && u.OrganisationId == actor.OrganisationId && u.Teams.Any(t => t.TeamId == id))
                .Select(u => u.DisplayName)
                .SingleOrDefaultAsync(ct);
            if (officerName is null)
            {
                return new Target(null, null, Result.Rejected(nameof(BulkAllocationRequest.OfficerId), "Select an officer who is in that team"));
            }
        }
        return new Target(team, officerName, null);
    }
}
