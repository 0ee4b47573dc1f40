using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Triage;

namespace Waypoint.UnitTests.Intake;

public sealed class TriageTests
{
    private static readonly DateOnly Offence = new(2026, 11, 20);
    private static readonly TriageOptions Options = new();

    private static TriageOutcome Assess(
        PersonRole role = PersonRole.Victim,
        string[]? offence = null,
        string[]? vulnerability = null,
        string[]? restrictions = null,
        DateOnly? born = null,
        DateOnly? offenceDate = null,
        int crimes = 1,
        TriageOptions? options = null) =>
        Triage.Assess(new TriageInput(role, offence ?? [], vulnerability ?? [], restrictions ?? [], born ?? new DateOnly(1980, 1, 1), offenceDate ?? Offence, crimes), options ?? Options);

    [Fact]
    public void A_victim_with_nothing_to_note_gets_standard_rights_and_the_default_priority_p4()
    {
        var o = Assess();

        Assert.Equal(EntitlementLevel.Standard, o.Level);
        Assert.Empty(o.EnhancedReasons);
        Assert.Equal(4, o.Priority);
        Assert.False(o.RepeatVictim);
        Assert.Equal(["No priority rule matched: standard contact"], o.PriorityReasons);
    }

    [Theory]
    [InlineData("domestic_abuse")]
    [InlineData("hate_crime")]
    [InlineData("sexual_offence")]
    [InlineData("attempted_murder")]
    [InlineData("arson_endangering_life")]
    [InlineData("kidnap_false_imprisonment")]
    [InlineData("human_trafficking")]
    [InlineData("modern_slavery")]
    [InlineData("terrorism")]
    [InlineData("wounding_gbh_with_intent")]
    public void A_victim_of_one_of_the_most_serious_crimes_has_enhanced_rights(string flag)
    {
        var o = Assess(offence: [flag]);

        Assert.Equal(EntitlementLevel.Enhanced, o.Level);
        Assert.Equal(["most_serious:" + flag], o.EnhancedReasons);
        Assert.StartsWith("Most serious crime: ", Triage.DescribeReason(o.EnhancedReasons[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bereaved_relative_has_enhanced_rights_and_priority_p1()
    {
        var o = Assess(role: PersonRole.BereavedRelative, offence: ["homicide"]);

        Assert.Equal(EntitlementLevel.Enhanced, o.Level);
        Assert.Contains("most_serious:bereaved_relative", o.EnhancedReasons);
        Assert.Equal(1, o.Priority);
        Assert.Contains("P1: Bereaved by homicide", o.PriorityReasons);
    }

    [Fact]
    public void A_homicide_flag_alone_does_not_make_a_witness_enhanced()
    {
        var o = Assess(role: PersonRole.Witness, offence: ["homicide"]);

        Assert.Equal(EntitlementLevel.Standard, o.Level);
    }

    [Theory]
    [InlineData(null, "stalking_harassment", "persistently_targeted:stalking_harassment")]
    [InlineData("persistently_targeted", null, "persistently_targeted:flagged")]
    [InlineData("mental_disorder", null, "vulnerable:mental_disorder")]
    [InlineData("learning_disability", null, "vulnerable:learning_disability")]
    [InlineData("physical_disability", null, "vulnerable:physical_disability")]
    [InlineData("intimidated", null, "intimidated")]
    public void Each_enhanced_rights_reason_of_a2_is_recorded(string? vulnerability, string? offence, string reason)
    {
        var o = Assess(offence: offence is null ? [] : [offence], vulnerability: vulnerability is null ? [] : [vulnerability]);

        Assert.Equal(EntitlementLevel.Enhanced, o.Level);
        Assert.Equal([reason], o.EnhancedReasons);
        Assert.NotEqual(reason, Triage.DescribeReason(reason));
    }

    [Fact]
    public void A_victim_who_is_17_on_the_date_of_the_offence_is_under_18()
    {
        var o = Assess(born: Offence.AddYears(-18).AddDays(1));

        Assert.Equal(EntitlementLevel.Enhanced, o.Level);
        Assert.Equal(["vulnerable:under_18"], o.EnhancedReasons);
        Assert.Equal("Vulnerable: under 18 at the time of the offence", Triage.DescribeReason("vulnerable:under_18"));
    }

    [Fact]
    public void A_victim_whose_18th_birthday_is_the_date_of_the_offence_is_not_under_18()
    {
        var o = Assess(born: Offence.AddYears(-18));

        Assert.Equal(EntitlementLevel.Standard, o.Level);
        Assert.Empty(o.EnhancedReasons);
    }

    [Fact]
    public void Age_is_taken_on_the_offence_date_not_today()
    {
        // 17 when it happened, 18 by the time it is triaged: still under 18 for the Code.
        var o = Assess(born: new DateOnly(2008, 12, 1), offenceDate: new DateOnly(2026, 11, 20));

        Assert.Contains("vulnerable:under_18", o.EnhancedReasons);
    }

    [Fact]
    public void An_unknown_date_of_birth_is_not_taken_as_under_18()
    {
        var o = Triage.Assess(new TriageInput(PersonRole.Victim, [], [], [], null, Offence, 1), Options);

        Assert.Equal(EntitlementLevel.Standard, o.Level);
    }

    [Fact]
    public void Two_crimes_in_the_window_are_not_a_repeat_victim_and_three_are()
    {
        var two = Assess(crimes: 2);
        var three = Assess(crimes: 3);

        Assert.False(two.RepeatVictim);
        Assert.Equal(EntitlementLevel.Standard, two.Level);
        Assert.True(three.RepeatVictim);
        Assert.Equal(EntitlementLevel.Enhanced, three.Level);
        Assert.Equal(["persistently_targeted:repeat_victim"], three.EnhancedReasons);
        Assert.Equal(2, three.Priority);
        Assert.Contains("P2: Repeat victim", three.PriorityReasons);
    }

    [Fact]
    public void The_repeat_threshold_is_configurable()
    {
        var o = Assess(crimes: 2, options: new TriageOptions { RepeatVictimCrimes = 2 });

        Assert.True(o.RepeatVictim);
    }

    [Fact]
    public void A_repeat_victim_flag_from_the_feed_counts_whatever_the_count()
    {
        var o = Assess(vulnerability: ["repeat_victim"]);

        Assert.True(o.RepeatVictim);
        Assert.Contains("persistently_targeted:repeat_victim", o.EnhancedReasons);
    }

    [Theory]
    [InlineData("sexual_offence", null, null, 1)]
    [InlineData("domestic_abuse", null, null, 1)]
    [InlineData("wounding_gbh_with_intent", null, null, 1)]
    [InlineData("child_victim", null, null, 1)]
    [InlineData(null, null, "perpetrator_has_phone_access", 1)]
    [InlineData("hate_crime", null, null, 2)]
    [InlineData(null, "intimidated", null, 2)]
    [InlineData(null, "elderly", null, 3)]
    [InlineData(null, "communication_needs", null, 3)]
    [InlineData(null, null, "no_voicemail", 3)]
    [InlineData(null, null, "safe_times_only", 3)]
    [InlineData("fraud", null, null, 4)]
    public void Each_priority_rule_sets_its_priority(string? offence, string? vulnerability, string? restriction, int priority)
    {
        var o = Assess(offence: offence is null ? [] : [offence], vulnerability: vulnerability is null ? [] : [vulnerability],
            restrictions: restriction is null ? [] : [restriction]);

        Assert.Equal(priority, o.Priority);
    }

    [Fact]
    public void A_child_gets_p1_from_their_age_alone()
    {
        var o = Assess(born: Offence.AddYears(-12));

        Assert.Equal(1, o.Priority);
        Assert.Contains("P1: Child victim", o.PriorityReasons);
    }

    [Fact]
    public void The_highest_priority_wins_and_every_matching_rule_is_a_reason_highest_first()
    {
        var o = Assess(offence: ["domestic_abuse"], vulnerability: ["elderly"], restrictions: ["no_letters"]);

        Assert.Equal(1, o.Priority);
        Assert.Equal(["P1: Domestic abuse", "P2: Enhanced rights", "P3: Elderly or communication needs", "P3: Contact restrictions"], o.PriorityReasons);
    }

    [Fact]
    public void A_configured_default_priority_applies_when_no_rule_matches()
    {
        var o = Assess(options: new TriageOptions { DefaultPriority = 3 });

        Assert.Equal(3, o.Priority);
    }
}
