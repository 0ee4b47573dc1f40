using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Care.Equality;

public sealed class EqualityMonitoringTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static DateOnly Today => UkTime.Today(DateTime.UtcNow);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<Waypoint.Modules.Care.Domain.EqualityMonitoring?> MonitoringAsync(Guid caseId) => app.Data.QueryAsync(db =>
        db.EqualityMonitoring.AsNoTracking().SingleOrDefaultAsync(e => db.Cases.Any(c => c.Id == caseId && c.PersonId == e.PersonId)));

    [Fact]
    public async Task Nothing_is_recorded_without_agreement_and_the_answers_never_appear_on_the_case_lists_or_search()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org, "Equalityperson", team: team, officer: officer);
        var client = await app.SignedInAsync(officer);
        Dictionary<string, string> Fields(string agreed) => new()
        {
            ["Input.Agreed"] = agreed,
            ["Input.Day"] = N(Today.Day),
            ["Input.Month"] = N(Today.Month),
            ["Input.Year"] = N(Today.Year),
            ["Input.AgreedHow"] = "phone",
            ["Input.Ethnicity"] = "white-gypsy-traveller",
            ["Input.Religion"] = "buddhist",
            ["Input.SexualOrientation"] = "bisexual",
            ["Input.Sex"] = "",
        };

        var refused = await Forms.PostAsync(client, $"/cases/{caseId}/equality/answers", "equality", Fields(""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("nothing can be recorded without their agreement", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await MonitoringAsync(caseId));

        var saved = await Forms.PostAsync(client, $"/cases/{caseId}/equality/answers", "equality", Fields("yes"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var monitoring = await MonitoringAsync(caseId);
        Assert.NotNull(monitoring);
        Assert.Equal(("white-gypsy-traveller", "buddhist", "bisexual", null), (monitoring.Ethnicity, monitoring.Religion, monitoring.SexualOrientation, monitoring.Sex));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "EqualityMonitoring", monitoring.Id));
        Assert.DoesNotContain(await app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.RecordType == "EqualityMonitoring").Select(e => e.Detail + e.NewValue).ToListAsync()),
            d => d.Contains("buddhist", StringComparison.OrdinalIgnoreCase) || d.Contains("Gypsy", StringComparison.OrdinalIgnoreCase));

        // Only the form shows the answers, and reading them there is logged.
        var form = await client.GetStringAsync($"/cases/{caseId}/equality/answers");
        Assert.Contains("value=\"buddhist\" selected", form, StringComparison.Ordinal);
        Assert.True(await app.Data.AuditCountAsync(AuditOperation.Consultation, "EqualityMonitoring", monitoring.Id) >= 1);

        var status = await client.GetStringAsync($"/cases/{caseId}/equality");
        Assert.Contains("Agreed", status, StringComparison.Ordinal);
        var pages = new[]
        {
            status,
            await client.GetStringAsync($"/cases/{caseId}"),
            await client.GetStringAsync("/cases"),
            await client.GetStringAsync("/cases?q=Equalityperson"),
            await client.GetStringAsync("/"),
            await client.GetStringAsync($"/cases/{caseId}/timeline"),
        };
        foreach (var html in pages)
        {
            Assert.DoesNotContain("Buddhist", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Gypsy", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Bisexual", html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Equalityperson", pages[3], StringComparison.Ordinal);

        var api = app.Api(await app.Data.TokenAsync(org, officer));
        var json = await (await api.GetAsync($"/api/v1/cases/{caseId}/equality")).Content.ReadAsStringAsync();
        Assert.Contains("\"agreed\":true", json, StringComparison.Ordinal);
        Assert.DoesNotContain("buddhist", json, StringComparison.OrdinalIgnoreCase);
        foreach (var url in new[] { $"/api/v1/cases/{caseId}", "/api/v1/cases?q=Equalityperson" })
        {
            var body = await (await api.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("buddhist", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("gypsy", body, StringComparison.OrdinalIgnoreCase);
        }

        // A Compliance Officer reads the case but not the answers form.
        var compliance = await app.Data.UserAsync(org, Roles.ComplianceOfficer);
        var complianceClient = await app.SignedInAsync(compliance);
        Assert.Equal(HttpStatusCode.OK, (await complianceClient.GetAsync($"/cases/{caseId}/equality")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await complianceClient.GetAsync($"/cases/{caseId}/equality/answers")).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_agreement_erases_the_answers_and_logs_the_erasure()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(org, "Withdrawer");
        var api = app.Api(await app.Data.TokenAsync(org, officer));
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/equality",
            new { agreed = true, agreedOn = Today, agreedHow = "in-person", religion = "hindu", disability = "yes", maritalStatus = "prefer-not-to-say" }), HttpStatusCode.OK);
        var bad = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/equality", new { agreed = true, agreedOn = Today, agreedHow = "phone", religion = "pastafarian" });
        Assert.Contains("religion", (await JsonAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name.ToLowerInvariant()));
        var before = await MonitoringAsync(caseId);
        Assert.Equal(("hindu", "yes", "prefer-not-to-say"), (before!.Religion, before.Disability, before.MaritalStatus));

        var client = await app.SignedInAsync(officer);
        var withdrawn = await Forms.PostAsync(client, $"/cases/{caseId}/equality/withdraw", "withdraw-equality", new() { ["Input.Confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        var after = await MonitoringAsync(caseId);
        Assert.NotNull(after!.WithdrawnAt);
        Assert.Null(after.AgreedOn);
        Assert.All(new[] { after.AgeBand, after.Sex, after.GenderIdentity, after.Ethnicity, after.Religion, after.SexualOrientation, after.Disability, after.Pregnancy, after.MaritalStatus },
            Assert.Null);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Erasure, "EqualityMonitoring", after.Id));
        Assert.Contains("Withdrawn", await client.GetStringAsync($"/cases/{caseId}/equality"), StringComparison.Ordinal);
        Assert.Contains("Agreement to equality monitoring withdrawn: the answers were erased",
            await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync()));
        var status = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/equality"), HttpStatusCode.OK);
        Assert.False(status.GetProperty("agreed").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.DeleteAsync($"/api/v1/cases/{caseId}/equality")).StatusCode);
    }

    [Fact]
    public async Task The_report_counts_agreed_answers_over_cases_opened_in_the_period_with_small_numbers_suppressed()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader);
        var api = app.Api(await app.Data.TokenAsync(org, officer, Permissions.CasesRead, Permissions.CasesWrite));
        async Task PersonAsync(string religion, string sex)
        {
            var caseId = await app.Data.CaseAsync(org, "Counted");
            await JsonAsync(await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/equality", new { agreed = true, agreedOn = Today, agreedHow = "phone", religion, sex }), HttpStatusCode.OK);
        }
        for (var i = 0; i < 6; i++)
        {
            await PersonAsync("buddhist", "female");
        }
        await PersonAsync("hindu", "female");
        await PersonAsync("hindu", "female");
        await PersonAsync("jewish", "female");
        await PersonAsync("jewish", "female");
        await PersonAsync("jewish", "prefer-not-to-say");
        await app.Data.CaseAsync(org, "Notasked"); // a case whose person was not asked: counted among people, not in the answers

        var report = await JsonAsync(await app.Api(await app.Data.TokenAsync(org, leader, Permissions.ComplianceRead)).GetAsync("/api/v1/reports/equality"), HttpStatusCode.OK);
        Assert.Equal(12, report.GetProperty("people").GetInt32());
        Assert.Equal(11, report.GetProperty("agreed").GetInt32());
        int? Count(string key, string code)
        {
            var c = report.GetProperty("characteristics").EnumerateArray().Single(x => x.GetProperty("key").GetString() == key)
                .GetProperty("counts").EnumerateArray().Single(x => x.GetProperty("code").GetString() == code).GetProperty("count");
            return c.ValueKind == JsonValueKind.Null ? null : c.GetInt32();
        }
        Assert.Equal(6, Count("Religion", "buddhist"));
        Assert.Null(Count("Religion", "hindu"));
        Assert.Null(Count("Religion", "jewish"));
        Assert.Equal(0, Count("Religion", "muslim"));
        Assert.Equal(11, Count("Ethnicity", "not-answered"));
        // One prefer-not-to-say is suppressed, and so is the female count, which would otherwise give it away.
        Assert.Null(Count("Sex", "prefer-not-to-say"));
        Assert.Null(Count("Sex", "female"));

        // A period before any case was opened has nothing to count.
        var empty = await JsonAsync(await app.Api(await app.Data.TokenAsync(org, leader, Permissions.ComplianceRead))
            .GetAsync($"/api/v1/reports/equality?from=2020-01-01&to=2020-12-31"), HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("people").GetInt32());

        var leaderClient = await app.SignedInAsync(leader);
        var page = await leaderClient.GetStringAsync("/reports/equality");
        Assert.Contains("Fewer than 5 (not shown)", page, StringComparison.Ordinal);
        Assert.Contains("Buddhist", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Counted", page, StringComparison.Ordinal);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "EqualityReport" && e.UserId == leader.Id)) >= 1);

        // Officers do not read the report.
        var officerClient = await app.SignedInAsync(officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officerClient.GetAsync("/reports/equality")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/reports/equality")).StatusCode);
    }
}
