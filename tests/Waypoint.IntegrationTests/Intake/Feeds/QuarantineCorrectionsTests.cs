using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Auditing;

namespace Waypoint.IntegrationTests.Intake.Feeds;

public sealed class QuarantineCorrectionsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private async Task<(FeedSender Feed, Guid RowId, string Crime)> QuarantinedAsync()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var result = await feed.VictimsAsync(feed.Victim(crime, "P1", ("date_of_birth", "2026-02-30"), ("email", "nope")));
        var import = await feed.Api.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{result.ImportId}");
        Assert.Equal(1, import.GetProperty("quarantined").GetInt32());
        var row = import.GetProperty("quarantine")[0];
        Assert.Equal(1, row.GetProperty("row").GetInt32());
        Assert.Equal("2026-02-30", row.GetProperty("fields").GetProperty("date_of_birth").GetString());
        return (feed, row.GetProperty("id").GetGuid(), crime);
    }

    [Fact]
    public async Task A_corrected_row_is_reprocessed_and_imported_and_a_still_wrong_one_keeps_its_new_reasons()
    {
        var (feed, id, crime) = await QuarantinedAsync();

        var stillFailing = await feed.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/reprocess", new Dictionary<string, string?> { ["date_of_birth"] = "1990-02-28" });
        var failing = await stillFailing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", failing.GetProperty("status").GetString());
        Assert.Equal(["email 'nope' is not a valid email address"], failing.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var fixedResponse = await feed.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/reprocess", new Dictionary<string, string?> { ["email"] = "ok@example.org" });

        Assert.Equal(HttpStatusCode.OK, fixedResponse.StatusCode);
        var done = await fixedResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reprocessed", done.GetProperty("status").GetString());
        var person = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Crime.CrimeReference == crime).Select(c => c.Person).SingleAsync());
        Assert.Equal((new DateOnly(1990, 2, 28), "ok@example.org"), (person.DateOfBirth, person.Email));
        Assert.Equal(2, await app.Data.AuditCountAsync(AuditOperation.Administration, "QuarantinedRow", id));
        var again = await feed.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/reprocess", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_row_is_discarded_only_with_a_reason_and_only_by_its_own_organisation()
    {
        var (feed, id, _) = await QuarantinedAsync();
        var stranger = await FeedSender.ForNewForceAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/discard", new { reason = "not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/reprocess", new Dictionary<string, string?>())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await feed.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/discard", new { reason = " " })).StatusCode);
        var discarded = await feed.Api.PostAsJsonAsync($"/api/v1/quarantine/{id}/discard", new { reason = "Duplicate of a record sent by phone" });

        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        var row = await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.Id == id));
        Assert.Equal((QuarantineStatus.Discarded, "Duplicate of a record sent by phone"), (row.Status, row.Resolution));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Administration, "QuarantinedRow", id));
    }

    [Fact]
    public async Task Another_organisation_cannot_read_an_import()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var result = await feed.VictimsAsync(feed.Victim(FeedSender.NewRef("C"), "P1"));
        var stranger = await FeedSender.ForNewForceAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/imports/{result.ImportId}")).StatusCode);
        var import = await feed.Api.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{result.ImportId}");
        Assert.Equal("completed", import.GetProperty("status").GetString());
        Assert.Equal(1, import.GetProperty("created").GetInt32());
    }
}
