using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.IntegrationTests.Intake.Feeds;
using Waypoint.IntegrationTests.Intake.Referrals;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements;

/// <summary>
/// Every path that creates a case starts its Code clocks, and every path that allocates one moves its open
/// obligations to the new owner (ADR 0006), in the same save as the case.
/// </summary>
public sealed class ClocksFollowTheCaseTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private Task<List<Obligation>> ObligationsAsync(Guid caseId) =>
        app.Data.QueryAsync(db => db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId).OrderBy(o => o.Rule).ToListAsync());

    private static WorkingDayCalendar Calendar => new(BankHoliday.EnglandAndWales2024To2028.Select(h => h.Date).ToHashSet());

    [Fact]
    public async Task A_case_recorded_through_the_api_starts_acknowledgement_referral_and_needs_assessment_clocks_from_the_report_date()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin));
        var reported = UkTime.Today(DateTime.UtcNow).AddDays(-3);

        var created = await api.PostAsJsonAsync("/api/v1/cases", new
        {
            source = "phone",
            role = "victim",
            firstName = "Gwilym",
            lastName = "Rhydderch",
            offenceDescription = "Theft from the person",
            dateReported = reported.ToString("yyyy-MM-dd"),
            forceCode = force.Code,
            crimeReference = $"{force.Code}/26/{Random.Shared.Next(100000, 999999)}",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = (await created.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["id"].ToString()!;

        var obligations = await ObligationsAsync(Guid.Parse(caseId));
        Assert.Equal(["R3-ACK", "R4-NA", "R4-REF"], obligations.Select(o => o.Rule));
        Assert.All(obligations, o => Assert.Equal(reported, o.TriggerDate));
        Assert.Equal(Calendar.AddWorkingDays(reported, 5), obligations.Single(o => o.Rule == "R3-ACK").DueOn);
        Assert.Equal(Calendar.AddWorkingDays(reported, 2), obligations.Single(o => o.Rule == "R4-REF").DueOn);
        Assert.All(obligations, o => Assert.Equal(ObligationStatus.Open, o.Status));
    }

    [Fact]
    public async Task A_self_referral_for_a_crime_not_reported_starts_referral_and_needs_assessment_but_no_police_acknowledgement()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var response = await Forms.PostAsync(app.Browser(), "/refer", "self-referral", SelfReferralTests.Answers(hub, "Eirlys"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var caseId = await app.Data.QueryAsync(db => db.Cases.Where(c => c.OrganisationId == hub.Id).Select(c => c.Id).SingleAsync());
        var obligations = await ObligationsAsync(caseId);
        Assert.Equal(["R4-NA", "R4-REF"], obligations.Select(o => o.Rule));
        Assert.All(obligations, o => Assert.Equal(TriggerKind.CaseRecorded, o.Trigger));
    }

    [Fact]
    public async Task Allocating_one_case_moves_its_open_obligations_to_the_officer_and_leaves_completed_ones_alone()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org);
        await app.Data.QueryAsync(async db =>
        {
            var na = await db.Obligations.SingleAsync(o => o.CaseId == caseId && o.Rule == "R4-REF");
            na.MarkNotApplicable("The victim asked not to be referred", Actor.System(org.Id, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var api = app.Api(await app.Data.TokenAsync(org, leader));

        var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/allocation", new { teamId = team.Id, officerId = officer.Id });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var obligations = await ObligationsAsync(caseId);
        Assert.All(obligations.Where(o => o.Status == ObligationStatus.Open), o => Assert.Equal((team.Id, officer.Id), (o.OwnerTeamId!.Value, o.OwnerUserId!.Value)));
        var setAside = obligations.Single(o => o.Rule == "R4-REF");
        Assert.Null(setAside.OwnerUserId);
    }

    [Fact]
    public async Task Bulk_and_automatic_allocation_move_the_open_obligations_too()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var bulk = await app.Data.CaseAsync(org, "Bulkallocated");
        var auto = await app.Data.CaseAsync(org, "Autoallocated");
        var api = app.Api(await app.Data.TokenAsync(org, leader));

        var first = await api.PostAsJsonAsync("/api/v1/cohort/allocation", new { caseIds = new[] { bulk }, teamId = team.Id, officerId = officer.Id });
        var second = await api.PostAsJsonAsync("/api/v1/cohort/auto-allocation", new { teamId = team.Id, caseIds = new[] { auto } });

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        foreach (var id in new[] { bulk, auto })
        {
            var obligations = await ObligationsAsync(id);
            Assert.Equal(3, obligations.Count);
            Assert.All(obligations, o => Assert.Equal((team.Id, officer.Id), (o.OwnerTeamId!.Value, o.OwnerUserId!.Value)));
        }
    }

    [Fact]
    public async Task The_victims_feed_starts_each_new_cases_clocks_once_and_an_update_that_makes_rights_enhanced_brings_open_due_dates_forward()
    {
        var sender = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("CR");
        var person = FeedSender.NewRef("P");
        var row = sender.Victim(crime, person, ("date_reported", "2026-03-02"));

        var first = await sender.VictimsAsync(row);
        var again = await sender.VictimsAsync(row);
        Assert.Equal((1, 1), (first.Created, again.Unchanged));
        var caseId = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Crime.CrimeReference == crime).Select(c => c.Id).SingleAsync());
        var obligations = await ObligationsAsync(caseId);
        Assert.Equal(["R3-ACK", "R4-NA", "R4-REF"], obligations.Select(o => o.Rule));
        Assert.Equal(new DateOnly(2026, 3, 9), obligations.Single(o => o.Rule == "R3-ACK").DueOn);

        // An arrest on Thursday 5 March 2026: 5 working days for standard rights (Thursday 12 March)...
        Assert.Equal(0, (await sender.EventsAsync(sender.Event(crime, "EV1"))).Quarantined);
        Assert.Equal(new DateOnly(2026, 3, 12), (await ObligationsAsync(caseId)).Single(o => o.Rule == "R6-ARR").DueOn);

        // ...then the feed says the offence is domestic abuse: enhanced rights, 1 working day (Friday 6 March).
        var updated = await sender.VictimsAsync(sender.Victim(crime, person, ("date_reported", "2026-03-02"), ("offence_flags", "domestic_abuse")));
        Assert.Equal(1, updated.Updated);
        var arrest = (await ObligationsAsync(caseId)).Single(o => o.Rule == "R6-ARR");
        Assert.Equal((new DateOnly(2026, 3, 6), true), (arrest.DueOn, arrest.Enhanced));
        var timeline = await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync());
        Assert.Contains(timeline, t => t.Contains("R6-ARR now due 6 Mar 2026 (was 12 Mar 2026)", StringComparison.Ordinal));
        Assert.Equal(4, (await ObligationsAsync(caseId)).Count); // re-sending the file started nothing new
    }
}
