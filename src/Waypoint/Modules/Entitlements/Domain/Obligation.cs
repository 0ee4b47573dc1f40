using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>What is stored. "Overdue" is not stored: it is an open obligation whose due date has passed (see <see cref="Obligation.StatusOn"/>).</summary>
public enum ObligationStatus
{
    Open,
    Met,
    Late,
    NotApplicable,
}

/// <summary>What the ledger, the worklists, the reports and the API show (domain.md A1).</summary>
public enum ObligationState
{
    Open,
    Met,
    Late,
    Overdue,
    NotApplicable,
}

/// <summary>What started a clock.</summary>
public enum TriggerKind
{
    CaseRecorded,
    InvestigationEvent,
    ContractAgreed,
    UpdateGiven,
    CourtEvent,
    Complaint,
}

/// <summary>
/// One Victims' Code promise on one case: the rule and right, what started it and when, the working day it is due,
/// who owns it, and how it ended (met, late, or not applicable) with the recorded action behind it.
/// The targets in force when it started are kept, so a later change of configuration changes only new obligations
/// and a re-assessment of the case's level recalculates from the same targets.
/// </summary>
public sealed class Obligation
{
    private Obligation() { }

    private Obligation(CodeRule rule, Guid organisationId, Guid caseId, TriggerKind trigger, Guid triggerId, string triggerSummary,
        DateTime triggeredAt, DateOnly triggerDate, int standardDays, int enhancedDays, bool enhanced, DateOnly dueOn,
        Guid? teamId, Guid? officerId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Rule = rule.Id;
        Right = rule.Right;
        Owner = rule.Owner;
        Trigger = trigger;
        TriggerId = triggerId;
        TriggerSummary = triggerSummary;
        TriggeredAt = triggeredAt;
        TriggerDate = triggerDate;
        StandardDays = standardDays;
        EnhancedDays = enhancedDays;
        Enhanced = enhanced;
        DueOn = dueOn;
        OwnerTeamId = teamId;
        OwnerUserId = officerId;
        Status = ObligationStatus.Open;
        CreatedAt = now;
    }

    /// <summary>Starts a working-day clock: due at the end of the N-th working day after the trigger's local date (A1).</summary>
    public static Obligation Start(CodeRule rule, RuleTarget target, ObligationCase subject, TriggerKind trigger, Guid triggerId,
        string triggerSummary, DateTime triggeredAtUtc, WorkingDayCalendar calendar, DateTime now)
    {
        var triggerDate = UkTime.Today(triggeredAtUtc);
        var due = calendar.AddWorkingDays(triggerDate, target.DaysFor(subject.Enhanced));
        return new Obligation(rule, subject.OrganisationId, subject.CaseId, trigger, triggerId, triggerSummary, triggeredAtUtc, triggerDate,
            target.StandardDays, target.EnhancedDays, subject.Enhanced, due, subject.TeamId, subject.OfficerId, now);
    }

    /// <summary>Starts a calendar-day clock (R6-UPD): due on the N-th day after <paramref name="from"/>, brought back to a working day.</summary>
    public static Obligation StartEvery(CodeRule rule, int days, ObligationCase subject, TriggerKind trigger, Guid triggerId,
        string triggerSummary, DateTime triggeredAtUtc, DateOnly from, WorkingDayCalendar calendar, DateTime now) =>
        new(rule, subject.OrganisationId, subject.CaseId, trigger, triggerId, triggerSummary, triggeredAtUtc, from,
            days, days, subject.Enhanced, FrequencyDue(from, days, calendar), subject.TeamId, subject.OfficerId, now);

    /// <summary>An update promised every N days is due N days on, or on the last working day before that day.</summary>
    public static DateOnly FrequencyDue(DateOnly from, int days, WorkingDayCalendar calendar)
    {
        var due = from.AddDays(days);
        return calendar.IsWorkingDay(due) ? due : calendar.PreviousWorkingDay(due);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }

    /// <summary>The rule id of domain.md A3, e.g. R4-REF.</summary>
    public string Rule { get; private set; } = "";
    public int Right { get; private set; }
    public ObligationOwner Owner { get; private set; }
    public TriggerKind Trigger { get; private set; }

    /// <summary>The record that started it: the case itself, an investigation event, a contract, the action that gave the last update.
    /// One obligation per case, rule and trigger: a trigger sent twice starts nothing new.</summary>
    public Guid TriggerId { get; private set; }
    public string TriggerSummary { get; private set; } = "";
    public DateTime TriggeredAt { get; private set; }

    /// <summary>The trigger's Europe/London date: the day counting starts after.</summary>
    public DateOnly TriggerDate { get; private set; }
    public int StandardDays { get; private set; }
    public int EnhancedDays { get; private set; }

    /// <summary>Whether the due date was worked out for enhanced rights.</summary>
    public bool Enhanced { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>The case's team and officer, kept in step with its allocation, so worklists read one indexed table.</summary>
    public Guid? OwnerTeamId { get; private set; }
    public Guid? OwnerUserId { get; private set; }
    public ObligationStatus Status { get; private set; }

    /// <summary>When the duty was done (the action's time), or when it was declared not applicable.</summary>
    public DateTime? CompletedAt { get; private set; }
    public Guid? CompletedById { get; private set; }
    public string? CompletedByName { get; private set; }
    public DateTime? CompletionRecordedAt { get; private set; }

    /// <summary>The recorded action that met it.</summary>
    public Guid? ActionId { get; private set; }
    public ActionKind? MetBy { get; private set; }
    public string? NotApplicableReason { get; private set; }

    /// <summary>When the overdue obligation was escalated to the owner's Team Leader: once, never again.</summary>
    public DateTime? EscalatedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status == ObligationStatus.Open;

    public ObligationState StatusOn(DateOnly today) => Status switch
    {
        ObligationStatus.Open when DueOn < today => ObligationState.Overdue,
        ObligationStatus.Open => ObligationState.Open,
        ObligationStatus.Met => ObligationState.Met,
        ObligationStatus.Late => ObligationState.Late,
        _ => ObligationState.NotApplicable,
    };

    /// <summary>Met by a recorded action of a kind the rule accepts, done on or after the trigger's date: met on time or late.</summary>
    public Result Meet(CaseAction action, Actor actor)
    {
        if (!IsOpen)
        {
            return Result.Rejected($"{Rule} is already {Describe(StatusOn(UkTime.Today(actor.Now))).ToLowerInvariant()}.");
        }
        if (action.CaseId != CaseId)
        {
            return Result.Rejected("The action was recorded on another case.");
        }
        var rule = CodeRules.Find(Rule);
        if (rule is not null && !rule.MetBy.Contains(action.Kind))
        {
            return Result.Rejected($"A {CodeRules.ActionName(action.Kind).ToLowerInvariant()} cannot meet {Rule}: it needs {string.Join(", ", rule.MetBy.Select(k => CodeRules.ActionName(k).ToLowerInvariant()))}.");
        }
        var doneOn = UkTime.Today(action.OccurredAt);
        if (doneOn < TriggerDate)
        {
            return Result.Rejected($"The action happened before {Rule} started ({TriggerDate:d MMMM yyyy}), so it cannot meet it.");
        }
        Status = doneOn <= DueOn ? ObligationStatus.Met : ObligationStatus.Late;
        CompletedAt = action.OccurredAt;
        ActionId = action.Id;
        MetBy = action.Kind;
        Complete(actor);
        return Result.Ok();
    }

    /// <summary>Declared not applicable (the victim opted out, there is no suspect...), with the reason, which is reported.</summary>
    public Result MarkNotApplicable(string? reason, Actor actor)
    {
        if (!IsOpen)
        {
            return Result.Rejected($"{Rule} is no longer open.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Rejected("Reason", "Enter why this does not apply");
        }
        Status = ObligationStatus.NotApplicable;
        NotApplicableReason = reason.Trim();
        CompletedAt = actor.Now;
        Complete(actor);
        return Result.Ok();
    }

    /// <summary>
    /// Recalculates the due date of an open working-day clock for the case's level now. Returns the old due date
    /// when it moved, so the caller can say so on the case.
    /// </summary>
    public DateOnly? Reassess(bool enhanced, WorkingDayCalendar calendar)
    {
        if (!IsOpen || Enhanced == enhanced || CodeRules.Find(Rule)?.Clock == ClockKind.CalendarDays)
        {
            return null;
        }
        Enhanced = enhanced;
        var before = DueOn;
        DueOn = calendar.AddWorkingDays(TriggerDate, enhanced ? EnhancedDays : StandardDays);
        return DueOn == before ? null : before;
    }

    /// <summary>Follows the case's allocation so the obligation is on the right worklists.</summary>
    public void FollowAllocation(Guid? teamId, Guid? officerId)
    {
        if (IsOpen)
        {
            OwnerTeamId = teamId;
            OwnerUserId = officerId;
        }
    }

    /// <summary>Marks the obligation escalated; false when it already was (one escalation, not one a day).</summary>
    public bool Escalate(DateTime now)
    {
        if (EscalatedAt is not null || !IsOpen)
        {
            return false;
        }
        EscalatedAt = now;
        return true;
    }

    private void Complete(Actor actor)
    {
        CompletedById = actor.UserId;
        CompletedByName = actor.Name;
        CompletionRecordedAt = actor.Now;
    }

    public static string Describe(ObligationState state) => state switch
    {
        ObligationState.Open => "Open",
        ObligationState.Met => "Met",
        ObligationState.Late => "Met late",
        ObligationState.Overdue => "Overdue",
        ObligationState.NotApplicable => "Not applicable",
        _ => state.ToString(),
    };

    /// <summary>The API's spelling (feeds.md §3): open, met, late, overdue, not_applicable.</summary>
    public static string Code(ObligationState state) => state switch
    {
        ObligationState.Open => "open",
        ObligationState.Met => "met",
        ObligationState.Late => "late",
        ObligationState.Overdue => "overdue",
        _ => "not_applicable",
    };
}

/// <summary>What a clock needs to know about its case: whose it is, who works it, and its level now.</summary>
public sealed record ObligationCase(Guid OrganisationId, Guid CaseId, bool Enhanced, Guid? TeamId, Guid? OfficerId);
