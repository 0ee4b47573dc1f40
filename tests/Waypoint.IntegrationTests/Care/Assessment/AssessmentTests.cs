using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.IntegrationTests.Intake.Feeds;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Care.Assessment;

public sealed class AssessmentTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private const int Questions = 27;

    private async Task<(Organisation Org, TestUser Officer, HttpClient Api, Guid CaseId)> CaseAsync()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org, team: team, officer: officer);
        return (org, officer, app.Api(await app.Data.TokenAsync(org, officer)), caseId);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A DASH body: the first <paramref name="yes"/> questions answered yes, the next one not known, the rest no.</summary>
    private static Dictionary<string, object?> Dash(int yes, string? judgedLevel = null, string? reason = null, bool ndm = false, bool newIncident = false) => new()
    {
        ["answers"] = Enumerable.Range(1, Questions).Select(i => new { questionId = $"dash-{i:00}", answer = i <= yes ? "yes" : i == yes + 1 ? "not_known" : "no" }).ToList(),
        ["judgedLevel"] = judgedLevel,
        ["judgementReason"] = reason,
        ["rationale"] = ndm ? new { information = "Victim disclosed recent threats to kill", threatAndRisk = "Escalating pattern over three weeks" } : null,
        ["newIncident"] = newIncident,
    };

    private Task<List<CaseTask>> TasksAsync(Guid caseId) => app.Data.QueryAsync(db => db.CaseTasks.Where(t => t.CaseId == caseId).OrderBy(t => t.CreatedAt).ToListAsync());

    private Task<RiskLevel?> RiskAsync(Guid caseId) => app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Risk).SingleAsync());

    [Fact]
    public async Task The_score_is_the_yes_count_and_gives_the_level_without_a_task_below_high()
    {
        var (_, _, api, caseId) = await CaseAsync();

        var standard = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(9)), HttpStatusCode.Created);
        Assert.Equal(9, standard.GetProperty("score").GetInt32());
        Assert.Equal("standard", standard.GetProperty("level").GetString());
        Assert.Equal(Questions, standard.GetProperty("answers").GetArrayLength());
        Assert.Equal("not_known", standard.GetProperty("answers")[9].GetProperty("answer").GetString());

        var medium = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(13)), HttpStatusCode.Created);
        Assert.Equal((13, "medium"), (medium.GetProperty("score").GetInt32(), medium.GetProperty("level").GetString()));
        Assert.Equal(RiskLevel.Medium, await RiskAsync(caseId));
        Assert.Empty(await TasksAsync(caseId));
        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/dash"), HttpStatusCode.OK);
        Assert.Equal([13, 9], list.EnumerateArray().Select(d => d.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task Fourteen_yes_answers_is_high_risk_and_raises_a_marac_referral_task_for_the_officer()
    {
        var (_, officer, api, caseId) = await CaseAsync();

        var dash = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(14)), HttpStatusCode.Created);

        Assert.Equal(("high", "high", "marac_referral"), (dash.GetProperty("computedLevel").GetString(), dash.GetProperty("level").GetString(), dash.GetProperty("taskKind").GetString()));
        Assert.Equal(RiskLevel.High, await RiskAsync(caseId));
        var task = Assert.Single(await TasksAsync(caseId));
        Assert.Equal((CaseTaskKind.MaracReferral, CaseTaskStatus.Open, officer.Id), (task.Kind, task.Status, task.OfficerId));
        Assert.Contains("DASH 14 yes answers", task.Reason, StringComparison.Ordinal);
        var dashId = dash.GetProperty("id").GetGuid();
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "DashAssessment", dashId));
        var timeline = await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync());
        Assert.Contains("Risk assessed as high (DASH 14 yes answers)", timeline);

        // The task is on the case page and on the officer's My work, and is closed with an outcome.
        var client = await app.SignedInAsync(officer);
        Assert.Contains("Make a MARAC referral", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        Assert.Contains($"/cases/{caseId}/tasks/{task.Id}", await client.GetStringAsync("/"), StringComparison.Ordinal);
        var response = await Forms.PostAsync(client, $"/cases/{caseId}/tasks/{task.Id}", "close-task", new()
        {
            ["Input.Status"] = "Done",
            ["Input.Outcome"] = "Referred to Northshire MARAC, meeting on 12 May",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closed = Assert.Single(await TasksAsync(caseId));
        Assert.Equal((CaseTaskStatus.Done, "Referred to Northshire MARAC, meeting on 12 May"), (closed.Status, closed.Outcome));
        Assert.DoesNotContain($"/cases/{caseId}/tasks/{task.Id}", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Professional_judgement_raises_the_level_with_a_reason_and_its_rationale()
    {
        var (_, _, api, caseId) = await CaseAsync();

        var noReason = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(3, judgedLevel: "high")), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("JudgementReason", out _));
        Assert.True(noReason.GetProperty("errors").TryGetProperty("Ndm", out _));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.DashAssessments.CountAsync(d => d.CaseId == caseId)));

        var dash = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(3, "high", "Threats to kill since the DASH was last done", ndm: true)), HttpStatusCode.Created);

        Assert.Equal(("standard", "high"), (dash.GetProperty("computedLevel").GetString(), dash.GetProperty("level").GetString()));
        Assert.Equal("Victim disclosed recent threats to kill", dash.GetProperty("rationale").GetProperty("information").GetString());
        Assert.Equal(RiskLevel.High, await RiskAsync(caseId));
        var task = Assert.Single(await TasksAsync(caseId));
        Assert.Equal(CaseTaskKind.MaracReferral, task.Kind);
        Assert.Contains("professional judgement", task.Reason, StringComparison.Ordinal);
        var stored = await app.Data.QueryAsync(db => db.DashAssessments.SingleAsync(d => d.CaseId == caseId));
        Assert.Equal("Escalating pattern over three weeks", stored.Rationale!.ThreatAndRisk);
    }

    [Fact]
    public async Task Lowering_the_level_below_the_answers_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var (_, _, api, caseId) = await CaseAsync();

        var problem = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(15, "standard", "Victim says it is not that bad", ndm: true)), HttpStatusCode.BadRequest);

        Assert.Equal("Professional judgement can raise the risk level but never lower it: the answers give high risk, so the level cannot be standard",
            problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.Data.QueryAsync(db => db.DashAssessments.CountAsync(d => d.CaseId == caseId)));
        Assert.Null(await RiskAsync(caseId));
        Assert.Empty(await TasksAsync(caseId));
    }

    [Fact]
    public async Task The_dash_page_records_answers_and_refuses_lowering_beside_the_field()
    {
        var (_, officer, _, caseId) = await CaseAsync();
        var client = await app.SignedInAsync(officer);
        var fields = new Dictionary<string, string>();
        for (var i = 1; i <= Questions; i++)
        {
            fields[$"Input.Answers[dash-{i:00}]"] = i <= 10 ? "Yes" : "No";
        }

        var recorded = await Forms.PostAsync(client, $"/cases/{caseId}/dash/new", "dash", new(fields) { ["Input.JudgedLevel"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var dash = await app.Data.QueryAsync(db => db.DashAssessments.Include(d => d.Answers).SingleAsync(d => d.CaseId == caseId));
        Assert.Equal((10, RiskLevel.Medium, Questions), (dash.Score, dash.Level, dash.Answers.Count));
        Assert.Contains("10 yes answers: medium risk", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);

        // Twenty yes answers with judgement "medium" is not offered as a choice, but a hand-made post is refused all the same.
        for (var i = 1; i <= 20; i++)
        {
            fields[$"Input.Answers[dash-{i:00}]"] = "Yes";
        }
        var refused = await Forms.PostAsync(client, $"/cases/{caseId}/dash/new", "dash", new(fields) { ["Input.JudgedLevel"] = "Medium", ["Input.JudgementReason"] = "Feels safer" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("never lower it", html, StringComparison.Ordinal);
        Assert.Contains("JudgedLevel-error", html, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.DashAssessments.CountAsync(d => d.CaseId == caseId)));
    }

    [Fact]
    public async Task A_new_incident_within_twelve_months_of_a_marac_referral_raises_a_repeat_marac_task_whatever_the_score()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var (first, second) = (FeedSender.NewRef("C"), FeedSender.NewRef("C"));
        await feed.VictimsAsync(feed.Victim(first, "P1"), feed.Victim(second, "P1", ("date_of_offence", "2026-03-02")));
        var officer = await app.Data.UserAsync(feed.Force, Roles.VictimCareOfficer);
        var api = app.Api(await app.Data.TokenAsync(feed.Force, officer));
        var cases = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Crime.CrimeReference == first || c.Crime.CrimeReference == second)
            .Select(c => new { c.Id, c.PersonId, c.Crime.CrimeReference }).ToListAsync());
        Assert.Single(cases.Select(c => c.PersonId).Distinct());
        var firstCase = cases.Single(c => c.CrimeReference == first).Id;
        var secondCase = cases.Single(c => c.CrimeReference == second).Id;

        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{firstCase}/dash", Dash(16)), HttpStatusCode.Created);
        // The same incident assessed again on the same case: already referred, no new task.
        var again = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{firstCase}/dash", Dash(17)), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("taskKind").ValueKind);
        Assert.Equal([CaseTaskKind.MaracReferral], (await TasksAsync(firstCase)).Select(t => t.Kind));

        // A new crime for the same person: repeat MARAC even at standard risk.
        var repeat = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{secondCase}/dash", Dash(2)), HttpStatusCode.Created);
        Assert.Equal(("standard", "repeat_marac_referral"), (repeat.GetProperty("level").GetString(), repeat.GetProperty("taskKind").GetString()));
        var task = Assert.Single(await TasksAsync(secondCase));
        Assert.Contains("A new incident within 12 months of the MARAC referral", task.Reason, StringComparison.Ordinal);

        // A DASH for a new incident on the first case is a repeat referral too.
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{firstCase}/dash", Dash(5, newIncident: true)), HttpStatusCode.Created);
        Assert.Equal([CaseTaskKind.MaracReferral, CaseTaskKind.RepeatMaracReferral], (await TasksAsync(firstCase)).Select(t => t.Kind));
    }

    [Fact]
    public async Task An_imported_event_that_changes_risk_raises_a_risk_review_task_on_each_case_of_the_crime()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        await feed.VictimsAsync(feed.Victim(crime, "P1"), feed.Victim(crime, "P2", ("role", "witness")));

        var arrested = await feed.EventsAsync(feed.Event(crime, "E1"));
        var bailed = await feed.EventsAsync(feed.Event(crime, "E2", ("event_type", "suspect_bailed"), ("event_at", "2026-03-06T10:00")));
        var bailedAgain = await feed.EventsAsync(feed.Event(crime, "E2", ("event_type", "suspect_bailed"), ("event_at", "2026-03-06T10:00")));

        Assert.Equal((1, 1, 1), (arrested.Created, bailed.Created, bailedAgain.Unchanged));
        var tasks = await app.Data.QueryAsync(db => db.CaseTasks.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Crime.CrimeReference == crime)).ToListAsync());
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.Equal((CaseTaskKind.RiskReview, CaseTaskStatus.Open), (t.Kind, t.Status));
            Assert.StartsWith("Suspect released on bail on 6 March 2026", t.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(2, tasks.Select(t => t.CaseId).Distinct().Count());
        var eventId = await app.Data.QueryAsync(db => db.InvestigationEvents.Where(e => e.EventId == "E2" && db.Crimes.Any(c => c.Id == e.CrimeId && c.CrimeReference == crime)).Select(e => e.Id).SingleAsync());
        Assert.All(tasks, t => Assert.Equal(eventId, t.SourceId));
    }

    [Fact]
    public async Task Immediate_danger_needs_the_control_room_reference_and_shows_a_warning_until_closed()
    {
        var (_, officer, api, caseId) = await CaseAsync();

        var problem = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/immediate-danger", new { channel = "call999", whatWasAsked = "Attend the address now" }), HttpStatusCode.BadRequest);
        Assert.Equal(["Enter the control-room reference: ask the call handler for it"],
            problem.GetProperty("errors").GetProperty("ControlRoomReference").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.DangerIncidents.CountAsync(d => d.CaseId == caseId)));

        var client = await app.SignedInAsync(officer);
        var page = await Forms.PostAsync(client, $"/cases/{caseId}/immediate-danger/new", "immediate-danger", new()
        {
            ["Input.Channel"] = "Call999",
            ["Input.WhatWasAsked"] = "Attend the address now",
        });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Enter the control-room reference", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await Forms.PostAsync(client, $"/cases/{caseId}/immediate-danger/new", "immediate-danger", new()
        {
            ["Input.Channel"] = "ControlRoom",
            ["Input.ControlRoomReference"] = "NS-20260305-0412",
            ["Input.WhatWasAsked"] = "Attend the address now: the suspect is outside",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var incident = await app.Data.QueryAsync(db => db.DangerIncidents.SingleAsync(d => d.CaseId == caseId));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Disclosure, "DangerIncident", incident.Id));
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("data-testid=\"danger-banner\"", casePage, StringComparison.Ordinal);
        Assert.Contains("NS-20260305-0412", casePage, StringComparison.Ordinal);
        Assert.Contains(await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync()),
            s => s.Contains("police attendance requested", StringComparison.Ordinal) && s.Contains("NS-20260305-0412", StringComparison.Ordinal));

        var closed = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/immediate-danger/{incident.Id}/close", new { outcome = "Officers attended, suspect arrested, victim safe" }), HttpStatusCode.OK);
        Assert.False(closed.GetProperty("open").GetBoolean());
        Assert.DoesNotContain("data-testid=\"danger-banner\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_safeguarding_referral_needs_its_rationale_raises_a_follow_up_and_the_outcome_completes_it()
    {
        var (_, _, api, caseId) = await CaseAsync();
        var today = Waypoint.Platform.Calendar.UkTime.Today(DateTime.UtcNow);
        object Referral(bool ndm) => new
        {
            subject = "child",
            destination = "mash",
            destinationName = "Northshire MASH",
            concern = "Two children in the household witnessed the assault",
            sentOn = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            reference = "MASH-991",
            rationale = ndm ? new { information = "Children present", powersAndPolicy = "Children Act 1989 s.47" } : null,
        };

        var refused = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/safeguarding-referrals", Referral(false)), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("Ndm", out _));
        var referral = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/safeguarding-referrals", Referral(true)), HttpStatusCode.Created);
        Assert.Equal(("child", "mash", "MASH-991"), (referral.GetProperty("subject").GetString(), referral.GetProperty("destination").GetString(), referral.GetProperty("reference").GetString()));
        var followUp = Assert.Single(await TasksAsync(caseId));
        Assert.Equal((CaseTaskKind.SafeguardingFollowUp, CaseTaskStatus.Open), (followUp.Kind, followUp.Status));

        var id = referral.GetProperty("id").GetGuid();
        var outcome = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/safeguarding-referrals/{id}/outcome", new { outcome = "Strategy meeting held; child protection plan" }), HttpStatusCode.OK);
        Assert.Equal("Strategy meeting held; child protection plan", outcome.GetProperty("outcome").GetString());
        Assert.Equal(CaseTaskStatus.Done, Assert.Single(await TasksAsync(caseId)).Status);
        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/safeguarding-referrals"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Disclosure, "SafeguardingReferral", id));
    }

    [Fact]
    public async Task Each_needs_assessment_is_a_new_version_and_the_latest_is_shown_on_the_case()
    {
        var (_, officer, api, caseId) = await CaseAsync();
        var client = await app.SignedInAsync(officer);
        var areas = Enum.GetValues<NeedArea>();

        var missing = await Forms.PostAsync(client, $"/cases/{caseId}/needs/new", "needs", new() { ["Input.Levels[Housing]"] = "High" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Select the level of need for mental health", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var fields = areas.ToDictionary(a => $"Input.Levels[{a}]", a => a == NeedArea.Housing ? "High" : "Low");
        fields["Input.Notes[Housing]"] = "Wants to move away from the suspect's street";
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, $"/cases/{caseId}/needs/new", "needs", fields)).StatusCode);
        var second = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs-assessments", new
        {
            areas = areas.Select(a => new { area = JsonNamingPolicy.SnakeCaseLower.ConvertName(a.ToString()), level = a == NeedArea.MentalHealth ? "medium" : "none", note = (string?)null }),
        }), HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("number").GetInt32());

        var history = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/needs-assessments"), HttpStatusCode.OK);
        Assert.Equal([2, 1], history.EnumerateArray().Select(h => h.GetProperty("number").GetInt32()));
        var first = history[1].GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == "housing");
        Assert.Equal(("high", "Wants to move away from the suspect's street"), (first.GetProperty("level").GetString(), first.GetProperty("note").GetString()));
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Assessment 2", casePage, StringComparison.Ordinal);
        Assert.Contains("(1 earlier)", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thrive_is_due_after_the_first_successful_contact_until_it_is_recorded()
    {
        var (_, officer, api, caseId) = await CaseAsync();
        var client = await app.SignedInAsync(officer);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "no_answer" }), HttpStatusCode.OK);
        Assert.DoesNotContain("data-testid=\"thrive-due\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);

        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "spoke" }), HttpStatusCode.OK);
        Assert.Contains("data-testid=\"thrive-due\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        Assert.Contains($"/cases/{caseId}/thrive/new", await client.GetStringAsync("/"), StringComparison.Ordinal);

        var response = await Forms.PostAsync(client, $"/cases/{caseId}/thrive/new", "thrive", new()
        {
            ["Input.Threat"] = "Ex-partner has made threats by text",
            ["Input.Harm"] = "Bruising to the arm",
            ["Input.Risk"] = "Likely to recur",
            ["Input.Investigation"] = "Texts to be downloaded",
            ["Input.Vulnerability"] = "Lives alone",
            ["Input.Engagement"] = "Engaging well by phone",
            ["Input.Response"] = "Priority",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thrive = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/thrive"), HttpStatusCode.OK);
        Assert.Equal("priority", thrive[0].GetProperty("response").GetString());
        Assert.DoesNotContain("data-testid=\"thrive-due\"", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/cases/{caseId}/thrive/new", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_task_needs_the_decision_rationale()
    {
        var (_, _, api, caseId) = await CaseAsync();
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(20)), HttpStatusCode.Created);
        var task = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/tasks"), HttpStatusCode.OK);
        var taskId = task[0].GetProperty("id").GetGuid();

        var refused = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{taskId}/close", new { status = "cancelled", outcome = "Not needed" }), HttpStatusCode.BadRequest);
        Assert.Equal(["Record the National Decision Model rationale for cancelling the task"], refused.GetProperty("errors").GetProperty("Ndm").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(CaseTaskStatus.Open, Assert.Single(await TasksAsync(caseId)).Status);

        var closed = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{taskId}/close",
            new { status = "cancelled", outcome = "Referred by the IDVA already", rationale = new { actionAndReview = "IDVA referral confirmed by email" } }), HttpStatusCode.OK);
        Assert.Equal("cancelled", closed.GetProperty("status").GetString());
        var again = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/tasks/{taskId}/close", new { status = "done", outcome = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("already closed", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_the_user_cannot_see_answers_404_on_every_assessment_endpoint_and_page()
    {
        var (_, _, _, caseId) = await CaseAsync();
        var other = await app.Data.OrganisationAsync();
        var stranger = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var api = app.Api(await app.Data.TokenAsync(other, stranger));

        foreach (var path in new[] { "needs-assessments", "thrive", "dash", "tasks", "safeguarding-referrals", "immediate-danger" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/dash", Dash(20))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/immediate-danger", new { channel = "call999", controlRoomReference = "X1", whatWasAsked = "Attend" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/needs-assessments", new { areas = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/safeguarding-referrals", new { subject = "adult" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/thrive", new { threat = "x" })).StatusCode);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.DashAssessments.CountAsync(d => d.CaseId == caseId)));

        var client = await app.SignedInAsync(stranger);
        foreach (var page in new[] { "dash/new", "needs/new", "thrive/new", "safeguarding/new", "immediate-danger/new" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/{page}")).StatusCode);
        }
    }
}
