using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Care.Timeline;

public sealed class TimelineTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_full_timeline_is_newest_first_filtered_by_category_and_date_and_reading_it_is_logged()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org, "Timelined", team: team, officer: officer);
        var api = app.Api(await app.Data.TokenAsync(org, officer));
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "no_answer" }), HttpStatusCode.OK);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/intelligence", new { category = "threat", disclosure = "Threats by text", urgency = "urgent" }), HttpStatusCode.Created);
        // The case was recorded (and allocated) ten days ago.
        var tenDaysAgo = DateTime.UtcNow.AddDays(-10);
        await app.Data.QueryAsync(async db =>
        {
            foreach (var t in await db.TimelineEntries.Where(t => t.CaseId == caseId && (t.Kind == TimelineKind.Recorded || t.Kind == TimelineKind.Allocated)).ToListAsync())
            {
                db.Entry(t).Property(nameof(TimelineEntry.At)).CurrentValue = tenDaysAgo;
            }
            return await db.SaveChangesAsync();
        });

        var all = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline"), HttpStatusCode.OK);
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(all.GetProperty("total").GetInt32(), items.Count);
        var times = items.Select(i => i.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "contact" && i.GetProperty("summary").GetString()!.StartsWith("Contact recorded: Phone", StringComparison.Ordinal));
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "assessment" && i.GetProperty("summary").GetString()!.StartsWith("Threat recorded", StringComparison.Ordinal));
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "arrival");

        var contacts = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?category=contact"), HttpStatusCode.OK);
        var contactItems = contacts.GetProperty("items").EnumerateArray().ToList();
        Assert.Single(contactItems);
        Assert.Equal("contact", contactItems[0].GetProperty("category").GetString());
        var two = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?category=contact,changes"), HttpStatusCode.OK);
        Assert.Equal(["changes", "contact"], two.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("category").GetString()).Distinct().Order());

        var today = UkTime.Today(DateTime.UtcNow);
        var old = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?to={Iso(today.AddDays(-5))}"), HttpStatusCode.OK);
        Assert.Equal(2, old.GetProperty("total").GetInt32());
        Assert.All(old.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("at").GetDateTime() < DateTime.UtcNow.AddDays(-5)));
        var recent = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?from={Iso(today.AddDays(-5))}&to={Iso(today)}"), HttpStatusCode.OK);
        Assert.Equal(all.GetProperty("total").GetInt32() - 2, recent.GetProperty("total").GetInt32());
        Assert.DoesNotContain(recent.GetProperty("items").EnumerateArray(), i => i.GetProperty("category").GetString() == "arrival");

        var bad = await api.GetAsync($"/api/v1/cases/{caseId}/timeline?category=gossip&from=31/2/2026");
        var problem = await JsonAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("category", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("from", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // The page, without JavaScript: a GET form with the same filters.
        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync($"/cases/{caseId}/timeline?category=contact&from={today.AddDays(-5).ToString("d/M/yyyy", CultureInfo.InvariantCulture)}");
        Assert.Contains("Contact recorded: Phone", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Threat recorded", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Allocated to", page, StringComparison.Ordinal);
        Assert.Contains("value=\"contact\" checked", page, StringComparison.Ordinal);
        var unfiltered = await client.GetStringAsync($"/cases/{caseId}/timeline");
        Assert.Contains("Threat recorded", unfiltered, StringComparison.Ordinal);
        Assert.Contains("Allocated to", unfiltered, StringComparison.Ordinal);
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"href=\"/cases/{caseId}/timeline\"", casePage, StringComparison.Ordinal);
        var badPage = await client.GetStringAsync($"/cases/{caseId}/timeline?from=yesterday");
        Assert.Contains("<title>Error: ", badPage, StringComparison.Ordinal);
        Assert.Contains("The date from must be a real date", badPage, StringComparison.Ordinal);

        Assert.True(await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Consultation && e.RecordType == "CaseTimeline" && e.RecordId == caseId.ToString())) >= 6);
    }

    [Fact]
    public async Task The_timeline_is_paged_fifty_at_a_time()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(org, "Paged");
        var api = app.Api(await app.Data.TokenAsync(org, officer));
        for (var i = 0; i < 26; i++)
        {
            await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "no_answer", notes = $"try {i}" }), HttpStatusCode.OK);
            await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "inbound", outcome = "no_answer" }), HttpStatusCode.OK);
        }
        var first = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?category=contact"), HttpStatusCode.OK);
        Assert.Equal(52, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("pages").GetInt32());
        Assert.Equal(50, first.GetProperty("items").GetArrayLength());
        var second = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/timeline?category=contact&page=2"), HttpStatusCode.OK);
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(52, ids.Distinct().Count());

        var client = await app.SignedInAsync(officer);
        var page2 = await client.GetStringAsync($"/cases/{caseId}/timeline?category=contact&page=2");
        Assert.Contains("page 2 of 2", page2, StringComparison.Ordinal);
        Assert.Contains("govuk-pagination", page2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_the_user_cannot_see_answers_404_on_page_and_api()
    {
        var org = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var outsider = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var colleague = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(org, "Hidden");
        var restricted = await app.Data.CaseAsync(org, "Restricted", restricted: true);

        var api = app.Api(await app.Data.TokenAsync(other, outsider));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/timeline")).StatusCode);
        var client = await app.SignedInAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/timeline")).StatusCode);
        var colleagueClient = await app.SignedInAsync(colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueClient.GetAsync($"/cases/{restricted}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleagueClient.GetAsync($"/cases/{caseId}/timeline")).StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "CaseTimeline" && e.RecordId == restricted.ToString())));
    }
}
