using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.ViewLedger;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Contract;

/// <summary>One R6-UPD of the contract: when it was due, and the update given against it (on time or late), if any.</summary>
public sealed record ContractUpdate(Guid ObligationId, DateOnly DueOn, ObligationState State, DateTime? GivenAt, ActionKind? Kind, string? Summary, string? GivenByName, string? NotApplicableReason);

/// <summary>The victim contract in force on a case and the updates given against it, newest first.</summary>
public sealed record CaseContract(UpdatePlanView Plan, bool ReviewDue, IReadOnlyList<ContractUpdate> Updates)
{
    public int OnTime => Updates.Count(u => u.State == ObligationState.Met);
    public int Late => Updates.Count(u => u.State == ObligationState.Late);
}

/// <summary>A contract whose review date has come, on a case allocated to the officer (My work).</summary>
public sealed record ContractReviewRow(Guid CaseId, string Name, DateOnly ReviewOn, int FrequencyDays, string Channel);

internal sealed class VictimContractQuery(AppDbContext db)
{
    /// <summary>The contract in force, or null when there is none or the actor cannot see the case.</summary>
    public async Task<CaseContract?> ForCaseAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var plan = await db.VictimContracts.AsNoTracking().Where(c => c.CaseId == caseId && c.EndedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new UpdatePlanView(c.Id, c.FrequencyDays, c.Channel, c.PreferredTimes, c.AgreedOn, c.ReviewOn, c.AgreedByName, c.CreatedAt, c.EndedAt, c.EndReason))
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        var today = UkTime.Today(actor.Now);
        // The contract's updates: the R6-UPD clocks it started (the first from the agreement, each next one from the update before).
        var obligations = await db.Obligations.AsNoTracking()
            .Where(o => o.CaseId == caseId && o.Rule == CodeRules.Update && o.CreatedAt >= plan.CreatedAt)
            .OrderByDescending(o => o.DueOn).ThenByDescending(o => o.CreatedAt)
            .ToListAsync(ct);
        var actionIds = obligations.Where(o => o.ActionId != null).Select(o => o.ActionId!.Value).ToList();
        var actions = await db.CaseActions.AsNoTracking().Where(a => a.CaseId == caseId && actionIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Kind, a.OccurredAt, a.Summary, a.RecordedByName })
            .ToDictionaryAsync(a => a.Id, ct);
        var updates = obligations.Select(o =>
        {
            var action = o.ActionId is { } id ? actions.GetValueOrDefault(id) : null;
            return new ContractUpdate(o.Id, o.DueOn, o.StatusOn(today), action?.OccurredAt, action?.Kind, action?.Summary, action?.RecordedByName, o.NotApplicableReason);
        }).ToList();
        return new CaseContract(plan, plan.ReviewOn is { } review && review <= today, updates);
    }

    /// <summary>Contracts in force whose review date is today or past, on open cases allocated to the actor.</summary>
    public async Task<IReadOnlyList<ContractReviewRow>> ReviewsDueAsync(Actor actor, CancellationToken ct)
    {
        var today = UkTime.Today(actor.Now);
        var rows = await db.VictimContracts.AsNoTracking()
            .Where(v => v.EndedAt == null && v.ReviewOn != null && v.ReviewOn <= today)
            .Join(db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.AllocatedOfficerId == actor.UserId && c.Status != CaseStatus.Closed),
                v => v.CaseId, c => c.Id,
                (v, c) => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, v.ReviewOn, v.FrequencyDays, v.Channel })
            .OrderBy(r => r.ReviewOn)
            .Take(50)
            .ToListAsync(ct);
        return rows.Select(r => new ContractReviewRow(r.Id, Person.FullName(r.FirstName, r.LastName, r.BusinessName), r.ReviewOn!.Value, r.FrequencyDays, r.Channel)).ToList();
    }
}
