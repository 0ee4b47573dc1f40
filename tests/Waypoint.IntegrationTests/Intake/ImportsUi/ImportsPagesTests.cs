using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Intake.ImportsUi.ImportSteps;

namespace Waypoint.IntegrationTests.Intake.ImportsUi;

public sealed partial class ImportsPagesTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [GeneratedRegex("/imports/([0-9a-f-]{36})")]
    private static partial Regex ImportLink();

    [GeneratedRegex("href=\"/quarantine/([0-9a-f-]{36})\"")]
    private static partial Regex QuarantineLink();

    private Task<int> CasesOfAsync(Guid orgId) => app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.OrganisationId == orgId));

    [Fact]
    public async Task A_Team_Leader_uploads_a_victims_file_and_sees_its_counts_and_the_quarantined_row()
    {
        var force = await app.Data.OrganisationAsync();
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, await app.Data.TeamAsync(force));
        var client = await app.SignedInAsync(leader);

        var response = await UploadAsync(client, "victims", "cohort-2026-11-23.csv", VictimsCsv(force));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        var importId = Guid.Parse(ImportLink().Match(location).Groups[1].Value);
        var html = await client.GetStringAsync(location);
        Assert.Contains("File imported: 4 rows read, 3 created, 0 updated, 0 unchanged, 1 quarantined", html, StringComparison.Ordinal);
        Assert.Contains("date_of_birth 2026-02-30 is not a valid date", html, StringComparison.Ordinal);
        Assert.Contains("Badrow", html, StringComparison.Ordinal);
        Assert.Equal(3, await CasesOfAsync(force.Id));
        var import = await app.Data.QueryAsync(db => db.Imports.SingleAsync(i => i.Id == importId));
        Assert.Equal(ImportSource.Upload, import.Source);
        Assert.Equal("cohort-2026-11-23.csv", import.FileName);
        Assert.Equal(leader.Id, import.SentByUserId);
        Assert.Contains(import.ContentHash, html, StringComparison.Ordinal);

        var history = await client.GetStringAsync("/imports");
        Assert.Contains("cohort-2026-11-23.csv", history, StringComparison.Ordinal);
        Assert.Contains($">{import.ContentHash[..12]}<", history, StringComparison.Ordinal);
        Assert.Contains("Upload", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_missing_a_required_column_shows_the_reason_and_imports_nothing()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.UnitAdministrator));

        var response = await UploadAsync(client, "victims", "no-role.csv", VictimsCsv(force, header: Header.Replace(",role", ",colour", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/imports/new?", Forms.Location(response), StringComparison.Ordinal);
        var html = await client.GetStringAsync(Forms.Location(response));
        Assert.Contains("<title>Error: Upload a police feed - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("The selected file cannot be imported: ", html, StringComparison.Ordinal);
        Assert.Contains("&#x27;role&#x27;", html, StringComparison.Ordinal);
        Assert.Equal(0, await CasesOfAsync(force.Id));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.QuarantinedRows.CountAsync(q => q.OrganisationId == force.Id)));
        var history = await client.GetStringAsync("/imports");
        Assert.Contains("Rejected", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_asks_for_a_feed_and_a_CSV_or_JSON_file()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader));

        var noFile = await UploadAsync(client, "victims", null, "");
        Assert.Contains("Select a file to upload", await client.GetStringAsync(Forms.Location(noFile)), StringComparison.Ordinal);

        var noFeed = await UploadAsync(client, null, "cohort.csv", VictimsCsv(force));
        Assert.Contains("Select which feed the file is", await client.GetStringAsync(Forms.Location(noFeed)), StringComparison.Ordinal);

        var wrongType = await UploadAsync(client, "victims", "cohort.xlsx", "PK...", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Contains("The selected file must be a CSV or JSON file", await client.GetStringAsync(Forms.Location(wrongType)), StringComparison.Ordinal);

        Assert.Equal(0, await app.Data.QueryAsync(db => db.Imports.CountAsync(i => i.OrganisationId == force.Id)));
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("victims"), "Feed" },
            { new StringContent(VictimsCsv(force)), "File", "cohort.csv" },
        };

        var response = await client.PostAsync("/imports/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Imports.CountAsync(i => i.OrganisationId == force.Id)));
    }

    [Fact]
    public async Task The_history_lists_only_the_organisations_own_imports()
    {
        var north = await app.Data.OrganisationAsync();
        var west = await app.Data.OrganisationAsync();
        var northClient = await app.SignedInAsync(await app.Data.UserAsync(north, Roles.TeamLeader));
        var westClient = await app.SignedInAsync(await app.Data.UserAsync(west, Roles.TeamLeader));
        await UploadAsync(northClient, "victims", "north-feed.csv", VictimsCsv(north, badRow: false));
        var westUpload = await UploadAsync(westClient, "victims", "west-feed.csv", VictimsCsv(west));
        var westImport = ImportLink().Match(Forms.Location(westUpload)).Groups[1].Value;
        var westRow = await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.OrganisationId == west.Id));

        var history = await northClient.GetStringAsync("/imports");

        Assert.Contains("north-feed.csv", history, StringComparison.Ordinal);
        Assert.DoesNotContain("west-feed.csv", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await northClient.GetAsync($"/imports/{westImport}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northClient.GetAsync($"/quarantine/{westRow.Id}")).StatusCode);
        Assert.DoesNotContain(westRow.Id.ToString(), await northClient.GetStringAsync("/quarantine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correcting_a_quarantined_row_through_the_form_and_re_processing_it_creates_the_case()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader));
        await UploadAsync(client, "victims", "cohort.csv", VictimsCsv(force));
        var list = await client.GetStringAsync("/quarantine?feed=victims&status=open");
        var rowId = Guid.Parse(QuarantineLink().Match(list).Groups[1].Value);
        Assert.Contains("date_of_birth 2026-02-30 is not a valid date", list, StringComparison.Ordinal);
        var url = $"/quarantine/{rowId}";
        var page = await client.GetStringAsync(url);
        var fields = Forms.FieldsFrom(page);
        Assert.Equal("2026-02-30", fields["Input.Fields[date_of_birth]"]);
        Assert.Equal("Badrow", fields["Input.Fields[last_name]"]);

        fields["Input.Fields[date_of_birth]"] = "1985-13-45";
        var stillWrong = await Forms.PostWithTokenAsync(client, url, "reprocess", Forms.TokenFrom(page), fields);
        Assert.Equal(HttpStatusCode.OK, stillWrong.StatusCode);
        var wrongHtml = await stillWrong.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Quarantined row 4 - Waypoint</title>", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("date_of_birth 1985-13-45 is not a valid date", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#field-date_of_birth\"", wrongHtml, StringComparison.Ordinal);
        Assert.Equal("1985-13-45", Forms.FieldsFrom(wrongHtml)["Input.Fields[date_of_birth]"]);

        fields["Input.Fields[date_of_birth]"] = "1985-12-15";
        var fixedUp = await Forms.PostWithTokenAsync(client, url, "reprocess", Forms.TokenFrom(page), fields);

        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        var done = await client.GetStringAsync(Forms.Location(fixedUp));
        Assert.Contains("Row 4 re-processed: case ", done, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Fields[", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Discard.Reason", done, StringComparison.Ordinal);
        var created = await app.Data.QueryAsync(db => db.Cases.Include(c => c.Person).SingleAsync(c => c.OrganisationId == force.Id && c.Person.LastName == "Badrow"));
        Assert.Equal(new DateOnly(1985, 12, 15), created.Person.DateOfBirth);
        Assert.Contains($"/cases/{created.Id}", done, StringComparison.Ordinal);
        Assert.Equal(4, await CasesOfAsync(force.Id));
        Assert.Equal(QuarantineStatus.Reprocessed, (await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.Id == rowId))).Status);
        Assert.True(await app.Data.AuditCountAsync(AuditOperation.Administration, "QuarantinedRow", rowId) >= 2);
        Assert.Contains("0 rows in quarantine", await client.GetStringAsync("/quarantine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discarding_a_quarantined_row_needs_a_reason()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader));
        await UploadAsync(client, "victims", "cohort.csv", VictimsCsv(force));
        var rowId = await app.Data.QueryAsync(db => db.QuarantinedRows.Where(q => q.OrganisationId == force.Id).Select(q => q.Id).SingleAsync());
        var url = $"/quarantine/{rowId}";

        var noReason = await Forms.PostAsync(client, url, "discard", new() { ["Discard.Reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var html = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("Enter why you are discarding this row", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Reason\"", html, StringComparison.Ordinal);
        Assert.Equal(QuarantineStatus.Open, (await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.Id == rowId))).Status);

        var discarded = await Forms.PostAsync(client, url, "discard", new() { ["Discard.Reason"] = "Test record sent by mistake" });

        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        var done = await client.GetStringAsync(Forms.Location(discarded));
        Assert.Contains("Row 4 discarded", done, StringComparison.Ordinal);
        Assert.Contains("Discarded: Test record sent by mistake", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Discard.Reason", done, StringComparison.Ordinal);
        var row = await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.Id == rowId));
        Assert.Equal(QuarantineStatus.Discarded, row.Status);
        Assert.Equal(3, await CasesOfAsync(force.Id));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Administration, "QuarantinedRow", rowId));
    }

    [Fact]
    public async Task A_Victim_Care_Officer_cannot_upload_or_correct_rows_but_can_read_the_history()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var leader = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader, team));
        await UploadAsync(leader, "victims", "cohort.csv", VictimsCsv(force));
        var rowId = await app.Data.QueryAsync(db => db.QuarantinedRows.Where(q => q.OrganisationId == force.Id).Select(q => q.Id).SingleAsync());
        var officer = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.VictimCareOfficer, team));

        var uploadPage = await officer.GetAsync("/imports/new");
        using var form = new MultipartFormDataContent { { new StringContent("victims"), "Feed" }, { new StringContent(VictimsCsv(force)), "File", "cohort.csv" } };
        var upload = await officer.PostAsync("/imports/upload", form);

        Assert.Equal("/forbidden", Forms.Location(uploadPage).Split('?')[0]);
        Assert.Equal("/forbidden", Forms.Location(upload).Split('?')[0]);
        var history = await officer.GetAsync("/imports");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var historyHtml = await history.Content.ReadAsStringAsync();
        Assert.Contains("cohort.csv", historyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/imports/new\"", historyHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/imports\"", await officer.GetStringAsync("/"), StringComparison.Ordinal);
        var rowPage = await officer.GetStringAsync($"/quarantine/{rowId}");
        Assert.Contains("date_of_birth 2026-02-30 is not a valid date", rowPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Fields[", rowPage, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Imports.CountAsync(i => i.OrganisationId == force.Id)));
    }
}
