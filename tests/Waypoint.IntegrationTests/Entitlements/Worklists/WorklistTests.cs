using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Worklists;

public sealed class WorklistTests(WorklistApp app) : IClassFixture<WorklistApp>, IDisposable
{
    public void Dispose() => app.Clock.At = null;

    /// <summary>A Thursday at least two days ahead of the real date: far enough to put the clock either side of its midnights.</summary>
    private static DateOnly Thursday()
    {
        var d = WorklistApp.RealToday.AddDays(2);
        while (d.DayOfWeek != DayOfWeek.Thursday)
        {
            d = d.AddDays(1);
        }
        return d;
    }

    private static DateTimeOffset JustBeforeMidnightEnding(DateOnly day) => new(UkTime.StartOfDay(day.AddDays(1)).AddMinutes(-1), TimeSpan.Zero);

    private static DateTimeOffset JustAfterMidnightStarting(DateOnly day) => new(UkTime.StartOfDay(day).AddMinutes(1), TimeSpan.Zero);

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> CaseIds(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid()).ToList();

    [Fact]
    public async Task Mine_lists_my_obligations_team_my_teams_and_unallocated_the_organisations_with_no_team()
    {
        var force = await app.Data.OrganisationAsync();
        var teamA = await app.Data.TeamAsync(force, "Team A");
        var teamB = await app.Data.TeamAsync(force, "Team B");
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, teamA);
        var colleague = await app.Data.UserAsync(force, Roles.VictimCareOfficer, teamA);
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, teamA);
        var yesterday = WorklistApp.RealToday.AddDays(-1);

        var mine = await app.Data.CaseAsync(force, "Mine", team: teamA, officer: officer);
        var colleagues = await app.Data.CaseAsync(force, "Colleagues", team: teamA, officer: colleague);
        var otherTeam = await app.Data.CaseAsync(force, "Otherteam", team: teamB);
        var noTeam = await app.Data.CaseAsync(force, "Noteam");
        foreach (var id in new[] { mine, colleagues, otherTeam, noTeam })
        {
            await app.DueOnAsync(id, yesterday);
        }

        var client = await app.SignedInAsync(officer);
        Assert.Equal([mine], CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=overdue")));
        var team = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=team&when=overdue");
        Assert.Equal(new[] { mine, colleagues }.Order(), CaseIds(team).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/worklists/obligations?scope=unallocated&when=overdue")).StatusCode);

        var lead = await app.SignedInAsync(leader);
        Assert.Equal([noTeam], CaseIds(await GetJsonAsync(lead, "/api/v1/worklists/obligations?scope=unallocated&when=overdue")));
        Assert.Empty(CaseIds(await GetJsonAsync(lead, "/api/v1/worklists/obligations?scope=mine&when=overdue")));

        var page = await lead.GetStringAsync("/work/obligations?scope=unallocated&when=overdue");
        Assert.Contains("Noteam", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Otherteam", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{noTeam}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Today_overdue_and_this_week_turn_over_at_midnight_in_London()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var thursday = Thursday();
        var wednesday = await app.Data.CaseAsync(force, "Wednesday", team: team, officer: officer);
        var thursdays = await app.Data.CaseAsync(force, "Thursday", team: team, officer: officer);
        var friday = await app.Data.CaseAsync(force, "Friday", team: team, officer: officer);
        var monday = await app.Data.CaseAsync(force, "Monday", team: team, officer: officer);
        await app.DueOnAsync(wednesday, thursday.AddDays(-1));
        await app.DueOnAsync(thursdays, thursday);
        await app.DueOnAsync(friday, thursday.AddDays(1));
        await app.DueOnAsync(monday, thursday.AddDays(4));

        // Thursday, one minute to midnight.
        app.Clock.At = JustBeforeMidnightEnding(thursday);
        var client = await app.SignedInAsync(officer);
        var overdue = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=overdue");
        Assert.Equal([wednesday], CaseIds(overdue));
        Assert.Equal(thursday.ToString("yyyy-MM-dd"), overdue.GetProperty("today").GetString());
        Assert.Equal(thursday.AddDays(1).ToString("yyyy-MM-dd"), overdue.GetProperty("weekEnds").GetString());
        Assert.Equal(1, overdue.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32());
        Assert.Equal([thursdays], CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=today")));
        Assert.Equal([thursdays, friday], CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=week")));
        var counts = overdue.GetProperty("counts");
        Assert.Equal((1, 1, 2), (counts.GetProperty("overdue").GetInt32(), counts.GetProperty("today").GetInt32(), counts.GetProperty("week").GetInt32()));

        // Friday, one minute past midnight: Thursday's is now overdue, by one day; Wednesday's by two.
        app.Clock.At = JustAfterMidnightStarting(thursday.AddDays(1));
        client = await app.SignedInAsync(officer);
        overdue = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=overdue");
        Assert.Equal([wednesday, thursdays], CaseIds(overdue));
        Assert.Equal([2, 1], overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("daysOverdue").GetInt32()).ToList());
        Assert.Equal([friday], CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=today")));
        Assert.Equal([friday], CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=week")));

        // Saturday: nothing is due today, and "this week" is the coming working week, to Friday.
        app.Clock.At = JustAfterMidnightStarting(thursday.AddDays(2));
        client = await app.SignedInAsync(officer);
        Assert.Empty(CaseIds(await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=today")));
        var week = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=week");
        Assert.Equal([monday], CaseIds(week));
        Assert.Equal(thursday.AddDays(8).ToString("yyyy-MM-dd"), week.GetProperty("weekEnds").GetString());

        var page = await client.GetStringAsync("/work/obligations?scope=mine&when=today");
        Assert.Contains("You have no obligations due today.", page, StringComparison.Ordinal);
        Assert.Contains("<title>My obligations: due today - Waypoint</title>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_cases_and_cases_of_another_organisation_never_appear()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var colleague = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, team);
        var yesterday = WorklistApp.RealToday.AddDays(-1);

        var visible = await app.Data.CaseAsync(force, "Visible", team: team, officer: officer);
        var restricted = await app.Data.CaseAsync(force, "Hiddenname", team: team, officer: colleague, restricted: true);
        var named = await app.Data.CaseAsync(force, "Named", team: team, officer: officer, restricted: true, namedUsers: [officer]);
        // Another organisation's case, even carrying our team and officer by mistake, and one with no team.
        var foreign = await app.Data.CaseAsync(other, "Foreign", team: team, officer: officer, owner: other);
        var foreignNoTeam = await app.Data.CaseAsync(other, "Foreignnoteam");
        foreach (var id in new[] { visible, restricted, named, foreign, foreignNoTeam })
        {
            await app.DueOnAsync(id, yesterday);
        }

        var client = await app.SignedInAsync(officer);
        foreach (var scope in new[] { "mine", "team" })
        {
            var list = await GetJsonAsync(client, $"/api/v1/worklists/obligations?scope={scope}&when=overdue");
            Assert.Equal(new[] { visible, named }.Order(), CaseIds(list).Order());
            Assert.Equal(2, list.GetProperty("counts").GetProperty("overdue").GetInt32());
        }
        var lead = await app.SignedInAsync(leader);
        Assert.Equal([visible], CaseIds(await GetJsonAsync(lead, "/api/v1/worklists/obligations?scope=team&when=overdue")));
        Assert.Empty(CaseIds(await GetJsonAsync(lead, "/api/v1/worklists/obligations?scope=unallocated&when=overdue")));
        var page = await client.GetStringAsync("/work/obligations?scope=team&when=overdue");
        Assert.DoesNotContain("Hiddenname", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Foreign", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_a_page_of_rows_with_every_field_and_the_counts_of_each_tab()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var ids = new List<Guid>();
        for (var i = 0; i < 27; i++)
        {
            var id = await app.Data.CaseAsync(force, "Paged", team: team, officer: officer, crimeReference: $"{force.Code}/26/9{i:D5}");
            await app.DueOnAsync(id, WorklistApp.RealToday.AddDays(-1 - (i % 3)));
            ids.Add(id);
        }
        var client = await app.SignedInAsync(officer);

        var first = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=overdue");
        Assert.Equal("mine", first.GetProperty("scope").GetString());
        Assert.Equal("overdue", first.GetProperty("when").GetString());
        Assert.Equal(27, first.GetProperty("total").GetInt32());
        Assert.Equal(25, first.GetProperty("items").GetArrayLength());
        var row = first.GetProperty("items")[0];
        Assert.Equal(WorklistApp.RealToday.AddDays(-3).ToString("yyyy-MM-dd"), row.GetProperty("dueOn").GetString());
        Assert.Equal(3, row.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("Alex Paged", row.GetProperty("victimName").GetString());
        Assert.StartsWith($"{force.Code}/26/9", row.GetProperty("crimeReference").GetString(), StringComparison.Ordinal);
        Assert.Equal("R3-ACK", row.GetProperty("rule").GetString());
        Assert.Equal("Written acknowledgement of the report", row.GetProperty("ruleTitle").GetString());
        Assert.Equal(3, row.GetProperty("right").GetInt32());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("rightName").GetString()));
        Assert.Equal("Officer " + officer.UserName, row.GetProperty("officer").GetString());
        Assert.True(row.TryGetProperty("obligationId", out _));
        Assert.True(row.TryGetProperty("caseId", out _));
        var dues = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("dueOn").GetString()).ToList();
        Assert.Equal(dues.Order(StringComparer.Ordinal).ToList(), dues);

        var second = await GetJsonAsync(client, "/api/v1/worklists/obligations?scope=mine&when=overdue&page=2");
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(27, CaseIds(first).Concat(CaseIds(second)).Distinct().Count());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/worklists/obligations?scope=everyone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/worklists/obligations?when=someday")).StatusCode);

        var html = await client.GetStringAsync("/work/obligations?scope=mine&when=overdue");
        Assert.Contains("27 obligations overdue, earliest due first", html, StringComparison.Ordinal);
        Assert.Contains("govuk-pagination", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/work/obligations?scope=team&amp;when=overdue\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_work_shows_my_counts_with_links_and_a_team_leader_also_sees_the_teams()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, team);
        var overdue = await app.Data.CaseAsync(force, "Latecase", team: team, officer: officer);
        var today = await app.Data.CaseAsync(force, "Todaycase", team: team, officer: officer);
        await app.DueOnAsync(overdue, WorklistApp.RealToday.AddDays(-2));
        await app.DueOnAsync(today, WorklistApp.RealToday);

        var html = await (await app.SignedInAsync(officer)).GetStringAsync("/");
        var summary = html[html.IndexOf("data-testid=\"my-counts\"", StringComparison.Ordinal)..];
        Assert.Matches("data-when=\"overdue\">\\s*<a[^>]*href=\"/work/obligations\\?scope=mine&amp;when=overdue\"[^>]*>\\s*<span[^>]*>1</span>", summary);
        Assert.Matches("data-when=\"today\">\\s*<a[^>]*>\\s*<span[^>]*>1</span>", summary);
        Assert.Contains("Latecase", html, StringComparison.Ordinal);
        Assert.Contains("New to you", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"team-counts\"", html, StringComparison.Ordinal);

        var lead = await (await app.SignedInAsync(leader)).GetStringAsync("/");
        var teamCounts = lead[lead.IndexOf("data-testid=\"team-counts\"", StringComparison.Ordinal)..];
        Assert.Matches("data-when=\"overdue\">\\s*<a[^>]*href=\"/work/obligations\\?scope=team&amp;when=overdue\"[^>]*>\\s*<span[^>]*>1</span>", teamCounts);
        Assert.Contains("No overdue obligations are escalated to you.", lead, StringComparison.Ordinal);
    }
}
