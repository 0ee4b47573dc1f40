using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.UnitTests.Cases;

public sealed class VictimCaseRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.CreateVersion7();

    private static Actor Officer(Guid? id = null, string name = "Priya Shah") => new()
    {
        UserId = id ?? Guid.CreateVersion7(),
        Name = name,
        OrganisationId = Org,
        OrganisationName = "Northshire Police",
        OrganisationCode = "NS",
        Roles = new HashSet<string> { Roles.TeamLeader },
        Now = Now,
    };

    private static VictimCase NewCase(Actor actor, CaseSource source = CaseSource.Phone, string? agency = null)
    {
        var person = new Person(Org, Org, "NSP1", new PersonDetails("Morwenna", "Trelawney", null, null, null, "07700 900456", null, null, null, null, "ns1 2ab", null, false), Now);
        var crime = new Crime(Org, "NS/26/1", new CrimeDetails("45", "Theft from a vehicle", new DateOnly(2026, 11, 20), null, null, null, null, null), Now);
        return new VictimCase(Org, person, crime, PersonRole.Victim, source, agency, actor);
    }

    [Fact]
    public void A_new_case_starts_in_the_intake_queue_with_its_recording_on_the_timeline()
    {
        var c = NewCase(Officer(), CaseSource.AgencyReferral, "  Northshire Women's Aid ");

        Assert.Equal(CaseStatus.New, c.Status);
        Assert.Null(c.TeamId);
        Assert.Equal("Northshire Women's Aid", c.ReferringAgency);
        var entry = Assert.Single(c.Timeline);
        Assert.Equal(TimelineKind.Recorded, entry.Kind);
        Assert.Contains("Northshire Women's Aid", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(Now, entry.At);
    }

    [Fact]
    public void Allocating_to_an_officer_makes_a_new_case_active_and_says_so_on_the_timeline()
    {
        var actor = Officer();
        var c = NewCase(actor);
        var officer = Guid.CreateVersion7();

        var result = c.Allocate(Guid.CreateVersion7(), "Victim Care North", officer, "Tom Griffiths", actor);

        Assert.True(result.Succeeded);
        Assert.Equal(CaseStatus.Active, c.Status);
        Assert.Equal(officer, c.AllocatedOfficerId);
        Assert.Equal(Now, c.AllocatedAt);
        Assert.Equal("Allocated to Tom Griffiths (Victim Care North)", c.Timeline[^1].Summary);
    }

    [Fact]
    public void Allocating_to_a_team_only_keeps_the_case_new()
    {
        var actor = Officer();
        var c = NewCase(actor);

        c.Allocate(Guid.CreateVersion7(), "Victim Care North", null, null, actor);

        Assert.Equal(CaseStatus.New, c.Status);
        Assert.Equal("Allocated to Victim Care North", c.Timeline[^1].Summary);
    }

    [Fact]
    public void Allocating_again_to_the_same_place_adds_nothing_to_the_timeline()
    {
        var actor = Officer();
        var c = NewCase(actor);
        var team = Guid.CreateVersion7();
        c.Allocate(team, "Victim Care North", null, null, actor);

        c.Allocate(team, "Victim Care North", null, null, actor);

        Assert.Equal(2, c.Timeline.Count);
    }

    [Fact]
    public void Restricting_needs_a_reason_and_names_the_restricting_user_and_the_allocated_officer()
    {
        var leader = Officer();
        var c = NewCase(leader);
        var officer = Guid.CreateVersion7();
        c.Allocate(Guid.CreateVersion7(), "Victim Care North", officer, "Tom Griffiths", leader);

        var refused = c.Restrict("  ", [], leader);
        Assert.Equal(ResultKind.Rejected, refused.Kind);
        Assert.False(c.Restricted);

        var ok = c.Restrict("Professional Standards investigation", [], leader);
        Assert.True(ok.Succeeded);
        Assert.True(c.Restricted);
        Assert.Equal(new HashSet<Guid> { leader.UserId!.Value, officer }, c.NamedUsers.Select(n => n.UserId).ToHashSet());
    }

    [Fact]
    public void The_last_named_user_of_a_restricted_case_cannot_be_removed()
    {
        var leader = Officer();
        var c = NewCase(leader);
        c.Restrict("Staff victim", [], leader);

        var result = c.RemoveNamedUser(leader.UserId!.Value);

        Assert.Equal(ResultKind.Rejected, result.Kind);
        Assert.Single(c.NamedUsers);
    }

    [Fact]
    public void Break_glass_is_refused_on_an_unrestricted_case_and_without_a_real_reason()
    {
        var leader = Officer();
        var c = NewCase(leader);

        Assert.Equal(ResultKind.Rejected, c.TakeBreakGlass("Safeguarding concern raised tonight", TimeSpan.FromHours(8), leader).Kind);

        c.Restrict("High-profile case", [], leader);
        var other = Officer(name: "Daniel Hughes");
        Assert.Equal(ResultKind.Rejected, c.TakeBreakGlass("because", TimeSpan.FromHours(8), other).Kind);
        Assert.Empty(c.BreakGlass);
    }

    [Fact]
    public void Break_glass_is_time_limited_and_its_reason_is_on_the_timeline()
    {
        var leader = Officer();
        var c = NewCase(leader);
        c.Restrict("High-profile case", [], leader);
        var other = Officer(name: "Daniel Hughes");

        var result = c.TakeBreakGlass("Out-of-hours safeguarding call from the victim", TimeSpan.FromHours(8), other);

        Assert.True(result.Succeeded);
        var grant = Assert.Single(c.BreakGlass);
        Assert.Equal(Now.AddHours(8), grant.ExpiresAt);
        Assert.Contains("Out-of-hours safeguarding call from the victim", c.Timeline[^1].Summary, StringComparison.Ordinal);
        Assert.Contains("Daniel Hughes", c.Timeline[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_case_cannot_be_allocated()
    {
        var actor = Officer();
        var c = NewCase(actor);
        typeof(VictimCase).GetProperty(nameof(VictimCase.Status))!.SetValue(c, CaseStatus.Closed);

        var result = c.Allocate(Guid.CreateVersion7(), "Victim Care North", null, null, actor);

        Assert.Equal(ResultKind.Rejected, result.Kind);
    }

    [Fact]
    public void A_person_is_shown_by_name_or_else_by_business()
    {
        Assert.Equal("Morwenna Trelawney", Person.FullName("Morwenna", "Trelawney", null));
        Assert.Equal("Kingsmoor Hardware Ltd", Person.FullName(null, null, "Kingsmoor Hardware Ltd"));
        Assert.Equal("(no name)", Person.FullName(" ", null, null));
    }

    [Fact]
    public void Person_details_are_trimmed_and_blank_values_stored_as_nothing()
    {
        var p = new Person(Org, null, "  ", new PersonDetails(" Ffion ", "Hughes", "", null, " ", null, null, null, null, null, "cf10 1aa", null, false), Now);

        Assert.Equal("Ffion", p.FirstName);
        Assert.Null(p.BusinessName);
        Assert.Null(p.Phone);
        Assert.Null(p.PersonReference);
        Assert.Equal("CF10 1AA", p.Postcode);
    }

    [Fact]
    public void The_date_of_offence_defaults_to_the_date_reported()
    {
        var crime = new Crime(Org, "NS/26/2", new CrimeDetails(null, " Burglary ", new DateOnly(2026, 11, 2), null, null, null, null, null), Now);

        Assert.Equal(new DateOnly(2026, 11, 2), crime.DateOfOffence);
        Assert.Equal("Burglary", crime.OffenceDescription);
    }
}
