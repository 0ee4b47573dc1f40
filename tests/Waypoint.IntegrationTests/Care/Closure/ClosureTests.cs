using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Care.Plan.CareSteps;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Closure;

public sealed class ClosureTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private const string HighRiskRefusal = "This case is high risk: closing it needs a Team Leader's approval.";

    private Task<VictimCase> CaseAsync(Guid caseId) => app.Data.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));

    private Task<List<CaseClosure>> ClosuresAsync(Guid caseId) => app.Data.QueryAsync(db => db.CaseClosures.AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync());

    private Task<int> ExitMeasurementsAsync(Guid caseId) =>
        app.Data.QueryAsync(db => db.OutcomeMeasurements.CountAsync(m => m.CaseId == caseId && m.Stage == MeasurementStage.Exit));

    private static Dictionary<string, string> CloseFields(string reason, params string[] exit) =>
        new Dictionary<string, string> { ["Input.Reason"] = reason, ["Input.ClosingNote"] = "Support finished well" }
            .With(exit.Length == 0 ? [] : Answers("Input.ExitAnswers", exit));

    private async Task<(Team Team, TestUser Officer, TestUser Leader, Guid CaseId)> HighRiskCaseAsync(Organisation force, string name)
    {
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, team);
        var caseId = await app.Data.CaseAsync(force, name, team, officer);
        await app.Data.AssessRiskAsync(caseId, RiskLevel.High, "DASH 15 yes answers");
        return (team, officer, leader, caseId);
    }

    [Fact]
    public async Task Closing_with_a_reason_and_exit_measures_closes_the_case_and_warns_of_open_obligations()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Closer");
        var client = await app.SignedInAsync(officer);

        var form = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}/close"));
        Assert.Contains("data-testid=\"open-obligations\"", form, StringComparison.Ordinal);
        Assert.Contains("R3-ACK", form, StringComparison.Ordinal);

        var noMeasures = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", CloseFields("support-completed"));
        Assert.Equal(HttpStatusCode.OK, noMeasures.StatusCode);
        Assert.Contains("Select the victim's answer to \"I am able to cope with everyday life\"", await HtmlAsync(noMeasures), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.New, (await CaseAsync(caseId)).Status);

        var otherWithoutNote = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", CloseFields("other", "3", "3", "3", "3", "3"));
        Assert.Contains("Describe why the case is closing", await HtmlAsync(otherWithoutNote), StringComparison.Ordinal);

        var closed = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", CloseFields("support-completed", "4", "5", "3", "none", "2"));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var victimCase = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Closed, victimCase.Status);
        Assert.NotNull(victimCase.ClosedAt);
        var closure = (await ClosuresAsync(caseId)).Single();
        Assert.Equal(ClosureStatus.Closed, closure.Status);
        Assert.Equal("Support completed", closure.ReasonText);
        Assert.Equal("Support finished well", closure.ClosingNote);
        var exit = await app.Data.QueryAsync(db => db.OutcomeMeasurements.Include(m => m.Answers).SingleAsync(m => m.CaseId == caseId));
        Assert.Equal(MeasurementStage.Exit, exit.Stage);
        Assert.Equal(5, exit.Answers.Single(a => a.QuestionId == "safety").Score);
        Assert.Null(exit.Answers.Single(a => a.QuestionId == "informed").Score);
        Assert.Contains("Case closed: Support completed", await TimelineAsync(app, caseId));
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "Case" && e.RecordId == caseId.ToString()
            && e.Operation == AuditOperation.Alteration && e.Field == "Status" && e.NewValue == "Closed")));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "CaseClosure", closure.Id));
        Assert.Contains("data-testid=\"closure-state\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        // Closing leaves the Code obligations alone.
        Assert.Contains(await ObligationsAsync(app, caseId), o => o.Status == Waypoint.Modules.Entitlements.Domain.ObligationStatus.Open);
    }

    [Fact]
    public async Task A_victim_who_declined_needs_no_exit_measures()
    {
        var force = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.VictimCareOfficer));
        var caseId = await app.Data.CaseAsync(force, "Declined");

        var closed = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", CloseFields("victim-declined"));

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(CaseStatus.Closed, (await CaseAsync(caseId)).Status);
        Assert.Equal(0, await ExitMeasurementsAsync(caseId));
    }

    [Fact]
    public async Task Closing_a_high_risk_case_without_approval_is_refused_on_page_and_api_and_nothing_changes()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(force, "Risky", team, officer);
        await app.Data.AssessRiskAsync(caseId, RiskLevel.Medium);
        var client = await app.SignedInAsync(officer);
        // The officer opens the form while the case is medium risk; before they send it, the risk becomes high.
        var page = await client.GetAsync($"/cases/{caseId}/close");
        var html = await page.Content.ReadAsStringAsync();
        var fields = Forms.FieldsFrom(html).With(CloseFields("support-completed", "3", "3", "3", "3", "3"));
        Assert.Equal("false", fields["Input.SendForApproval"]);
        await app.Data.AssessRiskAsync(caseId, RiskLevel.High, "DASH 14 yes answers");

        var refused = await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/close", "close-case", Forms.TokenFrom(html), fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(HighRiskRefusal, await HtmlAsync(refused), StringComparison.Ordinal);
        var api = app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));
        var apiRefused = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure",
            new { reason = "support-completed", exitAnswers = Questions.ToDictionary(q => q, _ => "3") });
        Assert.Equal(HttpStatusCode.BadRequest, apiRefused.StatusCode);
        Assert.Contains(HighRiskRefusal, await apiRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var victimCase = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Active, victimCase.Status);
        Assert.Null(victimCase.ClosedAt);
        Assert.Empty(await ClosuresAsync(caseId));
        Assert.Equal(0, await ExitMeasurementsAsync(caseId));
        Assert.DoesNotContain(await TimelineAsync(app, caseId), t => t.StartsWith("Case closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_high_risk_closure_waits_for_a_Team_Leader_of_the_team_and_a_Team_Leader_of_another_team_cannot_approve_it()
    {
        var force = await app.Data.OrganisationAsync();
        var (_, officer, leader, caseId) = await HighRiskCaseAsync(force, "Approved");
        var otherTeam = await app.Data.TeamAsync(force);
        var otherLeader = await app.Data.UserAsync(force, Roles.TeamLeader, otherTeam);
        var client = await app.SignedInAsync(officer);

        var form = await client.GetStringAsync($"/cases/{caseId}/close");
        Assert.Contains("Send for Team Leader approval", form, StringComparison.Ordinal);
        var sent = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case",
            CloseFields("support-completed", "4", "4", "4", "4", "4").With(new() { ["Input.SendForApproval"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(CaseStatus.Active, (await CaseAsync(caseId)).Status);
        Assert.Equal(ClosureStatus.AwaitingApproval, (await ClosuresAsync(caseId)).Single().Status);
        Assert.Equal(0, await ExitMeasurementsAsync(caseId));
        Assert.Contains("Awaiting closure approval", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        var again = await SessionPostAsync(client, $"/cases/{caseId}/close", $"/api/v1/cases/{caseId}/closure", new { reason = "victim-declined", sendForApproval = true });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already awaiting a Team Leader's approval", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var outsider = await app.SignedInAsync(otherLeader);
        Assert.DoesNotContain(caseId.ToString(), await outsider.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("Approve and close the case", await outsider.GetStringAsync($"/cases/{caseId}/close"), StringComparison.Ordinal);
        var forbidden = await SessionPostAsync(outsider, $"/cases/{caseId}/close", $"/api/v1/cases/{caseId}/closure/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Only a Team Leader of the case's team can approve", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var officerApproves = await SessionPostAsync(client, $"/cases/{caseId}/close", $"/api/v1/cases/{caseId}/closure/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, officerApproves.StatusCode);
        Assert.Equal(CaseStatus.Active, (await CaseAsync(caseId)).Status);
        Assert.Equal(ClosureStatus.AwaitingApproval, (await ClosuresAsync(caseId)).Single().Status);

        var approver = await app.SignedInAsync(leader);
        var myWork = await approver.GetStringAsync("/");
        Assert.Contains("data-testid=\"closures-to-approve\"", myWork, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), myWork, StringComparison.Ordinal);
        var approved = await Forms.PostAsync(approver, $"/cases/{caseId}/close", "approve-closure", new());
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var victimCase = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Closed, victimCase.Status);
        var closure = (await ClosuresAsync(caseId)).Single();
        Assert.Equal(ClosureStatus.Closed, closure.Status);
        Assert.Equal(leader.Id, closure.DecidedById);
        Assert.Equal(1, await ExitMeasurementsAsync(caseId));
        Assert.Contains(await TimelineAsync(app, caseId), t => t == $"Case closed: Support completed (high risk, approved by Officer {leader.UserName})");
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "CaseClosure", closure.Id));
        Assert.DoesNotContain(caseId.ToString(), await approver.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Team_Leader_declines_with_a_reason_and_the_case_stays_open()
    {
        var force = await app.Data.OrganisationAsync();
        var (_, officer, leader, caseId) = await HighRiskCaseAsync(force, "Declinedclosure");
        var api = app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));
        var sent = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure",
            new { reason = "victim-declined", sendForApproval = true }), HttpStatusCode.OK);
        Assert.Equal("awaiting_approval", sent.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure/approve", new { })).StatusCode);

        var approver = await app.SignedInAsync(leader);
        var noReason = await Forms.PostAsync(approver, $"/cases/{caseId}/close", "decline-closure", new() { ["Decline.Reason"] = "" });
        Assert.Contains("Enter why you are declining to close the case", await HtmlAsync(noReason), StringComparison.Ordinal);
        var declined = await Forms.PostAsync(approver, $"/cases/{caseId}/close", "decline-closure", new() { ["Decline.Reason"] = "MARAC is next week: keep it open" });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);

        Assert.Equal(CaseStatus.Active, (await CaseAsync(caseId)).Status);
        var closure = (await ClosuresAsync(caseId)).Single();
        Assert.Equal(ClosureStatus.Declined, closure.Status);
        Assert.Equal("MARAC is next week: keep it open", closure.DeclineReason);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.EndsWith(": MARAC is next week: keep it open", StringComparison.Ordinal) && t.StartsWith("Closure declined by", StringComparison.Ordinal));
        var officerView = await app.SignedInAsync(officer);
        Assert.Contains("The last closure was declined by", await officerView.GetStringAsync($"/cases/{caseId}/close"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_opening_needs_a_reason_and_a_closed_case_refuses_plan_changes()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Reopened");
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await StartPlanAsync(client, caseId, Today.AddDays(5))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", CloseFields("unable-to-contact"))).StatusCode);

        var refusedGoal = await AddGoalAsync(client, caseId, "Move house");
        Assert.Equal(HttpStatusCode.OK, refusedGoal.StatusCode);
        Assert.Contains("This case is closed: re-open it before changing its support plan.", await HtmlAsync(refusedGoal), StringComparison.Ordinal);
        var api = app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));
        var apiGoal = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/goals", new { text = "Move house" });
        Assert.Equal(HttpStatusCode.BadRequest, apiGoal.StatusCode);
        Assert.Contains("This case is closed", await apiGoal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/reviews",
            new { reviewedOn = Today, notes = "x", nextReviewOn = Today.AddDays(9) })).StatusCode);
        Assert.Empty((await app.Data.QueryAsync(db => db.SupportPlans.Include(p => p.Goals).SingleAsync(p => p.CaseId == caseId))).Goals);
        Assert.Contains("This case is closed: the support plan cannot change.", WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}/plan")), StringComparison.Ordinal);

        var noReason = await Forms.PostAsync(client, $"/cases/{caseId}/reopen", "reopen", new() { ["Input.Reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Enter why the case is being re-opened", await HtmlAsync(noReason), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reopen", new { reason = "" })).StatusCode);
        Assert.Equal(CaseStatus.Closed, (await CaseAsync(caseId)).Status);

        var reopened = await Forms.PostAsync(client, $"/cases/{caseId}/reopen", "reopen", new() { ["Input.Reason"] = "Victim called back asking for support" });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var victimCase = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Active, victimCase.Status);
        Assert.Null(victimCase.ClosedAt);
        Assert.Contains("Case re-opened: Victim called back asking for support", await TimelineAsync(app, caseId));
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "Case" && e.RecordId == caseId.ToString()
            && e.Field == "Status" && e.OldValue == "Closed" && e.NewValue == "Active")));
        Assert.Equal(HttpStatusCode.Redirect, (await AddGoalAsync(client, caseId, "Move house")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reopen", new { reason = "Again" })).StatusCode);
    }

    [Fact]
    public async Task Closure_pages_and_api_answer_404_for_a_case_the_user_cannot_see()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var caseId = await app.Data.CaseAsync(force, "Unseenclosure");
        var outsider = await app.SignedInAsync(await app.Data.UserAsync(other, Roles.TeamLeader));
        var api = app.Api(await app.Data.TokenAsync(other, await app.Data.UserAsync(other, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/cases/{caseId}/close")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/cases/{caseId}/reopen")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/closure")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure", new { reason = "victim-declined" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/closure/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/reopen", new { reason = "x" })).StatusCode);
        Assert.Equal(CaseStatus.New, (await CaseAsync(caseId)).Status);
    }
}
