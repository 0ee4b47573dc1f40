using Waypoint.Modules.Intake.Allocation;

namespace Waypoint.UnitTests.Intake;

public sealed class AutoAllocatorTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static AutoOfficer Officer(string name, int open, string skills = "") =>
        new(Guid.CreateVersion7(), name, OfficerSkills.Parse(skills), open);

    private static AutoCase Case(int priority = 3, int minutesOld = 0, string? language = null, params string[] offenceFlags) =>
        new(Guid.CreateVersion7(), priority, T0.AddMinutes(-minutesOld), OfficerSkills.NeededFor(language, offenceFlags));

    [Fact]
    public void Cases_go_to_the_lowest_caseload_and_the_counts_even_out_as_they_are_handed_out()
    {
        var busy = Officer("Busy", 4);
        var free = Officer("Free", 0);
        var cases = Enumerable.Range(0, 6).Select(i => Case(minutesOld: i)).ToList();

        var plan = AutoAllocator.Plan(cases, [busy, free]);

        Assert.Equal(6, plan.Count);
        Assert.Equal(5, plan.Count(a => a.OfficerId == free.Id));
        Assert.Equal(1, plan.Count(a => a.OfficerId == busy.Id));
        Assert.All(plan, a => Assert.True(a.Skilled));
    }

    [Fact]
    public void Priority_one_cases_are_handed_out_first_then_oldest_first()
    {
        var a = Officer("A", 0);
        var b = Officer("B", 1);
        var old = Case(priority: 3, minutesOld: 600);
        var urgent = Case(priority: 1, minutesOld: 5);
        var older = Case(priority: 3, minutesOld: 900);

        var plan = AutoAllocator.Plan([old, urgent, older], [a, b]);

        Assert.Equal([urgent.Id, older.Id, old.Id], plan.Select(p => p.CaseId));
        Assert.Equal(a.Id, plan[0].OfficerId); // the urgent case gets the lowest caseload at the start
    }

    [Fact]
    public void A_Polish_speaking_victim_goes_to_an_officer_who_speaks_Polish_even_with_a_higher_caseload()
    {
        var polish = Officer("Polish speaker", 10, "lang:pl;domestic_abuse_trained");
        var other = Officer("Other", 0);

        var plan = AutoAllocator.Plan([Case(language: "pl")], [polish, other]);

        Assert.Equal(polish.Id, Assert.Single(plan).OfficerId);
        Assert.True(plan[0].Skilled);
    }

    [Fact]
    public void Among_skilled_officers_the_lowest_caseload_wins()
    {
        var busyTrained = Officer("Busy trained", 8, "domestic_abuse_trained");
        var freeTrained = Officer("Free trained", 2, "DOMESTIC_ABUSE_TRAINED");
        var untrained = Officer("Untrained", 0);

        var plan = AutoAllocator.Plan([Case(offenceFlags: "domestic_abuse")], [busyTrained, freeTrained, untrained]);

        Assert.Equal(freeTrained.Id, Assert.Single(plan).OfficerId);
    }

    [Fact]
    public void When_nobody_has_the_skill_the_lowest_caseload_takes_it_and_the_plan_says_what_was_missing()
    {
        var a = Officer("A", 3, "lang:cy");
        var b = Officer("B", 1);

        var plan = AutoAllocator.Plan([Case(offenceFlags: "sexual_offence")], [a, b]);

        var only = Assert.Single(plan);
        Assert.Equal(b.Id, only.OfficerId);
        Assert.False(only.Skilled);
        Assert.Equal([OfficerSkills.SexualViolenceTrained], only.MissingSkills);
    }

    [Fact]
    public void An_officer_with_more_of_the_needed_skills_is_preferred()
    {
        var both = Officer("Both", 5, "lang:pl;domestic_abuse_trained");
        var languageOnly = Officer("Language only", 0, "lang:pl");

        var plan = AutoAllocator.Plan([Case(language: "pl", offenceFlags: "domestic_abuse")], [both, languageOnly]);

        Assert.Equal(both.Id, Assert.Single(plan).OfficerId);
    }

    [Fact]
    public void English_needs_no_language_skill_and_no_officers_means_no_plan()
    {
        Assert.Empty(OfficerSkills.NeededFor("en", []));
        Assert.Empty(OfficerSkills.NeededFor(" EN ", []));
        Assert.Equal(["lang:pl"], OfficerSkills.NeededFor("PL", []));
        Assert.Empty(AutoAllocator.Plan([Case()], []));
    }
}
