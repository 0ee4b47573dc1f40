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
/// A Team Leader shares out cases without an officer among one team's active Victim Care Officers: the cases
/// chosen, or else every unallocated case the cohort filter matches (at most 500). See <see cref="AutoAllocator"/>.
/// </summary>
public sealed class AutoAllocationRequest
{
    public Guid? TeamId { get; set; }

    /// <summary>The cases to allocate; when empty, the unallocated cases of <see cref="Filter"/> (default: the daily cohort).</summary>
    public List<Guid>? CaseIds { get; set; }
    public CohortQuery? Filter { get; set; }
}

public sealed record AutoAllocated(Guid CaseId, Guid OfficerId, string OfficerName, IReadOnlyList<string> MissingSkills);

public sealed record AutoAllocationOutcome(
    Guid TeamId,
    string TeamName,
    int Allocated,
    IReadOnlyList<AutoAllocated> Assignments,
    IReadOnlyList<SkippedCase> Skipped)
{
    /// <summary>The cases whose needed skills no officer in the team had (they went to the lowest caseload).</summary>
    public IReadOnlyList<AutoAllocated> WithoutSkilledOfficer => Assignments.Where(a => a.MissingSkills.Count > 0).ToList();
}

internal sealed class AutoAllocationHandler(AppDbContext db, AuditScope audit, FindCohortHandler cohort, BulkAllocationHandler bulk, CodeClocks clocks)
{
    public async Task<Result<AutoAllocationOutcome>> HandleAsync(AutoAllocationRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.CanWriteCases || !(actor.IsInRole(Roles.TeamLeader) || actor.IsMachine))
        {
            return Result<AutoAllocationOutcome>.From(Result.Forbidden("Only a Team Leader can allocate cases automatically."));
        }
        var target = await bulk.TargetAsync(r.TeamId, null, actor, ct);
        if (target.Failure is { } failure)
        {
            return Result<AutoAllocationOutcome>.From(failure);
        }
        var team = target.Team!;

        List<Guid> ids;
        if (r.CaseIds is { Count: > 0 })
        {
            ids = r.CaseIds.Distinct().ToList();
            if (ids.Count > FindCohortHandler.MaxBatch)
            {
                return Fail.Rejected(nameof(r.CaseIds), $"Select at most {FindCohortHandler.MaxBatch} cases at a time");
            }
        }
        else
        {
            var filter = r.Filter ?? new CohortQuery();
            var matching = await cohort.MatchingIdsAsync(new CohortQuery
            {
                From = filter.From, To = filter.To, TeamId = filter.TeamId, Priority = filter.Priority, Offence = filter.Offence,
                Enhanced = filter.Enhanced, Unallocated = true,
            }, actor, ct);
            if (!matching.Succeeded)
            {
                return Result<AutoAllocationOutcome>.From(matching);
            }
            ids = matching.Value!.ToList();
        }

        var officers = await OfficersAsync(team.Id, ct);
        if (officers.Count == 0)
        {
            return Fail.Rejected(nameof(r.TeamId), $"{team.Name} has no active Victim Care Officers to allocate to");
        }

        var cases = await db.Cases.VisibleTo(actor).Include(c => c.NamedUsers).Include(c => c.Person).Include(c => c.Crime)
            .Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var skipped = ids.Where(id => cases.All(c => c.Id != id)).Select(id => new SkippedCase(id, SkipReason.NotFound)).ToList();
        var eligible = new List<VictimCase>();
        foreach (var c in cases)
        {
            SkipReason? reason = c.OrganisationId != team.OrganisationId ? SkipReason.OtherOrganisation
                : c.Status == CaseStatus.Closed ? SkipReason.Closed
                : c.AllocatedOfficerId is not null ? SkipReason.AlreadyHasOfficer
                : c.TeamId is { } other && other != team.Id ? SkipReason.InAnotherTeam
                : null;
            if (reason is { } why)
            {
                skipped.Add(new SkippedCase(c.Id, why));
            }
            else
            {
                eligible.Add(c);
            }
        }

        var plan = AutoAllocator.Plan(
            eligible.Select(c => new AutoCase(c.Id, c.Priority, c.CreatedAt, OfficerSkills.NeededFor(c.Person.PreferredLanguage, Flags.Parse(c.Crime.OffenceFlags)))),
            officers);
        var byId = eligible.ToDictionary(c => c.Id);
        var names = officers.ToDictionary(o => o.Id, o => o.Name);
        var assignments = new List<AutoAllocated>();
        foreach (var a in plan)
        {
            var victimCase = byId[a.CaseId];
            var result = victimCase.Allocate(team.Id, team.Name, a.OfficerId, names[a.OfficerId], actor);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Allocating an open case was refused: {result.Reason}");
            }
            if (victimCase.Restricted)
            {
                victimCase.AddNamedUser(a.OfficerId, actor);
            }
            assignments.Add(new AutoAllocated(a.CaseId, a.OfficerId, names[a.OfficerId], a.MissingSkills));
        }
        if (assignments.Count > 0)
        {
            audit.Record(AuditOperation.Alteration, "CaseAllocation", null, null,
                detail: $"Automatic allocation of {assignments.Count} cases to {team.Name} ({skipped.Count} skipped): " +
                        string.Join(",", assignments.Select(a => $"{a.CaseId}->{a.OfficerId}")));
            await clocks.FollowAllocationAsync(assignments.Select(a => byId[a.CaseId]).ToList(), ct);
            await db.SaveChangesAsync(ct);
        }
        return Result<AutoAllocationOutcome>.Ok(new AutoAllocationOutcome(team.Id, team.Name, assignments.Count, assignments, skipped));
    }

    /// <summary>The team's active Victim Care Officers with their skills and open caseload (cases not closed, in any team).</summary>
    private async Task<IReadOnlyList<AutoOfficer>> OfficersAsync(Guid teamId, CancellationToken ct)
    {
        var officers = await (
                from u in db.Users
                where !u.Disabled && u.Teams.Any(t => t.TeamId == teamId)
                      && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.VictimCareOfficer))
                select new
                {
                    u.Id,
                    u.DisplayName,
                    u.Skills,
                    Open = db.Cases.Count(c => c.AllocatedOfficerId == u.Id && c.Status != CaseStatus.Closed),
                })
            .AsNoTracking()
            .ToListAsync(ct);
        return officers.Select(o => new AutoOfficer(o.Id, o.DisplayName, OfficerSkills.Parse(o.Skills), o.Open)).ToList();
    }
}
