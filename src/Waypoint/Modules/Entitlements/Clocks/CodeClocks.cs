using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Clocks;

/// <summary>
/// Starts, re-assesses and re-owns Victims' Code obligations (domain.md A3). Every path that creates a case, receives
/// an investigation event, changes a case's level or allocation calls it before its one save, so the obligations
/// change in the same transaction as the case. Court, complaint and review work start their rules with
/// <see cref="StartAsync"/>.
/// </summary>
public sealed class CodeClocks(AppDbContext db, WorkingDays workingDays)
{
    private readonly Dictionary<Guid, IReadOnlyDictionary<string, RuleTarget>> _targets = [];

    /// <summary>The targets in force for an organisation: its own where it changed them, A3's defaults otherwise.</summary>
    public async Task<IReadOnlyDictionary<string, RuleTarget>> TargetsAsync(Guid organisationId, CancellationToken ct = default)
    {
        if (_targets.TryGetValue(organisationId, out var cached))
        {
            return cached;
        }
        var own = await db.RuleTargets.AsNoTracking().Where(t => t.OrganisationId == organisationId).ToListAsync(ct);
        var all = CodeRules.All.ToDictionary(r => r.Id, r => own.FirstOrDefault(t => t.Rule == r.Id) ?? RuleTarget.Default(organisationId, r), StringComparer.Ordinal);
        _targets[organisationId] = all;
        return all;
    }

    /// <summary>
    /// The clocks a new case starts: R4-REF and R4-NA for every victim (Right 4 applies whether or not the crime was
    /// reported), and R3-ACK when the crime is known to a police force (it has a force or a crime reference), since the
    /// written acknowledgement is the police's duty. They run from the report date, or from when the case was recorded
    /// when that is earlier or unknown. Pure, for callers that write in bulk.
    /// </summary>
    public static IEnumerable<Obligation> ForNewCase(VictimCase victimCase, IReadOnlyDictionary<string, RuleTarget> targets, WorkingDayCalendar calendar, DateTime now)
    {
        var crime = victimCase.Crime;
        var reported = crime.ForceOrganisationId is not null || crime.CrimeReference is not null;
        var at = ReportedAt(crime.DateReported, victimCase.CreatedAt);
        var subject = Subject(victimCase);
        var summary = reported ? "Crime reported" : "Case recorded";
        string[] rules = reported ? [CodeRules.Acknowledgement, CodeRules.Referral, CodeRules.NeedsAssessment] : [CodeRules.Referral, CodeRules.NeedsAssessment];
        foreach (var id in rules)
        {
            yield return Obligation.Start(CodeRules.Get(id), targets[id], subject, TriggerKind.CaseRecorded, victimCase.Id, summary, at, calendar, now);
        }
    }

    /// <summary>Starts the clocks of a case just created and triaged (call after triage, before saving).</summary>
    public async Task<IReadOnlyList<Obligation>> StartForNewCaseAsync(VictimCase victimCase, Actor actor, CancellationToken ct = default)
    {
        var targets = await TargetsAsync(victimCase.OrganisationId, ct);
        var calendar = await workingDays.CalendarAsync(ct);
        var started = ForNewCase(victimCase, targets, calendar, actor.Now).ToList();
        db.Obligations.AddRange(started);
        return started;
    }

    /// <summary>The Right 6 rule an investigation event starts, or null for events that start none (closed, reopened).</summary>
    public static string? RuleFor(InvestigationEventType type) => type switch
    {
        InvestigationEventType.SuspectArrested => "R6-ARR",
        InvestigationEventType.SuspectInterviewedUnderCaution => "R6-IUC",
        InvestigationEventType.SuspectReleasedNoFurtherAction => "R6-RWC",
        InvestigationEventType.SuspectBailed or InvestigationEventType.SuspectReleasedUnderInvestigation or InvestigationEventType.BailConditionsChanged => "R6-BAIL",
        InvestigationEventType.SuspectCharged or InvestigationEventType.OutOfCourtDisposal or InvestigationEventType.DecisionNotToProsecute => "R6-CHG",
        InvestigationEventType.DecisionNotToInvestigate => "R6-NOINV",
        _ => null,
    };

    /// <summary>Starts the Right 6 clock of an investigation event for every victim of its crime (5 working days, 1 enhanced).</summary>
    public async Task<IReadOnlyList<Obligation>> StartForEventAsync(InvestigationEvent recorded, IReadOnlyList<VictimCase> cases, CancellationToken ct = default)
    {
        if (RuleFor(recorded.Type) is not { } rule)
        {
            return [];
        }
        var started = new List<Obligation>(cases.Count);
        foreach (var victimCase in cases.Where(c => c.Status != CaseStatus.Closed))
        {
            started.AddRange(await StartAsync(rule, victimCase, TriggerKind.InvestigationEvent, recorded.Id, InvestigationEvent.Describe(recorded.Type), recorded.EventAt, recorded.ReceivedAt, ct));
        }
        return started;
    }

    /// <summary>
    /// Starts one working-day rule on a case, unless the same trigger already started it there. This is the plug for
    /// further rules (court events, complaints, reviews): give the rule id from <see cref="CodeRules"/> and the trigger.
    /// </summary>
    public async Task<IReadOnlyList<Obligation>> StartAsync(string ruleId, VictimCase victimCase, TriggerKind trigger, Guid triggerId, string triggerSummary, DateTime triggeredAtUtc, DateTime now, CancellationToken ct = default)
    {
        var rule = CodeRules.Get(ruleId);
        if (db.ChangeTracker.Entries<Obligation>().Any(e => e.Entity.CaseId == victimCase.Id && e.Entity.Rule == ruleId && e.Entity.TriggerId == triggerId)
            || await db.Obligations.AnyAsync(o => o.CaseId == victimCase.Id && o.Rule == ruleId && o.TriggerId == triggerId, ct))
        {
            return [];
        }
        var targets = await TargetsAsync(victimCase.OrganisationId, ct);
        var calendar = await workingDays.CalendarAsync(ct);
        var obligation = Obligation.Start(rule, targets[ruleId], Subject(victimCase), trigger, triggerId, triggerSummary, triggeredAtUtc, calendar, now);
        db.Obligations.Add(obligation);
        return [obligation];
    }

    /// <summary>
    /// The first R6-UPD of a newly agreed update plan, after ending the previous plan's open one (the clock restarts
    /// from the new agreement).
    /// </summary>
    public async Task<Obligation> StartUpdatesAsync(VictimCase victimCase, VictimContract contract, Actor actor, CancellationToken ct = default)
    {
        foreach (var open in await db.Obligations.Where(o => o.CaseId == victimCase.Id && o.Rule == CodeRules.Update && o.Status == ObligationStatus.Open).ToListAsync(ct))
        {
            open.MarkNotApplicable("Replaced by a new update plan", actor);
        }
        var calendar = await workingDays.CalendarAsync(ct);
        var obligation = Obligation.StartEvery(CodeRules.Get(CodeRules.Update), contract.FrequencyDays, Subject(victimCase), TriggerKind.ContractAgreed,
            contract.Id, $"Updates every {contract.FrequencyDays} days by {contract.Channel}", UkTime.StartOfDay(contract.AgreedOn), contract.AgreedOn, calendar, actor.Now);
        db.Obligations.Add(obligation);
        return obligation;
    }

    /// <summary>After an R6-UPD is met, the next one is due the agreed number of days after that update.</summary>
    public async Task<Obligation?> NextUpdateAsync(VictimCase victimCase, Obligation met, CaseAction action, Actor actor, CancellationToken ct = default)
    {
        if (met.Rule != CodeRules.Update)
        {
            return null;
        }
        var contract = await db.VictimContracts.AsNoTracking().Where(c => c.CaseId == victimCase.Id && c.EndedAt == null)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (contract is null || victimCase.Status == CaseStatus.Closed)
        {
            return null;
        }
        var calendar = await workingDays.CalendarAsync(ct);
        var from = UkTime.Today(action.OccurredAt);
        var next = Obligation.StartEvery(CodeRules.Get(CodeRules.Update), contract.FrequencyDays, Subject(victimCase), TriggerKind.UpdateGiven,
            action.Id, $"Next update, every {contract.FrequencyDays} days by {contract.Channel}", action.OccurredAt, from, calendar, actor.Now);
        db.Obligations.Add(next);
        return next;
    }

    /// <summary>
    /// Re-assessment (Code: when circumstances change): open clocks of cases whose level changed get due dates for the
    /// new level, and the case's timeline says which moved.
    /// </summary>
    public async Task ReassessAsync(IReadOnlyCollection<VictimCase> cases, Actor actor, CancellationToken ct = default)
    {
        if (cases.Count == 0)
        {
            return;
        }
        var byId = cases.ToDictionary(c => c.Id);
        var open = new List<Obligation>();
        foreach (var chunk in byId.Keys.Chunk(500))
        {
            var ids = chunk.ToList();
            open.AddRange(await db.Obligations.Where(o => ids.Contains(o.CaseId) && o.Status == ObligationStatus.Open).ToListAsync(ct));
        }
        open.AddRange(db.ChangeTracker.Entries<Obligation>().Where(e => e.State == EntityState.Added && byId.ContainsKey(e.Entity.CaseId)).Select(e => e.Entity));
        if (open.Count == 0)
        {
            return;
        }
        var calendar = await workingDays.CalendarAsync(ct);
        foreach (var group in open.Distinct().GroupBy(o => o.CaseId))
        {
            var victimCase = byId[group.Key];
            var enhanced = victimCase.EntitlementLevel == EntitlementLevel.Enhanced;
            var moved = new List<string>();
            foreach (var obligation in group.OrderBy(o => o.DueOn))
            {
                if (obligation.Reassess(enhanced, calendar) is { } before)
                {
                    moved.Add($"{obligation.Rule} now due {obligation.DueOn:d MMM yyyy} (was {before:d MMM yyyy})");
                }
            }
            if (moved.Count > 0)
            {
                victimCase.Note(TimelineKind.Obligation, $"Due dates recalculated for {VictimCase.LevelName(victimCase.EntitlementLevel).ToLowerInvariant()} rights: {string.Join("; ", moved)}", actor);
            }
        }
    }

    /// <summary>Open obligations and escalations follow their case to its new team and officer, so they show on the right worklists.</summary>
    public async Task FollowAllocationAsync(IReadOnlyCollection<VictimCase> cases, CancellationToken ct = default)
    {
        var byId = cases.ToDictionary(c => c.Id);
        foreach (var chunk in byId.Keys.Chunk(500))
        {
            var ids = chunk.ToList();
            foreach (var obligation in await db.Obligations.Where(o => ids.Contains(o.CaseId) && o.Status == ObligationStatus.Open).ToListAsync(ct))
            {
                var victimCase = byId[obligation.CaseId];
                obligation.FollowAllocation(victimCase.TeamId, victimCase.AllocatedOfficerId);
            }
            foreach (var escalation in await db.Escalations.Where(e => ids.Contains(e.CaseId) && e.ClosedAt == null).ToListAsync(ct))
            {
                var victimCase = byId[escalation.CaseId];
                escalation.FollowAllocation(victimCase.TeamId, victimCase.AllocatedOfficerId);
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<Obligation>().Where(e => e.State == EntityState.Added && byId.ContainsKey(e.Entity.CaseId)))
        {
            var victimCase = byId[entry.Entity.CaseId];
            entry.Entity.FollowAllocation(victimCase.TeamId, victimCase.AllocatedOfficerId);
        }
    }

    public static ObligationCase Subject(VictimCase c) =>
        new(c.OrganisationId, c.Id, c.EntitlementLevel == EntitlementLevel.Enhanced, c.TeamId, c.AllocatedOfficerId);

    /// <summary>When the crime was reported: the start of its report date in London, or when the case was recorded if that is earlier or unknown.</summary>
    public static DateTime ReportedAt(DateOnly? dateReported, DateTime createdAtUtc)
    {
        if (dateReported is not { } date)
        {
            return createdAtUtc;
        }
        var start = UkTime.StartOfDay(date);
        return start < createdAtUtc ? start : createdAtUtc;
    }
}
