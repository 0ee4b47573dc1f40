using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Http;
using static Waypoint.UnitTests.Entitlements.EntitlementsTestData;

namespace Waypoint.UnitTests.Entitlements;

public sealed class ObligationTests
{
    private static RuleTarget Days(string rule, int standard, int enhanced) =>
        RuleTarget.Create(Org, CodeRules.Get(rule), standard, enhanced, Officer()).Value!;

    // The worked examples of domain.md A1, through the obligation the engine starts.
    [Theory]
    [InlineData("2026-11-09T10:00:00Z", 1, "2026-11-10")] // Monday 9 November + 1 working day = Tuesday 10
    [InlineData("2026-11-13T10:00:00Z", 1, "2026-11-16")] // Friday 13 + 1 = Monday 16
    [InlineData("2026-11-14T10:00:00Z", 1, "2026-11-16")] // Saturday 14 + 1 = Monday 16: the event's own day never counts
    [InlineData("2026-12-24T10:00:00Z", 2, "2026-12-30")] // Thursday 24 December + 2 = Wednesday 30: 25th, the weekend and the substitute 28th skipped
    public void An_obligation_is_due_on_the_worked_examples_dates(string triggeredAt, int days, string due)
    {
        var obligation = Start("R6-ARR", triggeredAt, target: Days("R6-ARR", days, days));

        Assert.Equal(Date(due), obligation.DueOn);
        Assert.Equal(Date(triggeredAt[..10]), obligation.TriggerDate);
        Assert.Equal(ObligationStatus.Open, obligation.Status);
        Assert.Equal((6, ObligationOwner.Police), (obligation.Right, obligation.Owner));
    }

    [Fact]
    public void Meeting_it_on_the_due_day_is_met_and_the_day_after_is_late()
    {
        var onTime = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        var late = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        Assert.Equal(Date("2026-11-11"), onTime.DueOn);

        var lastMinute = Action(ActionKind.Referral, "2026-11-11T23:59:00Z");
        Assert.True(onTime.Meet(lastMinute, Officer()).Succeeded);
        Assert.True(late.Meet(Action(ActionKind.Referral, "2026-11-12T00:01:00Z"), Officer()).Succeeded);

        Assert.Equal(ObligationStatus.Met, onTime.Status);
        Assert.Equal((lastMinute.Id, ActionKind.Referral, lastMinute.OccurredAt), (onTime.ActionId, onTime.MetBy, onTime.CompletedAt));
        Assert.Equal("Priya Shah", onTime.CompletedByName);
        Assert.Equal(ObligationStatus.Late, late.Status);
        Assert.Equal(ObligationState.Late, late.StatusOn(Date("2026-12-01")));
    }

    [Fact]
    public void In_summer_an_action_at_23_30_UTC_on_the_due_day_is_done_the_next_London_day_so_late()
    {
        var obligation = Start(CodeRules.Referral, "2026-07-06T10:00:00Z");
        Assert.Equal(Date("2026-07-08"), obligation.DueOn);

        obligation.Meet(Action(ActionKind.Contact, "2026-07-08T23:30:00Z"), Officer());

        Assert.Equal(ObligationStatus.Late, obligation.Status);
    }

    [Fact]
    public void An_action_of_a_kind_the_rule_does_not_accept_is_refused()
    {
        var acknowledgement = Start(CodeRules.Acknowledgement, "2026-11-09T10:00:00Z");

        var result = acknowledgement.Meet(Action(ActionKind.Contact, "2026-11-10T10:00:00Z"), Officer());

        Assert.Equal(ResultKind.Rejected, result.Kind);
        Assert.Contains("cannot meet R3-ACK", result.Reason, StringComparison.Ordinal);
        Assert.True(acknowledgement.IsOpen);
        Assert.True(acknowledgement.Meet(Action(ActionKind.Letter, "2026-11-10T10:00:00Z"), Officer()).Succeeded);
    }

    [Fact]
    public void An_action_before_the_trigger_date_or_on_another_case_is_refused()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");

        var before = obligation.Meet(Action(ActionKind.Referral, "2026-11-08T23:59:00Z"), Officer());
        var elsewhere = obligation.Meet(Action(ActionKind.Referral, "2026-11-10T10:00:00Z", Guid.CreateVersion7()), Officer());
        var sameDayEarlier = obligation.Meet(Action(ActionKind.Referral, "2026-11-09T08:00:00Z"), Officer());

        Assert.Equal(ResultKind.Rejected, before.Kind);
        Assert.Contains("before R4-REF started", before.Reason, StringComparison.Ordinal);
        Assert.Equal(ResultKind.Rejected, elsewhere.Kind);
        Assert.True(sameDayEarlier.Succeeded, "the trigger's own date counts as on or after it");
    }

    [Fact]
    public void Meeting_twice_is_refused_and_the_first_action_stays_the_evidence()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        var first = Action(ActionKind.Referral, "2026-11-10T10:00:00Z");
        obligation.Meet(first, Officer());

        var second = obligation.Meet(Action(ActionKind.Note, "2026-11-10T11:00:00Z"), Officer());

        Assert.Equal(ResultKind.Rejected, second.Kind);
        Assert.Equal((first.Id, ObligationStatus.Met), (obligation.ActionId, obligation.Status));
    }

    [Fact]
    public void Not_applicable_needs_a_reason_and_then_ends_the_obligation()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");

        var blank = obligation.MarkNotApplicable("   ", Officer());
        Assert.Equal(ResultKind.Rejected, blank.Kind);
        Assert.True(blank.Errors.ContainsKey("Reason"));
        Assert.True(obligation.IsOpen);

        Assert.True(obligation.MarkNotApplicable("  The victim declined a referral  ", Officer()).Succeeded);
        Assert.Equal(ObligationState.NotApplicable, obligation.StatusOn(Date("2026-12-01")));
        Assert.Equal("The victim declined a referral", obligation.NotApplicableReason);
        Assert.Null(obligation.ActionId);
        Assert.Equal(ResultKind.Rejected, obligation.MarkNotApplicable("again", Officer()).Kind);
        Assert.Equal(ResultKind.Rejected, obligation.Meet(Action(ActionKind.Referral, "2026-11-10T10:00:00Z"), Officer()).Kind);
    }

    [Fact]
    public void Reassessing_standard_to_enhanced_moves_a_right_6_date_and_leaves_the_referral_unmoved()
    {
        var arrest = Start("R6-ARR", "2026-11-09T10:00:00Z");
        var referral = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        Assert.Equal(Date("2026-11-16"), arrest.DueOn);

        var arrestWas = arrest.Reassess(true, ShippedCalendar);
        var referralWas = referral.Reassess(true, ShippedCalendar);

        Assert.Equal(Date("2026-11-16"), arrestWas);
        Assert.Equal(Date("2026-11-10"), arrest.DueOn);
        Assert.True(arrest.Enhanced);
        Assert.Null(referralWas);
        Assert.Equal(Date("2026-11-11"), referral.DueOn);

        Assert.Equal(Date("2026-11-10"), arrest.Reassess(false, ShippedCalendar));
        Assert.Equal(Date("2026-11-16"), arrest.DueOn);
        Assert.Null(arrest.Reassess(false, ShippedCalendar));
    }

    [Fact]
    public void A_closed_obligation_is_not_reassessed()
    {
        var arrest = Start("R6-ARR", "2026-11-09T10:00:00Z");
        arrest.Meet(Action(ActionKind.Contact, "2026-11-10T10:00:00Z"), Officer());

        Assert.Null(arrest.Reassess(true, ShippedCalendar));
        Assert.Equal(Date("2026-11-16"), arrest.DueOn);
    }

    [Fact]
    public void The_update_frequency_is_calendar_days_and_is_not_reassessed()
    {
        var update = Obligation.StartEvery(CodeRules.Get(CodeRules.Update), 14, Subject(), TriggerKind.ContractAgreed, Guid.CreateVersion7(),
            "Updates every 14 days by phone", Utc("2026-11-10T00:00:00Z"), Date("2026-11-10"), ShippedCalendar, Now);
        Assert.Equal(Date("2026-11-24"), update.DueOn);

        Assert.Null(update.Reassess(true, ShippedCalendar));

        Assert.Equal(Date("2026-11-24"), update.DueOn);
        Assert.False(update.Enhanced);
    }

    [Theory]
    [InlineData("2026-11-10", 14, "2026-11-24")] // a Tuesday: that day
    [InlineData("2026-11-10", 4, "2026-11-13")] // Saturday 14: the Friday before
    [InlineData("2026-11-10", 5, "2026-11-13")] // Sunday 15: the Friday before
    [InlineData("2026-12-14", 14, "2026-12-24")] // Monday 28 December (substitute Boxing Day): back over the weekend and Christmas Day
    [InlineData("2027-03-01", 28, "2027-03-25")] // Monday 29 March 2027 (Easter Monday): back over Good Friday to Thursday
    public void An_update_due_on_a_weekend_or_bank_holiday_is_due_the_working_day_before(string from, int days, string due)
    {
        Assert.Equal(Date(due), Obligation.FrequencyDue(Date(from), days, ShippedCalendar));
    }

    [Fact]
    public void It_is_overdue_from_the_day_after_its_due_date_while_open()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");

        Assert.Equal(ObligationState.Open, obligation.StatusOn(Date("2026-11-09")));
        Assert.Equal(ObligationState.Open, obligation.StatusOn(Date("2026-11-11")));
        Assert.Equal(ObligationState.Overdue, obligation.StatusOn(Date("2026-11-12")));
        Assert.Equal("overdue", Obligation.Code(obligation.StatusOn(Date("2026-11-12"))));
        obligation.Meet(Action(ActionKind.Referral, "2026-11-13T10:00:00Z"), Officer());
        Assert.Equal(ObligationState.Late, obligation.StatusOn(Date("2026-11-20")));
    }

    [Fact]
    public void It_is_escalated_once_only_and_never_once_closed()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        var first = Utc("2026-11-12T07:00:00Z");

        Assert.True(obligation.Escalate(first));
        Assert.False(obligation.Escalate(first.AddDays(1)));
        Assert.Equal(first, obligation.EscalatedAt);

        var met = Start(CodeRules.Referral, "2026-11-09T10:00:00Z");
        met.Meet(Action(ActionKind.Referral, "2026-11-13T10:00:00Z"), Officer());
        Assert.False(met.Escalate(first));
        Assert.Null(met.EscalatedAt);
    }

    [Fact]
    public void It_keeps_the_targets_it_started_with()
    {
        var obligation = Start(CodeRules.Referral, "2026-11-09T10:00:00Z", target: Days(CodeRules.Referral, 4, 1));

        Assert.Equal((4, 1), (obligation.StandardDays, obligation.EnhancedDays));
        Assert.Equal(Date("2026-11-13"), obligation.DueOn);
        obligation.Reassess(true, ShippedCalendar);
        Assert.Equal(Date("2026-11-10"), obligation.DueOn);
    }
}
