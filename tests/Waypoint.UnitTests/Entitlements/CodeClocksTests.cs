using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Intake.Domain;
using static Waypoint.UnitTests.Entitlements.EntitlementsTestData;

namespace Waypoint.UnitTests.Entitlements;

public sealed class CodeClocksTests
{
    [Fact]
    public void A_reported_crime_starts_the_acknowledgement_the_referral_and_the_needs_assessment_from_its_report_date()
    {
        var victimCase = Case(Date("2026-11-20"), "NS/26/1", CaseSource.PoliceFeed, "2026-11-23T09:30:00Z");

        var started = CodeClocks.ForNewCase(victimCase, Defaults(), ShippedCalendar, Now).ToList();

        Assert.Equal([CodeRules.Acknowledgement, CodeRules.Referral, CodeRules.NeedsAssessment], started.Select(o => o.Rule));
        Assert.All(started, o =>
        {
            Assert.Equal(Utc("2026-11-20T00:00:00Z"), o.TriggeredAt);
            Assert.Equal(Date("2026-11-20"), o.TriggerDate);
            Assert.Equal((TriggerKind.CaseRecorded, victimCase.Id, "Crime reported"), (o.Trigger, o.TriggerId, o.TriggerSummary));
            Assert.Equal((Org, victimCase.Id, false), (o.OrganisationId, o.CaseId, o.Enhanced));
        });
        // Friday 20 November: R3-ACK 5 working days, R4-REF 2, R4-NA 5.
        Assert.Equal([Date("2026-11-27"), Date("2026-11-24"), Date("2026-11-27")], started.Select(o => o.DueOn));
    }

    [Fact]
    public void A_self_referral_with_no_crime_reference_or_report_date_starts_only_the_referral_and_the_needs_assessment_from_its_creation()
    {
        var victimCase = Case(null, null, CaseSource.SelfReferral, "2026-11-23T16:45:00Z");

        var started = CodeClocks.ForNewCase(victimCase, Defaults(), ShippedCalendar, Now).ToList();

        Assert.Equal([CodeRules.Referral, CodeRules.NeedsAssessment], started.Select(o => o.Rule));
        Assert.All(started, o => Assert.Equal((Utc("2026-11-23T16:45:00Z"), "Case recorded"), (o.TriggeredAt, o.TriggerSummary)));
    }

    [Fact]
    public void A_crime_reference_without_a_report_date_is_a_reported_crime_counted_from_the_cases_creation()
    {
        var victimCase = Case(null, "NS/26/2", CaseSource.Phone, "2026-11-23T16:45:00Z");

        var started = CodeClocks.ForNewCase(victimCase, Defaults(), ShippedCalendar, Now).ToList();

        Assert.Equal(3, started.Count);
        Assert.All(started, o => Assert.Equal(Utc("2026-11-23T16:45:00Z"), o.TriggeredAt));
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-23T09:30:00Z", "2026-11-20T00:00:00Z")] // report date earlier (GMT): its London midnight
    [InlineData("2026-07-01", "2026-07-03T09:30:00Z", "2026-06-30T23:00:00Z")] // in summer London midnight is 23:00 UTC the day before
    [InlineData("2026-11-23", "2026-11-23T09:30:00Z", "2026-11-23T00:00:00Z")] // reported the day it was recorded: the day's start
    [InlineData("2026-11-24", "2026-11-23T09:30:00Z", "2026-11-23T09:30:00Z")] // a report date after the creation: the creation, the earlier
    public void The_trigger_is_the_report_dates_London_start_or_the_creation_time_when_that_is_earlier(string reported, string created, string trigger)
    {
        var victimCase = Case(Date(reported), "NS/26/3", CaseSource.PoliceFeed, created);

        var started = CodeClocks.ForNewCase(victimCase, Defaults(), ShippedCalendar, Now).ToList();

        Assert.All(started, o => Assert.Equal(Utc(trigger), o.TriggeredAt));
        Assert.Equal(Utc(trigger), CodeClocks.ReportedAt(Date(reported), Utc(created)));
    }

    [Fact]
    public void A_new_case_uses_the_organisations_targets_for_its_level()
    {
        var victimCase = Case(Date("2026-11-20"), "NS/26/4", CaseSource.PoliceFeed, "2026-11-23T09:30:00Z");
        victimCase.Override(EntitlementLevel.Enhanced, null, "Victim of domestic abuse", Officer());
        var targets = Defaults().ToDictionary();
        targets[CodeRules.Referral] = RuleTarget.Create(Org, CodeRules.Get(CodeRules.Referral), 3, 1, Officer()).Value!;

        var referral = CodeClocks.ForNewCase(victimCase, targets, ShippedCalendar, Now).Single(o => o.Rule == CodeRules.Referral);

        Assert.True(referral.Enhanced);
        Assert.Equal((3, 1), (referral.StandardDays, referral.EnhancedDays));
        Assert.Equal(Date("2026-11-23"), referral.DueOn);
    }

    [Theory]
    [InlineData(InvestigationEventType.SuspectArrested, "R6-ARR")]
    [InlineData(InvestigationEventType.SuspectInterviewedUnderCaution, "R6-IUC")]
    [InlineData(InvestigationEventType.SuspectReleasedNoFurtherAction, "R6-RWC")]
    [InlineData(InvestigationEventType.SuspectBailed, "R6-BAIL")]
    [InlineData(InvestigationEventType.SuspectReleasedUnderInvestigation, "R6-BAIL")]
    [InlineData(InvestigationEventType.BailConditionsChanged, "R6-BAIL")]
    [InlineData(InvestigationEventType.SuspectCharged, "R6-CHG")]
    [InlineData(InvestigationEventType.OutOfCourtDisposal, "R6-CHG")]
    [InlineData(InvestigationEventType.DecisionNotToProsecute, "R6-CHG")]
    [InlineData(InvestigationEventType.DecisionNotToInvestigate, "R6-NOINV")]
    [InlineData(InvestigationEventType.InvestigationClosed, null)]
    [InlineData(InvestigationEventType.InvestigationReopened, null)]
    public void Each_investigation_event_starts_its_right_6_rule_and_closing_or_reopening_starts_none(InvestigationEventType type, string? rule)
    {
        Assert.Equal(rule, CodeClocks.RuleFor(type));
    }

    [Fact]
    public void Every_investigation_event_type_is_mapped_to_a_live_right_6_rule_or_to_none()
    {
        foreach (var type in Enum.GetValues<InvestigationEventType>())
        {
            if (CodeClocks.RuleFor(type) is { } id)
            {
                var rule = CodeRules.Get(id);
                Assert.Equal((6, true, ClockKind.WorkingDays, 5, 1), (rule.Right, rule.Live, rule.Clock, rule.StandardDays, rule.EnhancedDays));
            }
        }
    }
}
