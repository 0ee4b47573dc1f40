using System.Globalization;
using System.Net;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Intake.Cohort.CohortJson;

namespace Waypoint.IntegrationTests.Intake.Cohort;

public sealed class CohortViewTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private readonly CohortSeed _seed = new(app);

    [Fact]
    public async Task The_daily_cohort_shows_todays_and_yesterdays_cases_but_not_older_ones_and_any_period_on_demand()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var now = DateTime.UtcNow;
        await _seed.CaseAsync(org, now.AddMinutes(-2), "Todaycase");
        await _seed.CaseAsync(org, now.AddDays(-1), "Yesterdaycase");
        var oldCreated = now.AddDays(-12);
        await _seed.CaseAsync(org, oldCreated, "Oldcase");
        var client = await app.SignedInAsync(officer);

        var page = await client.GetStringAsync("/cohort");

        Assert.Contains("Todaycase", page, StringComparison.Ordinal);
        Assert.Contains("Yesterdaycase", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Oldcase", page, StringComparison.Ordinal);
        Assert.Contains("<title>Cohort - Waypoint</title>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cohort\"", page, StringComparison.Ordinal); // in the main navigation

        var day = UkTime.Today(oldCreated).ToString("d/M/yyyy", CultureInfo.InvariantCulture);
        var then = await client.GetStringAsync($"/cohort?from={day}&to={day}");
        Assert.Contains("Oldcase", then, StringComparison.Ordinal);
        Assert.DoesNotContain("Todaycase", then, StringComparison.Ordinal);

        var backwards = await client.GetStringAsync($"/cohort?from={UkTime.Today(now):d/M/yyyy}&to={day}".Replace("-", "/", StringComparison.Ordinal));
        Assert.Contains("The start date must be the same as or before the end date", backwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cases_are_sorted_by_priority_then_oldest_first_on_the_page_and_in_the_api()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var now = DateTime.UtcNow;
        await _seed.CaseAsync(org, now.AddHours(-5), "Pthreeold", priority: 3);
        await _seed.CaseAsync(org, now.AddHours(-1), "Ponenew", priority: 1);
        await _seed.CaseAsync(org, now.AddHours(-3), "Poneold", priority: 1);
        await _seed.CaseAsync(org, now.AddHours(-2), "Ptwo", priority: 2);
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var (names, total) = await CohortAsync(api, "");

        Assert.Equal(["Poneold", "Ponenew", "Ptwo", "Pthreeold"], names);
        Assert.Equal(4, total);

        var page = await (await app.SignedInAsync(officer)).GetStringAsync("/cohort");
        var positions = new[] { "Poneold", "Ponenew", "Ptwo", "Pthreeold" }.Select(n => page.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.True(positions.SequenceEqual(positions.Order()), "rows in priority then age order");
        Assert.Contains("data-testid=\"priority-count-1\">2<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"priority-count-4\">0<", page, StringComparison.Ordinal);
        Assert.Contains("3 hours ago", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_filter_narrows_the_cohort()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var now = DateTime.UtcNow;
        await _seed.CaseAsync(org, now.AddHours(-1), "Plain", priority: 4);
        await _seed.CaseAsync(org, now.AddHours(-2), "Urgent", priority: 1);
        await _seed.CaseAsync(org, now.AddHours(-3), "Domestic", offenceFlags: ["domestic_abuse", "hate_crime"]);
        await _seed.CaseAsync(org, now.AddHours(-4), "Enhanced", enhanced: true, repeatVictim: true);
        await _seed.CaseAsync(org, now.AddHours(-5), "Teamonly", team: team);
        await _seed.CaseAsync(org, now.AddHours(-6), "Withofficer", team: team, officer: officer);
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        Assert.Equal(6, (await CohortAsync(api, "")).Total);
        Assert.Equal(["Withofficer", "Teamonly"], (await CohortAsync(api, $"teamId={team.Id}")).LastNames);
        Assert.Equal(["Urgent"], (await CohortAsync(api, "priority=1")).LastNames);
        Assert.Equal(["Domestic"], (await CohortAsync(api, "offence=domestic_abuse")).LastNames);
        Assert.Empty((await CohortAsync(api, "offence=abuse")).LastNames);
        Assert.Equal(["Enhanced"], (await CohortAsync(api, "enhanced=true")).LastNames);
        Assert.Equal(5, (await CohortAsync(api, "unallocated=true")).Total);
        Assert.DoesNotContain("Withofficer", (await CohortAsync(api, "unallocated=true")).LastNames);
        var paged = await CohortAsync(api, "pageSize=2&page=2");
        Assert.Equal(2, paged.LastNames.Count);
        Assert.Equal(6, paged.Total);

        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync("/cohort?offence=hate_crime&enhanced=false");
        Assert.Contains("Domestic", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Plain", page, StringComparison.Ordinal);
        var enhanced = await client.GetStringAsync("/cohort?enhanced=true");
        Assert.Contains("Repeat victim", enhanced, StringComparison.Ordinal);
        Assert.Contains(">Enhanced</strong>", enhanced, StringComparison.Ordinal);
        var unallocated = await client.GetStringAsync($"/cohort?unallocated=true&team={team.Id}");
        Assert.Contains("Teamonly", unallocated, StringComparison.Ordinal);
        Assert.DoesNotContain("Withofficer", unallocated, StringComparison.Ordinal);
        Assert.DoesNotContain("Urgent", unallocated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_cases_never_appear_in_the_cohort()
    {
        var org = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        await _seed.CaseAsync(other, DateTime.UtcNow.AddMinutes(-5), "Elsewhere");

        var page = await (await app.SignedInAsync(officer)).GetStringAsync("/cohort");

        Assert.DoesNotContain("Elsewhere", page, StringComparison.Ordinal);
        Assert.Contains("0 cases match", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_who_do_not_read_cases_cannot_open_the_cohort()
    {
        var org = await app.Data.OrganisationAsync();
        var auditor = await app.Data.UserAsync(org, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        var response = await client.GetAsync("/cohort");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
