using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Entitlements.Ledger;

public sealed class MeetingObligationsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task A_new_case_has_its_acknowledgement_referral_and_needs_assessment_due_on_working_days_and_the_ledger_shows_them()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Ledgerwood", reportedDaysAgo: 2);
        var calendar = await CalendarAsync(app);
        var reported = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);

        var obligations = await ObligationsAsync(app, caseId);

        Assert.Equal(["R3-ACK", "R4-NA", "R4-REF"], obligations.Select(o => o.Rule).Order(StringComparer.Ordinal));
        Assert.Equal(calendar.AddWorkingDays(reported, 5), obligations.Single(o => o.Rule == "R3-ACK").DueOn);
        Assert.Equal(calendar.AddWorkingDays(reported, 2), obligations.Single(o => o.Rule == "R4-REF").DueOn);
        Assert.Equal(calendar.AddWorkingDays(reported, 5), obligations.Single(o => o.Rule == "R4-NA").DueOn);
        Assert.All(obligations, o => Assert.Equal(ObligationStatus.Open, o.Status));

        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Victims' Code entitlements", page, StringComparison.Ordinal);
        Assert.Contains("Right 3: To be provided with information when reporting the crime", page, StringComparison.Ordinal);
        Assert.Contains("R3-ACK: Written acknowledgement of the report", page, StringComparison.Ordinal);
        Assert.Contains("No deadline tracked by Waypoint", page, StringComparison.Ordinal);
        Assert.Contains("No clock running yet", page, StringComparison.Ordinal);
        Assert.Contains("standard rights", page, StringComparison.Ordinal);
        Assert.Contains(LedgerDate(calendar.AddWorkingDays(reported, 5)), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_a_letter_meets_the_acknowledgement_on_time_with_the_timeline_and_audit_behind_it()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Onthedot", reportedDaysAgo: 1);
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var client = await app.SignedInAsync(officer);

        var form = await client.GetStringAsync($"/cases/{caseId}/actions/new");
        Assert.Contains("This action meets:", form, StringComparison.Ordinal);
        Assert.Contains("Can be met by: letter, email or text message", form, StringComparison.Ordinal);
        var response = await RecordActionAsync(client, caseId, "Letter", Today, "Acknowledgement letter sent with the crime reference and OIC", ack.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{caseId}?ledger=action-met&count=1", Forms.Location(response));
        var met = await ObligationAsync(app, caseId, "R3-ACK");
        Assert.Equal(ObligationStatus.Met, met.Status);
        Assert.Equal(ActionKind.Letter, met.MetBy);
        var action = await app.Data.QueryAsync(db => db.CaseActions.SingleAsync(a => a.CaseId == caseId));
        Assert.Equal(action.Id, met.ActionId);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "CaseAction", action.Id));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "Obligation", met.Id));
        var timeline = await TimelineAsync(app, caseId);
        Assert.Contains(timeline, t => t.StartsWith("Letter recorded", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith("R3-ACK met on time by the letter", StringComparison.Ordinal));

        var page = await client.GetStringAsync(Forms.Location(response));
        Assert.Contains("Action recorded: it met 1 obligation", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"status\">Met<", page, StringComparison.Ordinal);
        Assert.Contains("Acknowledgement letter sent with the crime reference and OIC", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_after_the_due_date_meets_the_acknowledgement_late()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Tardy", reportedDaysAgo: 20);
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var client = await app.SignedInAsync(officer);

        var response = await RecordActionAsync(client, caseId, "Letter", Today, "Acknowledgement letter, sent late", ack.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ObligationStatus.Late, (await ObligationAsync(app, caseId, "R3-ACK")).Status);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.StartsWith("R3-ACK met late by the letter", StringComparison.Ordinal));
        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains(">Met late<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_of_action_the_rule_does_not_accept_is_refused_with_the_reason_and_nothing_is_saved()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Wrongkind");
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var client = await app.SignedInAsync(officer);
        var timelineBefore = (await TimelineAsync(app, caseId)).Count;

        var response = await RecordActionAsync(client, caseId, "Referral", Today, "Referred to Victim Support", ack.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("A referral cannot meet R3-ACK: it can only be met by a letter, an email or a text message", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Meets\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));
        Assert.Equal(ObligationStatus.Open, (await ObligationAsync(app, caseId, "R3-ACK")).Status);
        Assert.Equal(timelineBefore, (await TimelineAsync(app, caseId)).Count);
    }

    [Fact]
    public async Task An_action_cannot_meet_an_obligation_that_started_after_it_and_a_form_without_kind_or_summary_says_what_is_missing()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Tooearly", reportedDaysAgo: 3);
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var client = await app.SignedInAsync(officer);

        var early = await RecordActionAsync(client, caseId, "Letter", Today.AddDays(-10), "A letter from before the report", ack.Id);
        var empty = await RecordActionAsync(client, caseId, "", Today, "");

        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Contains("after this action, so the action cannot meet it", earlyHtml, StringComparison.Ordinal);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Select what kind of action it was", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("Enter what was done", emptyHtml, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", System.Text.RegularExpressions.Regex.Match(emptyHtml, "<title>([^<]*)</title>").Groups[1].Value, StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task Not_applicable_needs_a_reason_and_then_is_shown_with_it()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Optout");
        var referral = await ObligationAsync(app, caseId, "R4-REF");
        var client = await app.SignedInAsync(officer);
        var url = $"/cases/{caseId}/obligations/{referral.Id}/not-applicable";

        var refused = await Forms.PostAsync(client, url, "not-applicable", new() { ["Input.Reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter why this does not apply", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ObligationStatus.Open, (await ObligationAsync(app, caseId, "R4-REF")).Status);

        var done = await Forms.PostAsync(client, url, "not-applicable", new() { ["Input.Reason"] = "The victim declined a referral" });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var set = await ObligationAsync(app, caseId, "R4-REF");
        Assert.Equal(ObligationStatus.NotApplicable, set.Status);
        Assert.Equal("The victim declined a referral", set.NotApplicableReason);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "Obligation", set.Id));
        Assert.Contains("R4-REF marked not applicable: The victim declined a referral", await TimelineAsync(app, caseId));
        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Not applicable: The victim declined a referral", page, StringComparison.Ordinal);

        var again = await client.GetStringAsync(url);
        Assert.Contains("This obligation is no longer open", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_obligation_cannot_be_met_twice()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Twice");
        var ack = await ObligationAsync(app, caseId, "R3-ACK");
        var client = await app.SignedInAsync(officer);

        var first = await RecordActionAsync(client, caseId, "Letter", Today, "First letter", ack.Id);
        var second = await RecordActionAsync(client, caseId, "Email", Today, "Second, by email", ack.Id);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("R3-ACK is already met: it cannot be met again", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));
        Assert.Equal("First letter", await app.Data.QueryAsync(db => db.CaseActions.Where(a => a.Id == db.Obligations.Single(o => o.Id == ack.Id).ActionId).Select(a => a.Summary).SingleAsync()));
    }

    private static string LedgerDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
