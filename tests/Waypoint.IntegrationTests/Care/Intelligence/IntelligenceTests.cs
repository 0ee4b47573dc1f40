using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Care.Intelligence;

public sealed class IntelligenceTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static DateOnly Today => UkTime.Today(DateTime.UtcNow);

    private static string Section(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {testId} on the page");
        var rest = html[start..];
        return rest[..Math.Max(rest.IndexOf("</table>", StringComparison.Ordinal), 0)];
    }

    [Fact]
    public async Task Recorded_intelligence_stays_on_the_unit_list_and_the_officers_my_work_until_it_is_passed_on()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var colleague = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var outsider = await app.Data.UserAsync(await app.Data.OrganisationAsync(), Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(org, "Discloser", team: team, officer: officer);
        var client = await app.SignedInAsync(officer);

        var missing = await Forms.PostAsync(client, $"/cases/{caseId}/intelligence/new", "intelligence", new() { ["Input.NeedsPassing"] = "yes" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var errors = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Enter what the victim disclosed", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the date it was disclosed", errors, StringComparison.Ordinal);
        Assert.Contains("Select how urgent it is", errors, StringComparison.Ordinal);

        var recorded = await Forms.PostAsync(client, $"/cases/{caseId}/intelligence/new", "intelligence", new()
        {
            ["Input.Category"] = "UnreportedCrime",
            ["Input.Disclosure"] = "Her neighbour's son is selling drugs from the flat below",
            ["Input.About"] = "Flat 2, Test Street",
            ["Input.Day"] = N(Today.Day),
            ["Input.Month"] = N(Today.Month),
            ["Input.Year"] = N(Today.Year),
            ["Input.Urgency"] = "Urgent",
            ["Input.NeedsPassing"] = "yes",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var report = await app.Data.QueryAsync(db => db.IntelligenceReports.SingleAsync(r => r.CaseId == caseId));
        Assert.True(report.WaitingToPass);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "IntelligenceReport", report.Id));

        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("selling drugs from the flat below", casePage, StringComparison.Ordinal);
        Assert.Contains("To pass to the police", casePage, StringComparison.Ordinal);
        Assert.Contains($"data-report-id=\"{report.Id}\"", Section(await client.GetStringAsync("/"), "my-intelligence"), StringComparison.Ordinal);
        Assert.Contains($"data-report-id=\"{report.Id}\"", Section(await client.GetStringAsync("/intelligence"), "intelligence-to-pass"), StringComparison.Ordinal);
        var colleagueClient = await app.SignedInAsync(colleague);
        Assert.Contains($"data-report-id=\"{report.Id}\"", await colleagueClient.GetStringAsync("/intelligence"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-report-id=\"{report.Id}\"", await colleagueClient.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Id.ToString(), await (await app.SignedInAsync(outsider)).GetStringAsync("/intelligence"), StringComparison.Ordinal);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "IntelligenceList" && e.UserId == officer.Id)) >= 2);

        var api = app.Api(await app.Data.TokenAsync(org, officer));
        var listed = JsonDocument.Parse(await api.GetStringAsync("/api/v1/intelligence")).RootElement;
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetGuid() == report.Id && r.GetProperty("urgency").GetString() == "urgent");

        var passed = await Forms.PostAsync(client, $"/cases/{caseId}/intelligence/{report.Id}/passed-on", "pass-on", new()
        {
            ["Input.Day"] = N(Today.Day),
            ["Input.Month"] = N(Today.Month),
            ["Input.Year"] = N(Today.Year),
            ["Input.PassedTo"] = "Force intelligence bureau",
            ["Input.Reference"] = "INT/26/0042",
        });
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Disclosure && e.RecordId == report.Id.ToString() && e.Recipient == "Force intelligence bureau")));
        Assert.DoesNotContain($"data-report-id=\"{report.Id}\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-report-id=\"{report.Id}\"", await client.GetStringAsync("/intelligence"), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Id.ToString(), await api.GetStringAsync("/api/v1/intelligence"), StringComparison.Ordinal);
        Assert.Contains("INT/26/0042", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        var timeline = await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync());
        Assert.Contains("Unreported crime recorded (urgent): to pass to the police", timeline);
        Assert.Contains(timeline, t => t.StartsWith("Unreported crime passed to Force intelligence bureau on", StringComparison.Ordinal) && t.EndsWith("(reference INT/26/0042)", StringComparison.Ordinal));

        var again = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/intelligence/{report.Id}/passed-on",
            new { passedOn = Today, passedTo = "Someone else" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Restricted_cases_and_unseen_cases_keep_their_intelligence_to_themselves()
    {
        var org = await app.Data.OrganisationAsync();
        var named = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var notNamed = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var restricted = await app.Data.CaseAsync(org, "Restrictedone", restricted: true, namedUsers: [named]);
        // API tokens act for their organisation, not for a named person: the named officer works in the browser.
        var namedClient = await app.SignedInAsync(named);
        var created = await Forms.PostAsync(namedClient, $"/cases/{restricted}/intelligence/new", "intelligence", new()
        {
            ["Input.Category"] = "Threat",
            ["Input.Disclosure"] = "He said he would come back",
            ["Input.Day"] = N(Today.Day),
            ["Input.Month"] = N(Today.Month),
            ["Input.Year"] = N(Today.Year),
            ["Input.Urgency"] = "Immediate",
            ["Input.NeedsPassing"] = "yes",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.Data.QueryAsync(db => db.IntelligenceReports.Where(r => r.CaseId == restricted).Select(r => r.Id).SingleAsync());
        Assert.Contains($"data-report-id=\"{id}\"", Section(await namedClient.GetStringAsync("/intelligence"), "intelligence-to-pass"), StringComparison.Ordinal);
        Assert.Contains($"data-report-id=\"{id}\"", Section(await namedClient.GetStringAsync("/"), "my-intelligence"), StringComparison.Ordinal);

        var otherApi = app.Api(await app.Data.TokenAsync(org, notNamed));
        Assert.DoesNotContain(id.ToString(), await otherApi.GetStringAsync("/api/v1/intelligence"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.GetAsync($"/api/v1/cases/{restricted}/intelligence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.PostAsJsonAsync($"/api/v1/cases/{restricted}/intelligence/{id}/passed-on", new { passedOn = Today, passedTo = "FIB" })).StatusCode);
        var otherClient = await app.SignedInAsync(notNamed);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/cases/{restricted}/intelligence/new")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await otherClient.GetStringAsync("/intelligence"), StringComparison.Ordinal);
    }
}
