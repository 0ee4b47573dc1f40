using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Intake.Domain;

namespace Waypoint.IntegrationTests.Intake.Feeds;

public sealed class ValidatingFeedRowsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Theory]
    [InlineData("crime_reference", "", "crime_reference is required")]
    [InlineData("crime_reference", "12345678901234567890123456789012345678901", "crime_reference is longer than 40 characters")]
    [InlineData("person_reference", "", "person_reference is required")]
    [InlineData("role", "neighbour", "role 'neighbour' is not one of victim, witness, bereaved_relative, parent_guardian, business_contact")]
    [InlineData("date_reported", "", "date_reported is required")]
    [InlineData("date_reported", "02/03/2026", "date_reported 02/03/2026 is not a valid date")]
    [InlineData("date_reported", "2099-01-01", "date_reported 2099-01-01 is in the future")]
    [InlineData("date_of_offence", "2026-03-05", "date_of_offence 2026-03-05 is after date_reported 2026-03-02")]
    [InlineData("offence_description", "", "offence_description is required")]
    [InlineData("offence_flags", "domestic_abuse;burglary", "offence_flags 'burglary' is not one of")]
    [InlineData("first_name", "", "first_name is required")]
    [InlineData("last_name", "", "last_name is required")]
    [InlineData("date_of_birth", "2026-02-30", "date_of_birth 2026-02-30 is not a valid date")]
    [InlineData("date_of_birth", "2099-05-01", "date_of_birth 2099-05-01 is in the future")]
    [InlineData("date_of_birth", "2026-03-02", "date_of_birth 2026-03-02 is after date_of_offence 2026-03-01")]
    [InlineData("email", "not-an-email", "email 'not-an-email' is not a valid email address")]
    [InlineData("postcode", "ZZ99 ZZZ", "postcode 'ZZ99 ZZZ' is not a valid UK postcode")]
    [InlineData("preferred_language", "english please", "preferred_language 'english please' is not an IETF language tag")]
    [InlineData("interpreter_required", "maybe", "interpreter_required 'maybe' is not a yes or no value")]
    [InlineData("vulnerability_flags", "sad", "vulnerability_flags 'sad' is not one of")]
    [InlineData("contact_restrictions", "no_calls", "contact_restrictions 'no_calls' is not one of")]
    [InlineData("consent_to_referral", "perhaps", "consent_to_referral 'perhaps' is not one of yes, no, not_asked")]
    [InlineData("oic_email", "dc.smith@", "oic_email 'dc.smith@' is not a valid email address")]
    [InlineData("force_code", "XX", "force_code 'XX' is not a configured force")]
    [InlineData("force_code", "", "force_code is required")]
    public async Task A_victims_row_breaking_a_rule_is_quarantined_with_a_reason_naming_the_field_and_value(string field, string value, string reason)
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");

        var result = await feed.VictimsAsync(feed.Victim(crime, "P1", (field, value)));

        Assert.Equal(1, result.Quarantined);
        Assert.Contains(result.ReasonsOf(1), r => r.StartsWith(reason, StringComparison.Ordinal));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Crimes.CountAsync(c => c.CrimeReference == crime)));
    }

    [Theory]
    [InlineData("event_id", "", "event_id is required")]
    [InlineData("event_type", "suspect_sneezed", "event_type 'suspect_sneezed' is not one of suspect_arrested,")]
    [InlineData("event_at", "yesterday", "event_at yesterday is not a valid date or date-time")]
    [InlineData("event_at", "2026-03-29T01:30", "event_at 2026-03-29T01:30 is not a valid date or date-time")]
    [InlineData("event_at", "2099-01-01T10:00Z", "event_at 2099-01-01T10:00Z is in the future")]
    [InlineData("crime_reference", "", "crime_reference is required")]
    [InlineData("force_code", "NOPE", "force_code 'NOPE' is not a configured force")]
    public async Task An_events_row_breaking_a_rule_is_quarantined_with_its_reason(string field, string value, string reason)
    {
        var feed = await FeedSender.ForNewForceAsync(app);

        var result = await feed.EventsAsync(feed.Event(FeedSender.NewRef("C"), "E1", (field, value)));

        Assert.Equal(1, result.Quarantined);
        Assert.Contains(result.ReasonsOf(1), r => r.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_reason_of_a_row_is_collected_and_a_business_contact_needs_a_business_name()
    {
        var feed = await FeedSender.ForNewForceAsync(app);

        var result = await feed.VictimsAsync(
            feed.Victim(FeedSender.NewRef("C"), "P1", ("date_of_birth", "2026-02-30"), ("email", "x@"), ("postcode", "123")),
            feed.Victim(FeedSender.NewRef("C"), "P2", ("role", "business_contact"), ("first_name", ""), ("last_name", "")));

        Assert.Equal(3, result.ReasonsOf(1).Count);
        Assert.Equal(["business_name is required when role is business_contact"], result.ReasonsOf(2));
    }

    [Fact]
    public async Task A_file_mixing_good_and_bad_rows_imports_the_good_ones_and_the_counts_add_up()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var rows = Enumerable.Range(1, 6).Select(i => feed.Victim(FeedSender.NewRef("C"), "P" + i)).ToList();
        rows[1]["role"] = "neighbour";
        rows[4]["date_of_birth"] = "1990-13-01";

        var result = await feed.VictimsAsync([.. rows]);

        Assert.Equal((6, 4, 0, 0, 2), (result.RowsRead, result.Created, result.Updated, result.Unchanged, result.Quarantined));
        Assert.Equal([2, 5], result.Quarantine.Select(q => q.Row));
        var quarantined = await app.Data.QueryAsync(db => db.QuarantinedRows.Where(q => q.ImportId == result.ImportId).OrderBy(q => q.RowNumber).ToListAsync());
        Assert.Equal([2, 5], quarantined.Select(q => q.RowNumber));
        Assert.All(quarantined, q => Assert.Equal(QuarantineStatus.Open, q.Status));
        Assert.Contains("\"role\":\"neighbour\"", quarantined[0].RawContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_missing_a_required_column_is_refused_whole_and_imports_nothing()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var rows = new[] { feed.Victim(crime, "P1", ("role", null)), feed.Victim(crime, "P2", ("role", null)) };

        var problem = await FeedSender.ProblemAsync(await feed.PostAsync("victims", FeedSender.Csv(rows)), HttpStatusCode.BadRequest);

        Assert.Contains("column 'role' is missing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Crimes.CountAsync(c => c.CrimeReference == crime)));
        var import = await app.Data.QueryAsync(db => db.Imports.SingleAsync(i => i.OrganisationId == feed.Force.Id));
        Assert.Equal(ImportStatus.Rejected, import.Status);
        Assert.Equal(64, import.ContentHash.Length);
    }

    [Fact]
    public async Task A_json_body_missing_a_required_field_is_refused_too()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var response = await feed.PostAsync("investigation-events", FeedSender.Json([feed.Event("C1", "E1", ("event_type", null))]), "application/json");

        var problem = await FeedSender.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'event_type'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_column_is_a_warning_and_is_ignored()
    {
        var feed = await FeedSender.ForNewForceAsync(app);

        var result = await feed.VictimsAsync(feed.Victim(FeedSender.NewRef("C"), "P1", ("colour", "blue")));

        Assert.Equal(["unknown column 'colour' ignored"], result.Warnings);
        Assert.Equal(1, result.Created);
    }

    [Fact]
    public async Task Broken_files_and_other_content_types_are_refused()
    {
        var feed = await FeedSender.ForNewForceAsync(app);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await feed.PostAsync("victims", "force_code,role\n", "text/plain")).StatusCode);
        await FeedSender.ProblemAsync(await feed.PostAsync("victims", "{\"force_code\":\"X\"}", "application/json"), HttpStatusCode.BadRequest);
        await FeedSender.ProblemAsync(await feed.PostAsync("victims", "", "text/csv"), HttpStatusCode.BadRequest);
        await FeedSender.ProblemAsync(await feed.PostAsync("victims", [0x66, 0x6f, 0xff, 0xfe, 0x0a], "text/csv"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_token_without_the_feeds_permission_cannot_send_a_feed()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Waypoint.Platform.Security.Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin, Waypoint.Platform.Security.Permissions.CasesRead));

        var response = await api.PostAsync("/api/v1/feeds/victims", new StringContent("force_code\n", System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
