using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.IntegrationTests.Intake.Feeds;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Entitlements.Ledger;

public sealed class ObligationsApiTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private async Task<(HttpClient Api, Modules.Administration.Domain.Organisation Force)> ApiAsync()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        return (app.Api(await app.Data.TokenAsync(force, admin)), force);
    }

    [Fact]
    public async Task The_api_lists_a_cases_obligations_with_the_feeds_fields_and_an_open_one_past_its_date_is_overdue()
    {
        var (api, force) = await ApiAsync();
        var caseId = await app.Data.CaseAsync(force, "Overdue", reportedDaysAgo: 20);
        var calendar = await CalendarAsync(app);
        var reported = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20);

        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/obligations"), HttpStatusCode.OK);

        Assert.Equal(3, list.GetArrayLength());
        var ack = list.EnumerateArray().Single(o => o.GetProperty("rule").GetString() == "R3-ACK");
        Assert.Equal(3, ack.GetProperty("right").GetInt32());
        Assert.Equal("overdue", ack.GetProperty("status").GetString());
        Assert.Equal(calendar.AddWorkingDays(reported, 5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ack.GetProperty("dueDate").GetString());
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("metAt").ValueKind);
        Assert.True(ack.GetProperty("triggeredAt").GetDateTime() < DateTime.UtcNow);
        Assert.Equal("Written acknowledgement of the report", ack.GetProperty("title").GetString());
        Assert.Equal("Crime reported", ack.GetProperty("trigger").GetString());
        Assert.Equal("police", ack.GetProperty("owner").GetString());
        Assert.False(ack.GetProperty("enhanced").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("notApplicableReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("actionId").ValueKind);
        Assert.True(Guid.TryParse(ack.GetProperty("id").GetString(), out _));
        Assert.Equal(["actionId", "dueDate", "enhanced", "id", "metAt", "notApplicableReason", "owner", "right", "rule", "status", "title", "trigger", "triggeredAt"],
            ack.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_api_records_an_action_that_meets_obligations_refuses_a_second_meeting_and_sets_one_aside_with_a_reason()
    {
        var (api, force) = await ApiAsync();
        var caseId = await app.Data.CaseAsync(force, "Apiuser", reportedDaysAgo: 20);
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var na = await ObligationAsync(app, caseId, "R4-NA");
        var referral = await ObligationAsync(app, caseId, "R4-REF");

        var recorded = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions",
            new { kind = "letter", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), summary = "Acknowledgement letter", meets = new[] { ack.Id } }), HttpStatusCode.OK);
        var twice = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions",
            new { kind = "email", occurredAt = DateTimeOffset.UtcNow, summary = "Again", meets = new[] { ack.Id } });
        var wrongKind = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions",
            new { kind = "letter", occurredAt = DateTimeOffset.UtcNow, summary = "Not an assessment", meets = new[] { na.Id } });
        var noReason = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/obligations/{referral.Id}/not-applicable", new { reason = "" });
        var setAside = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/obligations/{referral.Id}/not-applicable", new { reason = "The victim opted out of referral" });

        Assert.Equal("late", recorded.GetProperty("met")[0].GetProperty("status").GetString());
        var twiceProblem = await JsonAsync(twice, HttpStatusCode.BadRequest);
        Assert.Contains("R3-ACK is already met late: it cannot be met again", twiceProblem.GetProperty("errors").GetProperty("Meets")[0].GetString(), StringComparison.Ordinal);
        var wrongProblem = await JsonAsync(wrongKind, HttpStatusCode.BadRequest);
        Assert.StartsWith("A letter cannot meet R4-NA", wrongProblem.GetProperty("errors").GetProperty("Meets")[0].GetString(), StringComparison.Ordinal);
        var reasonProblem = await JsonAsync(noReason, HttpStatusCode.BadRequest);
        Assert.Equal("Enter why this does not apply", reasonProblem.GetProperty("errors").GetProperty("Reason")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, setAside.StatusCode);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));

        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/obligations"), HttpStatusCode.OK);
        var byRule = list.EnumerateArray().ToDictionary(o => o.GetProperty("rule").GetString()!);
        Assert.Equal("late", byRule["R3-ACK"].GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, byRule["R3-ACK"].GetProperty("metAt").ValueKind);
        Assert.Equal(recorded.GetProperty("id").GetString(), byRule["R3-ACK"].GetProperty("actionId").GetString());
        Assert.Equal("not_applicable", byRule["R4-REF"].GetProperty("status").GetString());
        Assert.Equal("The victim opted out of referral", byRule["R4-REF"].GetProperty("notApplicableReason").GetString());
        Assert.Equal("overdue", byRule["R4-NA"].GetProperty("status").GetString());
    }

    private Task<Guid> CaseOfAsync(string crime, string person) =>
        app.Data.QueryAsync(db => db.Cases.Where(c => c.Crime.CrimeReference == crime && c.Person.PersonReference == person).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task An_investigation_event_starts_a_right_6_clock_of_one_working_day_for_an_enhanced_case_and_five_for_a_standard_one()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        await feed.VictimsAsync(feed.Victim(crime, "P1"), feed.Victim(crime, "P2"));
        var enhanced = await CaseOfAsync(crime, "P1");
        var standard = await CaseOfAsync(crime, "P2");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var victimCase = await db.Cases.SingleAsync(c => c.Id == enhanced);
            victimCase.Override(EntitlementLevel.Enhanced, null, "test seed: enhanced rights", Actor.System(feed.Force.Id, DateTime.UtcNow, "test seed"));
            await db.SaveChangesAsync();
        }

        await feed.EventsAsync(feed.Event(crime, "E1", ("event_type", "suspect_arrested"), ("event_at", "2026-03-05T14:30")));

        var arrestEnhanced = await ObligationAsync(app, enhanced, "R6-ARR");
        var arrestStandard = await ObligationAsync(app, standard, "R6-ARR");
        Assert.Equal(new DateOnly(2026, 3, 6), arrestEnhanced.DueOn);
        Assert.True(arrestEnhanced.Enhanced);
        Assert.Equal(new DateOnly(2026, 3, 12), arrestStandard.DueOn);
        Assert.Equal(6, arrestStandard.Right);
        var list = await JsonAsync(await feed.Api.GetAsync($"/api/v1/cases/{enhanced}/obligations"), HttpStatusCode.OK);
        var arrest = list.EnumerateArray().Single(o => o.GetProperty("rule").GetString() == "R6-ARR");
        Assert.Equal("2026-03-06", arrest.GetProperty("dueDate").GetString());
        Assert.Equal("overdue", arrest.GetProperty("status").GetString());
        Assert.True(arrest.GetProperty("enhanced").GetBoolean());
    }

    [Fact]
    public async Task A_triage_override_to_enhanced_brings_an_open_right_6_due_date_forward_and_the_case_says_so()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var caseId = await app.Data.CaseAsync(feed.Force, "Reassessed", crimeReference: crime);
        await feed.EventsAsync(feed.Event(crime, "E1", ("event_type", "suspect_interviewed_under_caution"), ("event_at", "2026-03-05T14:30")));
        Assert.Equal(new DateOnly(2026, 3, 12), (await ObligationAsync(app, caseId, "R6-IUC")).DueOn);
        var officer = await app.Data.UserAsync(feed.Force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);

        var overridden = await Forms.PostAsync(client, $"/cases/{caseId}/triage", "override-triage", new()
        {
            ["Input.EntitlementLevel"] = "Enhanced",
            ["Input.Note"] = "Disclosed domestic abuse on the phone",
            ["Input.Version"] = (await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, overridden.StatusCode);
        var moved = await ObligationAsync(app, caseId, "R6-IUC");
        Assert.Equal(new DateOnly(2026, 3, 6), moved.DueOn);
        Assert.True(moved.Enhanced);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.Contains("R6-IUC now due 6 Mar 2026 (was 12 Mar 2026)", StringComparison.Ordinal));
        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("enhanced rights</strong>", page, StringComparison.Ordinal);
        Assert.Contains("1 working day after the trigger, enhanced rights", page, StringComparison.Ordinal);
        Assert.Contains("Friday 6 March 2026", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_case_and_a_restricted_case_are_not_found_on_the_pages_and_the_api()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var outsider = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var colleague = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var otherAdmin = await app.Data.UserAsync(other, Roles.UnitAdministrator);
        var forceAdmin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var open = await app.Data.CaseAsync(force, "Notyours");
        var restricted = await app.Data.CaseAsync(force, "Hidden", restricted: true);
        var openAck = await ObligationAsync(app, open, "R3-ACK");
        var restrictedAck = await ObligationAsync(app, restricted, "R3-ACK");
        var outsiderClient = await app.SignedInAsync(outsider);
        var colleagueClient = await app.SignedInAsync(colleague);
        var outsiderApi = app.Api(await app.Data.TokenAsync(other, otherAdmin));
        var forceApi = app.Api(await app.Data.TokenAsync(force, forceAdmin));

        foreach (var (client, caseId, obligationId) in new[] { (outsiderClient, open, openAck.Id), (colleagueClient, restricted, restrictedAck.Id) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/actions/new")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/update-plan")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/obligations/{obligationId}/not-applicable")).StatusCode);
        }
        foreach (var (api, caseId, obligationId) in new[] { (outsiderApi, open, openAck.Id), (forceApi, restricted, restrictedAck.Id) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/obligations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions",
                new { kind = "letter", occurredAt = DateTimeOffset.UtcNow, summary = "x", meets = new[] { obligationId } })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/obligations/{obligationId}/not-applicable", new { reason = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/update-plan",
                new { frequencyDays = 28, channel = "Phone", agreedOn = Today })).StatusCode);
        }
        Assert.Equal(ObligationStatus.Open, (await ObligationAsync(app, open, "R3-ACK")).Status);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == open || a.CaseId == restricted)));
    }
}
