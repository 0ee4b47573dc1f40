using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Compliance;

public sealed partial class ComplianceFiguresTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static readonly string[] AllOutcomes = ["due", "met", "late", "overdue", "open", "not_applicable"];

    [Fact]
    public async Task The_figures_count_each_outcome_exactly_and_give_the_percentage_on_time_of_met_late_and_overdue()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);

        var page = await client.GetStringAsync($"/compliance?{ComplianceWorld.Period}&groupBy=rule");

        var referral = Row(page, "R4-REF");
        Assert.Equal(new Dictionary<string, string> { ["due"] = "5", ["met"] = "1", ["late"] = "1", ["overdue"] = "1", ["open"] = "1", ["not_applicable"] = "1", ["percent"] = "33.3%" }, referral);
        var acknowledgement = Row(page, "R3-ACK");
        Assert.Equal("5", acknowledgement["due"]);
        Assert.Equal("4", acknowledgement["overdue"]);
        Assert.Equal("1", acknowledgement["open"]);
        Assert.Equal("0%", acknowledgement["percent"]);
        var total = Row(page, "total");
        Assert.Equal("15", total["due"]);
        Assert.Equal("9", total["overdue"]);
        Assert.Equal("1", total["met"]);
        Assert.Equal("9.1%", total["percent"]);
        Assert.Contains("Met on time, divided by met on time plus met late plus overdue", page, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title\">", page, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"chart-desc\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_with_nothing_met_or_overdue_shows_a_dash_never_zero_percent()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var today = ComplianceWorld.Today;
        var period = $"from={ComplianceWorld.Iso(today)}&to={ComplianceWorld.Iso(today.AddDays(30))}";

        var page = await client.GetStringAsync($"/compliance?{period}&groupBy=rule");
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{period}&groupBy=rule");

        var referral = Row(page, "R4-REF");
        Assert.Equal("1", referral["open"]);
        Assert.Equal("-", referral["percent"]);
        var group = Group(json, "R4-REF");
        Assert.Equal(1, group.GetProperty("counts").GetProperty("notYetDue").GetInt32());
        Assert.Equal(JsonValueKind.Null, group.GetProperty("counts").GetProperty("percentOnTime").ValueKind);
    }

    [Fact]
    public async Task Obligations_are_counted_in_the_period_of_their_due_date()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        await app.Data.CaseAsync(world.Org, lastName: "Longago", reportedDaysAgo: 200);
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));
        var today = ComplianceWorld.Today;

        var recent = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}");
        var wider = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?from={ComplianceWorld.Iso(today.AddDays(-250))}&to={ComplianceWorld.Iso(today.AddDays(30))}");
        var onlyOld = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?from={ComplianceWorld.Iso(today.AddDays(-250))}&to={ComplianceWorld.Iso(today.AddDays(-150))}");

        Assert.Equal(15, recent.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(18, wider.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(3, onlyOld.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(3, onlyOld.GetProperty("total").GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Figures_group_by_team_and_by_officer_and_filter_to_one_team_or_officer()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));

        var byTeam = await client.GetStringAsync($"/compliance?{ComplianceWorld.Period}&groupBy=team");
        Assert.Equal("9", Row(byTeam, world.TeamA.Id.ToString())["due"]);
        Assert.Equal("1", Row(byTeam, world.TeamA.Id.ToString())["met"]);
        Assert.Equal("6", Row(byTeam, world.TeamB.Id.ToString())["due"]);
        Assert.Equal("5", Row(byTeam, world.TeamB.Id.ToString())["overdue"]);
        Assert.Contains(world.TeamA.Name, byTeam, StringComparison.Ordinal);

        var byOfficer = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}&groupBy=officer");
        Assert.Equal("officer", byOfficer.GetProperty("groupBy").GetString());
        Assert.Equal(9, Group(byOfficer, world.OfficerA.Id.ToString()).GetProperty("counts").GetProperty("due").GetInt32());
        Assert.Equal(6, Group(byOfficer, world.OfficerB.Id.ToString()).GetProperty("counts").GetProperty("due").GetInt32());
        Assert.Equal("Officer " + world.OfficerA.UserName, Group(byOfficer, world.OfficerA.Id.ToString()).GetProperty("name").GetString());

        var teamB = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}&groupBy=rule&teamId={world.TeamB.Id}");
        Assert.Equal(6, teamB.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(1, Group(teamB, "R4-REF").GetProperty("counts").GetProperty("notApplicable").GetInt32());

        var officerA = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}&groupBy=right&officerId={world.OfficerA.Id}");
        Assert.Equal(9, officerA.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(6, Group(officerA, "4").GetProperty("counts").GetProperty("due").GetInt32());
        Assert.Equal(3, Group(officerA, "3").GetProperty("counts").GetProperty("due").GetInt32());
    }

    [Fact]
    public async Task Every_number_opens_exactly_the_cases_behind_it()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var figures = await client.GetStringAsync($"/compliance?{ComplianceWorld.Period}&groupBy=rule");
        var expected = new Dictionary<string, Guid[]>
        {
            ["due"] = [world.Met, world.Late, world.Overdue, world.NotApplicable, world.NotYetDue],
            ["met"] = [world.Met],
            ["late"] = [world.Late],
            ["overdue"] = [world.Overdue],
            ["open"] = [world.NotYetDue],
            ["not_applicable"] = [world.NotApplicable],
        };

        foreach (var outcome in AllOutcomes)
        {
            var link = Link(figures, "R4-REF", outcome);
            var page = await client.GetStringAsync(link);
            var listed = CaseLinks(page);
            Assert.Equal(int.Parse(Row(figures, "R4-REF")[outcome], System.Globalization.CultureInfo.InvariantCulture), listed.Count);
            Assert.Equal(expected[outcome].OrderBy(g => g), listed.OrderBy(g => g));
            Assert.DoesNotContain("data-testid=\"hidden-note\"", page, StringComparison.Ordinal);
        }
        var dueAll = await client.GetStringAsync(Link(figures, "total", "due"));
        Assert.Equal(15, Regex.Count(dueAll, "data-obligation="));
        Assert.Contains("Metlate", await client.GetStringAsync(Link(figures, "R4-REF", "late")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_case_is_left_out_of_the_drill_down_with_a_note_saying_how_many()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var hidden = await app.Data.CaseAsync(world.Org, lastName: "Secretcase", team: world.TeamB, officer: world.OfficerB, reportedDaysAgo: 40,
            restricted: true, namedUsers: [world.OfficerB]);
        var client = await app.SignedInAsync(world.Reader);

        var figures = await client.GetStringAsync($"/compliance?{ComplianceWorld.Period}&groupBy=rule");
        Assert.Equal("2", Row(figures, "R4-REF")["overdue"]);
        var page = await client.GetStringAsync(Link(figures, "R4-REF", "overdue"));

        Assert.Equal([world.Overdue], CaseLinks(page));
        Assert.DoesNotContain(hidden.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretcase", page, StringComparison.Ordinal);
        Assert.Contains("2 obligations are behind this figure", page, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"hidden-note\">\\s*1 obligation is on cases you cannot see", page);
    }

    [Fact]
    public async Task The_figures_download_as_csv_and_as_an_excel_workbook()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var today = ComplianceWorld.Today;

        var csv = await client.GetAsync($"/compliance/export?format=csv&{ComplianceWorld.Period}&groupBy=rule");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"waypoint-compliance-{ComplianceWorld.Iso(today.AddDays(-90))}-to-{ComplianceWorld.Iso(today.AddDays(30))}.csv",
            csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("rule,name,due,met_on_time,met_late,overdue,not_yet_due,not_applicable,percent_on_time", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("R4-REF,", StringComparison.Ordinal) && l.EndsWith(",5,1,1,1,1,1,33.3", StringComparison.Ordinal));
        Assert.Equal("total,All,15,1,1,9,3,1,9.1", lines[^1]);

        var quarter = Quarter.Of(today);
        var xlsx = await client.GetAsync($"/compliance/export?format=xlsx&quarter={quarter}&groupBy=team");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"waypoint-compliance-{quarter}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var wide = await client.GetAsync($"/compliance/export?format=xlsx&{ComplianceWorld.Period}&groupBy=rule");
        using var workbook = new XLWorkbook(await wide.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Compliance");
        Assert.Equal(["rule", "name", "due", "met_on_time", "met_late", "overdue", "not_yet_due", "not_applicable", "percent_on_time"],
            Enumerable.Range(1, 9).Select(c => sheet.Cell(1, c).GetString()));
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "R4-REF");
        Assert.Equal([5, 1, 1, 1, 1, 1], Enumerable.Range(3, 6).Select(c => row.Cell(c).GetValue<int>()));
        Assert.Equal(33.3m, row.Cell(9).GetValue<decimal>());
        var about = workbook.Worksheet("About");
        Assert.Contains(about.RowsUsed(), r => r.Cell(1).GetString() == "% on time");
    }

    [Fact]
    public async Task The_cases_behind_a_figure_download_as_csv_and_excel_and_each_download_is_logged_as_a_disclosure()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var before = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Disclosure && e.RecordType == "ComplianceCases" && e.UserId == world.Reader.Id));

        var csv = await client.GetAsync($"/compliance/cases/export?format=csv&{ComplianceWorld.Period}&rule=R4-REF&outcome=overdue");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("case_id,victim_name,crime_reference,rule,due_on,status,met_or_not_applicable_on,officer,team", lines[0]);
        Assert.Single(lines.Skip(1));
        Assert.StartsWith($"{world.Overdue},Alex Overdue,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",R4-REF,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",overdue,", lines[1], StringComparison.Ordinal);

        var xlsx = await client.GetAsync($"/compliance/cases/export?format=xlsx&{ComplianceWorld.Period}&rule=R4-REF&outcome=due");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("waypoint-compliance-cases-", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Cases");
        Assert.Equal("case_id", sheet.Cell(1, 1).GetString());
        Assert.Equal(5, sheet.RowsUsed().Count() - 1);
        var lateRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == world.Late.ToString());
        Assert.Equal("late", lateRow.Cell(6).GetString());
        Assert.Equal(ComplianceWorld.Today.ToDateTime(TimeOnly.MinValue), lateRow.Cell(7).GetDateTime());

        var after = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Disclosure && e.RecordType == "ComplianceCases" && e.UserId == world.Reader.Id));
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task The_moj_page_shows_vps_and_release_as_not_yet_computable_and_counts_the_others_from_their_rules()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var arrest = await ComplianceSeed.StartR6Async(app, world.Overdue);
        var quarter = Quarter.Of(arrest.DueOn);
        var client = await app.SignedInAsync(world.Reader);
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));

        var page = await client.GetStringAsync($"/compliance/moj?quarter={quarter}");
        var figures = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?quarter={quarter}&groupBy=rule");
        var moj = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance/moj?quarter={quarter}");

        Assert.Equal(2, Regex.Count(page, "Not yet computable"));
        Assert.Contains("Victim Personal Statement", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("data-measure=\"4\"[^$]*?data-outcome=\"percent\">0%", page);
        Assert.Equal(quarter.ToString(), moj.GetProperty("quarter").GetString());
        var measures = moj.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(5, measures.Count);
        foreach (var number in new[] { 4, 5 })
        {
            var m = measures.Single(x => x.GetProperty("number").GetInt32() == number);
            Assert.False(m.GetProperty("computable").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("reason").GetString()));
            Assert.Equal(JsonValueKind.Null, m.GetProperty("percent").ValueKind);
            Assert.Equal(JsonValueKind.Null, m.GetProperty("numerator").ValueKind);
        }
        var referral = measures.Single(x => x.GetProperty("number").GetInt32() == 2);
        Assert.True(referral.GetProperty("computable").GetBoolean());
        var referralCounts = GroupOrNull(figures, "R4-REF")?.GetProperty("counts");
        Assert.Equal(referralCounts?.GetProperty("metOnTime").GetInt32() ?? 0, referral.GetProperty("numerator").GetInt32());
        var updates = measures.Single(x => x.GetProperty("number").GetInt32() == 3);
        Assert.True(updates.GetProperty("denominator").GetInt32() >= 1);
        Assert.Equal(Group(figures, "R6-ARR").GetProperty("counts").GetProperty("overdue").GetInt32(), updates.GetProperty("denominator").GetInt32());
        Assert.Equal(0, updates.GetProperty("numerator").GetInt32());

        var drill = await client.GetStringAsync($"/compliance/cases?quarter={quarter}&rule=R6-*&outcome=measured");
        Assert.Contains($"/cases/{world.Overdue}", drill, StringComparison.Ordinal);

        var mojCsv = await client.GetAsync($"/compliance/moj/export?format=csv&quarter={quarter}");
        Assert.Equal($"waypoint-moj-measures-{quarter}.csv", mojCsv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await mojCsv.Content.ReadAsStringAsync();
        Assert.Contains("measure,name,rules,computable,numerator,denominator,percent,reason", text, StringComparison.Ordinal);
        Assert.Contains("4,Opportunity to make a Victim Personal Statement,Not recorded yet,no,,,,", text, StringComparison.Ordinal);
        var mojXlsx = await client.GetAsync($"/compliance/moj/export?format=xlsx&quarter={quarter}");
        using var workbook = new XLWorkbook(await mojXlsx.Content.ReadAsStreamAsync());
        Assert.Equal("no", workbook.Worksheet("Measures").Cell(6, 4).GetString());
    }

    [Fact]
    public async Task The_moj_page_defaults_to_the_last_complete_quarter()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);

        var page = await client.GetStringAsync("/compliance/moj");

        Assert.Contains($"({Quarter.LastComplete(ComplianceWorld.Today)})</h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_victim_care_officer_is_refused_the_pages_files_and_api_of_compliance()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.OfficerA);
        var token = await app.Data.TokenAsync(world.Org, world.Reader, Permissions.CasesRead);

        foreach (var url in new[] { "/compliance", "/compliance/cases", "/compliance/moj", "/compliance/export?format=csv", "/compliance/cases/export?format=csv", "/compliance/moj/export?format=xlsx" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/forbidden", Forms.Location(response).Split('?')[0]);
        }
        Assert.DoesNotContain("href=\"/compliance\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(token).GetAsync("/api/v1/compliance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(token).GetAsync("/api/v1/compliance/moj")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.TeamLeader)]
    [InlineData(Roles.UnitAdministrator)]
    public async Task Team_leaders_and_unit_administrators_read_the_figures(string role)
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(await app.Data.UserAsync(world.Org, role, world.TeamA));

        var page = await client.GetStringAsync($"/compliance?{ComplianceWorld.Period}");

        Assert.Equal("15", Row(page, "total")["due"]);
        Assert.Contains("href=\"/compliance\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_obligations_are_never_counted_or_listed()
    {
        var other = await ComplianceWorld.SeedAsync(app);
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));

        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}&groupBy=team&teamId={other.TeamA.Id}");
        var mine = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}");
        var due = await client.GetStringAsync($"/compliance/cases?{ComplianceWorld.Period}&outcome=due");

        Assert.Equal(0, json.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(15, mine.GetProperty("total").GetProperty("due").GetInt32());
        Assert.Equal(15, Regex.Count(due, "data-obligation="));
        Assert.DoesNotContain($"/cases/{other.Overdue}", due, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_returns_the_figures_and_measures_in_their_documented_shape()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var api = app.Api(await app.Data.TokenAsync(world.Org, world.Reader, Permissions.ComplianceRead));
        var today = ComplianceWorld.Today;

        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/compliance?{ComplianceWorld.Period}&groupBy=rule");
        var current = await api.GetFromJsonAsync<JsonElement>("/api/v1/compliance");
        var bad = await api.GetAsync("/api/v1/compliance?groupBy=colour&from=2026-13-01");
        var badQuarter = await api.GetAsync("/api/v1/compliance/moj?quarter=2026-Q5");

        Assert.Equal(ComplianceWorld.Iso(today.AddDays(-90)), json.GetProperty("from").GetString());
        Assert.Equal("rule", json.GetProperty("groupBy").GetString());
        var group = Group(json, "R4-REF");
        Assert.StartsWith("R4-REF: ", group.GetProperty("name").GetString(), StringComparison.Ordinal);
        var counts = group.GetProperty("counts");
        Assert.Equal(
            ["due", "metOnTime", "metLate", "overdue", "notYetDue", "notApplicable", "percentOnTime"],
            counts.EnumerateObject().Select(p => p.Name));
        Assert.Equal(33.3m, counts.GetProperty("percentOnTime").GetDecimal());
        Assert.Equal(Quarter.Of(today).ToString(), current.GetProperty("quarter").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("groupBy", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badQuarter.StatusCode);
    }

    [Fact]
    public async Task A_wrong_date_on_the_page_is_shown_in_the_error_summary()
    {
        var world = await ComplianceWorld.SeedAsync(app);
        var client = await app.SignedInAsync(world.Reader);

        var page = await client.GetStringAsync("/compliance?from=2026-09-30&to=2026-07-01");

        Assert.Contains("<title>Error: ", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#to\"", page, StringComparison.Ordinal);
        Assert.Contains("End date must be the same as or after the start date", page, StringComparison.Ordinal);
    }

    // --- reading the pages -------------------------------------------------------------------------------------

    [GeneratedRegex("data-outcome=\"(\\w+)\">([^<]*)<")]
    private static partial Regex CellPattern();

    [GeneratedRegex("href=\"/cases/([0-9a-f-]{36})\"")]
    private static partial Regex CaseLinkPattern();

    private static string RowHtml(string page, string group)
    {
        var match = Regex.Match(page, $"<tr class=\"govuk-table__row\" data-group=\"{Regex.Escape(group)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No row for {group}");
        return match.Groups[1].Value;
    }

    private static Dictionary<string, string> Row(string page, string group) =>
        CellPattern().Matches(RowHtml(page, group)).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

    private static string Link(string page, string group, string outcome)
    {
        var match = Regex.Match(RowHtml(page, group), $"href=\"([^\"]+)\" data-outcome=\"{outcome}\"");
        Assert.True(match.Success, $"No {outcome} link for {group}");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static List<Guid> CaseLinks(string page) =>
        [.. CaseLinkPattern().Matches(page).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static JsonElement Group(JsonElement figures, string key) =>
        GroupOrNull(figures, key) ?? throw new Xunit.Sdk.XunitException($"No group {key}");

    private static JsonElement? GroupOrNull(JsonElement figures, string key)
    {
        foreach (var g in figures.GetProperty("groups").EnumerateArray())
        {
            if (g.GetProperty("key").GetString() == key)
            {
                return g;
            }
        }
        return null;
    }
}

internal static class ComplianceSeed
{
    /// <summary>An R6-ARR (told of an arrest) started 40 days ago on the case, left open: overdue.</summary>
    public static Task<Obligation> StartR6Async(WaypointApp app, Guid caseId) => ComplianceWorld.StartAsync(app, caseId, "R6-ARR", 40);
}

public sealed class ComplianceQueryShapeTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task The_figures_are_one_grouped_aggregate_with_conditional_sums_in_the_database()
    {
        var org = await app.Data.OrganisationAsync();
        var today = ComplianceWorld.Today;
        var filter = new ComplianceFilter(ReportPeriod.Of(Quarter.Of(today)), ComplianceGrouping.Rule, OwnerFilter.Any, OwnerFilter.Any);

        var sql = await app.Data.QueryAsync(db =>
        {
            var obligations = filter.Apply(db.Obligations, org.Id);
            return Task.FromResult(new[]
            {
                Waypoint.Modules.Entitlements.Compliance.Figures.ComplianceFiguresHandler.Aggregate(obligations, o => o.Rule, today).ToQueryString(),
                Waypoint.Modules.Entitlements.Compliance.Figures.ComplianceFiguresHandler.Aggregate(obligations, o => o.OwnerTeamId, today).ToQueryString(),
            });
        });

        foreach (var statement in sql)
        {
            Assert.Equal(1, Regex.Count(statement, "SELECT", RegexOptions.IgnoreCase));
            Assert.Contains("GROUP BY", statement, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(5, Regex.Count(statement, "SUM\\(CASE", RegexOptions.IgnoreCase));
            Assert.Contains("COUNT(*)", statement, StringComparison.OrdinalIgnoreCase);
        }
    }
}
