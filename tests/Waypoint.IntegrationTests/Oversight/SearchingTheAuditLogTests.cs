using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Oversight.AuditTestHelpers;

namespace Waypoint.IntegrationTests.Oversight;

public sealed class SearchingTheAuditLogTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_auditor_finds_the_consultation_an_officer_left_by_opening_a_case_searching_by_record_and_by_person()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, lastName: "Penhallow", firstName: "Demelza");
        var personId = await PersonOfCaseAsync(app, caseId);
        var officerClient = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await officerClient.GetAsync($"/cases/{caseId}")).StatusCode);

        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        // By record, on the page.
        var html = await client.GetStringAsync($"/audit?recordType=Case&recordId={caseId}&operation=Consultation");
        Assert.Contains("1 entry found", html, StringComparison.Ordinal);
        Assert.Contains(officer.UserName, html, StringComparison.Ordinal);
        Assert.Contains("data-operation=\"Consultation\"", html, StringComparison.Ordinal);
        Assert.Equal(1, RowCount(html));

        // By record, through the API: the same handler.
        var (byRecord, total) = await EntriesAsync(client, $"recordType=Case&recordId={caseId}&operation=consultation");
        Assert.Equal(1, total);
        var entry = Assert.Single(byRecord);
        Assert.Equal("Officer " + officer.UserName, entry.UserName);
        Assert.Equal(officer.Id, entry.UserId);
        Assert.Equal(personId, entry.PersonId);
        Assert.Equal(force.Id, entry.OrganisationId);
        Assert.Equal("page", entry.Channel);

        // By the person's name: the lookup finds them, and is itself logged as consultation.
        html = await client.GetStringAsync("/audit?person=Demelza+Penhallow&operation=Consultation");
        Assert.Contains(officer.UserName, html, StringComparison.Ordinal);
        var lookups = await app.Data.QueryAsync(db => db.AuditEntries
            .Where(e => e.Operation == AuditOperation.Consultation && e.RecordType == "PersonLookup" && e.UserId == auditor.Id).ToListAsync());
        var lookup = Assert.Single(lookups);
        Assert.Equal(personId, lookup.PersonId);
        Assert.Contains("Demelza Penhallow", lookup.Detail, StringComparison.Ordinal);

        // By person id, and by person reference.
        var (byId, _) = await EntriesAsync(client, $"person={personId}&operation=consultation&user={officer.UserName}");
        Assert.Equal(caseId.ToString(), Assert.Single(byId).RecordId);
        var reference = await app.Data.QueryAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.PersonReference!).SingleAsync());
        var (byReference, _) = await EntriesAsync(client, $"person={reference}&recordType=Case");
        Assert.Contains(byReference, e => e.Operation == "consultation" && e.UserId == officer.Id);
        Assert.Contains(byReference, e => e.Operation == "collection");
    }

    [Fact]
    public async Task An_auditor_filters_by_operation_and_by_period_in_london_days()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force);
        var officerClient = await app.SignedInAsync(officer);
        await officerClient.GetAsync($"/cases/{caseId}");
        await officerClient.GetAsync($"/cases/{caseId}");
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        var (all, allTotal) = await EntriesAsync(client, $"recordId={caseId}");
        Assert.Equal(3, allTotal);
        Assert.True(all[0].Sequence > all[1].Sequence && all[1].Sequence > all[2].Sequence, "newest first");
        var (_, consultations) = await EntriesAsync(client, $"recordId={caseId}&operation=consultation");
        Assert.Equal(2, consultations);
        var (collections, collectionTotal) = await EntriesAsync(client, $"recordId={caseId}&operation=collection");
        Assert.Equal(1, collectionTotal);
        Assert.Equal("system", Assert.Single(collections).UserName);
        var (_, both) = await EntriesAsync(client, $"recordId={caseId}&operation=collection&operation=consultation&operation=erasure");
        Assert.Equal(3, both);

        var today = UkTime.Today(DateTime.UtcNow);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(3, (await EntriesAsync(client, $"recordId={caseId}&from={D(today)}&to={D(today)}")).Total);
        Assert.Equal(0, (await EntriesAsync(client, $"recordId={caseId}&from={D(today.AddDays(1))}")).Total);
        Assert.Equal(0, (await EntriesAsync(client, $"recordId={caseId}&to={D(today.AddDays(-1))}")).Total);

        // The page takes the dates as people type them, and keeps the filters in page links.
        var html = await client.GetStringAsync($"/audit?recordId={caseId}&operation=Consultation&from={today.Day}/{today.Month}/{today.Year}");
        Assert.Contains("2 entries found", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Consultation\" checked", html, StringComparison.Ordinal);
        Assert.Equal(2, RowCount(html));

        var paged = await client.GetAsync($"/api/v1/audit/entries?recordId={caseId}&pageSize=2&page=2");
        Assert.Equal("3", paged.Headers.GetValues("X-Total-Count").Single());
        html = await client.GetStringAsync($"/audit?recordId={caseId}&user={officer.UserName}");
        Assert.Contains("2 entries found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_that_are_not_real_or_out_of_order_are_refused_with_reasons()
    {
        var force = await app.Data.OrganisationAsync();
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        var html = await client.GetStringAsync("/audit?from=31/2/2026&to=1/1/2026");
        Assert.Contains("<title>Error: Audit log - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Contains("Date from must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#from\"", html, StringComparison.Ordinal);

        html = await client.GetStringAsync("/audit?from=2/1/2026&to=1/1/2026");
        Assert.Contains("Date to must be the same as or after date from", html, StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/audit/entries?from=yesterday&operation=teleport");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadAsStringAsync();
        Assert.Contains("\"from\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"operation\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_auditors_may_search_export_or_verify_the_log()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(officer);

        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, "/audit"));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, "/audit/verify"));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(client, "/audit/export?recipient=me"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/verification")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/export?recipient=me")).StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.UserId == officer.Id && e.Operation == AuditOperation.Disclosure)));

        // A machine client has no auditor role either.
        var machine = app.Api(await app.Data.TokenAsync(force, admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/audit/entries")).StatusCode);
    }

    [Fact]
    public async Task An_auditor_of_one_organisation_does_not_see_the_entries_of_another()
    {
        var orgA = await app.Data.OrganisationAsync();
        var orgB = await app.Data.OrganisationAsync();
        var officerA = await app.Data.UserAsync(orgA, Roles.VictimCareOfficer);
        var caseA = await app.Data.CaseAsync(orgA, lastName: "Carveth");
        var personA = await PersonOfCaseAsync(app, caseA);
        await (await app.SignedInAsync(officerA)).GetAsync($"/cases/{caseA}");

        var auditorB = await app.Data.UserAsync(orgB, Roles.Auditor);
        var clientB = await app.SignedInAsync(auditorB);
        Assert.Equal(0, (await EntriesAsync(clientB, $"recordId={caseA}")).Total);
        Assert.Equal(0, (await EntriesAsync(clientB, $"person={personA}")).Total);
        Assert.Equal(0, (await EntriesAsync(clientB, $"user={officerA.UserName}")).Total);
        var (everything, _) = await EntriesAsync(clientB, "pageSize=200");
        Assert.All(everything, e => Assert.Equal(orgB.Id, e.OrganisationId));
        var html = await clientB.GetStringAsync("/audit?person=Carveth");
        Assert.DoesNotContain(officerA.UserName, html, StringComparison.Ordinal);
        Assert.Contains("0 entries found", html, StringComparison.Ordinal);

        var auditorA = await app.Data.UserAsync(orgA, Roles.Auditor);
        var clientA = await app.SignedInAsync(auditorA);
        Assert.Equal(2, (await EntriesAsync(clientA, $"recordId={caseA}")).Total);
    }

    [Fact]
    public async Task The_csv_export_holds_the_matching_entries_and_is_logged_as_a_disclosure_to_its_recipient()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force);
        await (await app.SignedInAsync(officer)).GetAsync($"/cases/{caseId}");
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);
        var (expected, total) = await EntriesAsync(client, $"recordId={caseId}");

        var response = await client.GetAsync($"/audit/export?recordId={caseId}&recipient={Uri.EscapeDataString("Data Protection Officer, SAR 2026/14")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var today = UkTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal($"audit-log-{today}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,occurred_at_utc,operation,user_name,user_id,organisation,", lines[0], StringComparison.Ordinal);
        Assert.Equal(total + 1, lines.Length);
        Assert.Equal(expected.Select(e => e.Sequence.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains(lines, l => l.Contains($",Consultation,Officer {officer.UserName},", StringComparison.Ordinal));
        Assert.Matches(@"^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z,", lines[1]);

        var disclosure = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Operation == AuditOperation.Disclosure && e.UserId == auditor.Id));
        Assert.Equal("Data Protection Officer, SAR 2026/14", disclosure.Recipient);
        Assert.Equal(force.Id, disclosure.OrganisationId);
        Assert.Contains($"{total} entries", disclosure.Detail, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), disclosure.Detail, StringComparison.Ordinal);

        // The auditor then finds the disclosure in the log.
        var (disclosures, _) = await EntriesAsync(client, "operation=disclosure");
        Assert.Equal("Data Protection Officer, SAR 2026/14", Assert.Single(disclosures).Recipient);
    }

    [Fact]
    public async Task An_export_without_a_recipient_is_refused_and_nothing_is_disclosed()
    {
        var force = await app.Data.OrganisationAsync();
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        var response = await client.GetAsync("/audit/export?operation=SignIn&recipient=");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        Assert.StartsWith("/audit?operation=SignIn&exportError=missing", location, StringComparison.Ordinal);
        var html = await client.GetStringAsync(location);
        Assert.Contains("Enter who the export is for", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#recipient\"", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit/export")).StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.UserId == auditor.Id && e.Operation == AuditOperation.Disclosure)));
    }
}
