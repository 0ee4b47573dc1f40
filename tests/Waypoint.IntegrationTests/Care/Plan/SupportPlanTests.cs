using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Care.Plan.CareSteps;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Plan;

public sealed class SupportPlanTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private Task<SupportPlan?> PlanAsync(Guid caseId) => app.Data.QueryAsync(db => db.SupportPlans.AsNoTracking().AsSplitQuery()
        .Include(p => p.Goals).Include(p => p.Interventions).Include(p => p.Reviews).SingleOrDefaultAsync(p => p.CaseId == caseId));

    [Fact]
    public async Task An_officer_builds_a_plan_of_goals_and_interventions_and_a_review_due_shows_on_My_work_until_it_is_recorded()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(force, "Planned", team, officer);
        var client = await app.SignedInAsync(officer);

        Assert.Contains("Start the support plan", await client.GetStringAsync($"/cases/{caseId}/plan"), StringComparison.Ordinal);
        var started = await StartPlanAsync(client, caseId, Today.AddDays(3));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(Today.AddDays(3), (await PlanAsync(caseId))!.NextReviewOn);

        var myWork = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"plan-reviews-due\"", myWork, StringComparison.Ordinal);
        Assert.Contains($"/cases/{caseId}/plan", myWork, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await AddGoalAsync(client, caseId, "Feel safe at home again")).StatusCode);
        var goal = (await PlanAsync(caseId))!.Goals.Single();
        Assert.Equal(GoalStatus.Open, goal.Status);

        var byVictim = await Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/{goal.Id}/interventions/new", "intervention", new()
        {
            ["Input.What"] = "Keep a diary of incidents",
            ["Input.Owner"] = "Victim",
        });
        Assert.Equal(HttpStatusCode.Redirect, byVictim.StatusCode);
        var byOfficer = await Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/{goal.Id}/interventions/new", "intervention", new Dictionary<string, string>
        {
            ["Input.What"] = "Arrange a target-hardening visit",
            ["Input.Owner"] = "Officer",
            ["Input.OwnerUserId"] = officer.Id.ToString(),
        }.With(Date("Input.Due", Today.AddDays(10))));
        Assert.Equal(HttpStatusCode.Redirect, byOfficer.StatusCode);
        var noReferral = await Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/{goal.Id}/interventions/new", "intervention", new()
        {
            ["Input.What"] = "Counselling sessions",
            ["Input.Owner"] = "Service",
        });
        Assert.Equal(HttpStatusCode.OK, noReferral.StatusCode);
        Assert.Contains("Select the referral to the service that owns it", await HtmlAsync(noReferral), StringComparison.Ordinal);

        var plan = (await PlanAsync(caseId))!;
        Assert.Equal(2, plan.Interventions.Count);
        var visit = plan.Interventions.Single(i => i.Owner == InterventionOwner.Officer);
        Assert.Equal(officer.Id, visit.OwnerUserId);
        Assert.Equal("Officer " + officer.UserName, visit.OwnerName);
        Assert.Equal(Today.AddDays(10), visit.DueOn);
        Assert.Equal("The victim", plan.Interventions.Single(i => i.Owner == InterventionOwner.Victim).OwnerName);

        var done = await Forms.PostAsync(client, $"/cases/{caseId}/plan/interventions/{visit.Id}", "intervention", new()
        {
            ["Input.What"] = visit.What,
            ["Input.Owner"] = "Officer",
            ["Input.OwnerUserId"] = officer.Id.ToString(),
            ["Input.Status"] = "Done",
            ["Input.Version"] = D(plan.Version),
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var achieved = await Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/{goal.Id}", "goal", new()
        {
            ["Input.Text"] = goal.Text,
            ["Input.Status"] = "Achieved",
        });
        Assert.Equal(HttpStatusCode.Redirect, achieved.StatusCode);

        var review = await Forms.PostAsync(client, $"/cases/{caseId}/plan/review", "review", new Dictionary<string, string>
        {
            ["Input.Notes"] = "Victim feels safer since the visit",
        }.With(Date("Input.Reviewed", Today)).With(Date("Input.Next", Today.AddDays(30))));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);

        plan = (await PlanAsync(caseId))!;
        Assert.Equal(GoalStatus.Achieved, plan.Goals.Single().Status);
        Assert.Equal(InterventionStatus.Done, plan.Interventions.Single(i => i.Id == visit.Id).Status);
        Assert.Equal(Today.AddDays(30), plan.NextReviewOn);
        Assert.Equal("Victim feels safer since the visit", plan.Reviews.Single().Notes);
        Assert.DoesNotContain($"/cases/{caseId}/plan", await client.GetStringAsync("/"), StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/cases/{caseId}/plan");
        Assert.Contains("Feel safe at home again", page, StringComparison.Ordinal);
        Assert.Contains("Arrange a target-hardening visit", page, StringComparison.Ordinal);
        Assert.Contains("Victim feels safer since the visit", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"support-plan\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);

        var timeline = await TimelineAsync(app, caseId);
        Assert.Contains(timeline, t => t.StartsWith("Support plan started", StringComparison.Ordinal));
        Assert.Contains("Support plan goal added: Feel safe at home again", timeline);
        Assert.Contains("Support plan goal achieved: Feel safe at home again", timeline);
        Assert.Contains(timeline, t => t.StartsWith("Support plan reviewed", StringComparison.Ordinal));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "SupportPlan", plan.Id));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "PlanGoal", goal.Id));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "PlanIntervention", visit.Id));
    }

    [Fact]
    public async Task A_stale_version_and_missing_fields_are_refused_and_nothing_changes()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Stale");
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await StartPlanAsync(client, caseId, Today.AddDays(7))).StatusCode);
        var before = (await PlanAsync(caseId))!.Version;
        Assert.Equal(HttpStatusCode.Redirect, (await AddGoalAsync(client, caseId, "Sleep through the night")).StatusCode);

        var stale = await Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/new", "goal", new() { ["Input.Text"] = "Go back to work", ["Input.Version"] = D(before) });
        Assert.Contains("changed by someone else", await HtmlAsync(stale), StringComparison.Ordinal);
        var empty = await AddGoalAsync(client, caseId, " ");
        Assert.Contains("Enter what the victim wants to achieve", await HtmlAsync(empty), StringComparison.Ordinal);
        var backwards = await Forms.PostAsync(client, $"/cases/{caseId}/plan/review", "review", new Dictionary<string, string> { ["Input.Notes"] = "Spoke today" }
            .With(Date("Input.Reviewed", Today)).With(Date("Input.Next", Today)));
        Assert.Contains("The next review must be after this review", await HtmlAsync(backwards), StringComparison.Ordinal);

        var plan = (await PlanAsync(caseId))!;
        Assert.Equal("Sleep through the night", plan.Goals.Single().Text);
        Assert.Empty(plan.Reviews);
        Assert.Equal(Today.AddDays(7), plan.NextReviewOn);
    }

    [Fact]
    public async Task The_api_runs_the_same_plan_and_answers_404_for_another_organisations_case()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin, Permissions.CasesRead, Permissions.CasesWrite));
        var caseId = await app.Data.CaseAsync(force, "Apiplan");
        var hidden = await app.Data.CaseAsync(other, "Hiddenplan");

        var none = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/plan"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, none.GetProperty("plan").ValueKind);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan", new { nextReviewOn = Today.AddDays(14) }), HttpStatusCode.Created);
        var goal = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/goals", new { text = "Understand the court process" }), HttpStatusCode.Created);
        var goalId = goal.GetProperty("id").GetGuid();
        var intervention = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/goals/{goalId}/interventions",
            new { what = "Pre-trial court visit", owner = "victim", dueOn = Today.AddDays(5) }), HttpStatusCode.Created);
        var changed = await JsonAsync(await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/plan/interventions/{intervention.GetProperty("id").GetGuid()}",
            new { what = "Pre-trial court visit", owner = "victim", status = "in_progress" }), HttpStatusCode.OK);
        Assert.Equal("in_progress", changed.GetProperty("status").GetString());
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/reviews",
            new { reviewedOn = Today, notes = "Visit booked", nextReviewOn = Today.AddDays(21) }), HttpStatusCode.Created);
        var plan = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/plan"), HttpStatusCode.OK);
        Assert.Equal(Today.AddDays(21).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), plan.GetProperty("plan").GetProperty("nextReviewOn").GetString());
        Assert.Equal("Pre-trial court visit", plan.GetProperty("plan").GetProperty("goals")[0].GetProperty("interventions")[0].GetProperty("what").GetString());

        var staleVersion = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/plan/goals", new { text = "Another", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, staleVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{hidden}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{hidden}/plan", new { nextReviewOn = Today.AddDays(3) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{hidden}/plan/goals", new { text = "x" })).StatusCode);
        Assert.Null(await PlanAsync(hidden));
    }

    [Fact]
    public async Task The_plan_pages_of_a_case_the_user_cannot_see_answer_404()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var outsider = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Unseenplan");
        var client = await app.SignedInAsync(outsider);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/plan/goals/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/plan/review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/plan/start-measures")).StatusCode);
    }
}
