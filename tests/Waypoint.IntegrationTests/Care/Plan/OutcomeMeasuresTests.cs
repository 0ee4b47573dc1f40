using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Care.Plan.CareSteps;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Plan;

public sealed class OutcomeMeasuresTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static object StartBody(params string[] scores) => new { answers = Questions.Zip(scores).ToDictionary(p => p.First, p => p.Second) };

    private static object CloseBody(params string[] scores) =>
        new { reason = "support-completed", exitAnswers = Questions.Zip(scores).ToDictionary(p => p.First, p => p.Second) };

    [Fact]
    public async Task Start_measures_need_every_question_and_show_against_exit_on_the_plan_page()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Measured");
        var client = await app.SignedInAsync(officer);

        var incomplete = await Forms.PostAsync(client, $"/cases/{caseId}/plan/start-measures", "start-measures", Answers("Input.Answers", "2", "1", "3", "none"));
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("Select the victim's answer to \"My experience of the criminal justice system has been good\", or \"Did not answer\"", await HtmlAsync(incomplete), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.OutcomeMeasurements.CountAsync(m => m.CaseId == caseId)));

        var recorded = await Forms.PostAsync(client, $"/cases/{caseId}/plan/start-measures", "start-measures", Answers("Input.Answers", "2", "1", "3", "none", "4"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var start = await app.Data.QueryAsync(db => db.OutcomeMeasurements.Include(m => m.Answers).SingleAsync(m => m.CaseId == caseId));
        Assert.Equal(MeasurementStage.Start, start.Stage);
        Assert.Equal(2, start.Answers.Single(a => a.QuestionId == "coping").Score);
        Assert.Null(start.Answers.Single(a => a.QuestionId == "informed").Score);
        Assert.Equal("I feel safe", start.Answers.Single(a => a.QuestionId == "safety").QuestionText);

        var closed = await Forms.PostAsync(client, $"/cases/{caseId}/close", "close-case", new Dictionary<string, string> { ["Input.Reason"] = "support-completed" }
            .With(Answers("Input.ExitAnswers", "4", "1", "2", "5", "none")));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}/plan"));
        Assert.Contains("<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-stage=\"start\">2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-stage=\"exit\">4</td>", page, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"change\">+2</td>", page, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"change\">-1</td>", page, StringComparison.Ordinal);
        var outcomes = await JsonAsync(await app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead))
            .GetAsync($"/api/v1/cases/{caseId}/outcomes"), HttpStatusCode.OK);
        var justice = outcomes.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("questionId").GetString() == "justice");
        Assert.Equal(4, justice.GetProperty("start").GetInt32());
        Assert.Equal(JsonValueKind.Null, justice.GetProperty("exit").ValueKind);
    }

    [Fact]
    public async Task The_outcomes_report_counts_improved_same_and_worse_per_question_without_naming_anyone()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin, Permissions.CasesRead, Permissions.CasesWrite, Permissions.ComplianceRead));
        var better = await app.Data.CaseAsync(force, "Improvedone");
        var same = await app.Data.CaseAsync(force, "Sameone");
        var worse = await app.Data.CaseAsync(force, "Worseone");
        var exitOnly = await app.Data.CaseAsync(force, "Exitonly");
        var stillOpen = await app.Data.CaseAsync(force, "Stillopen");

        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{better}/outcomes/start", StartBody("1", "2", "3", "none", "2")), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{same}/outcomes/start", StartBody("3", "3", "3", "3", "3")), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{worse}/outcomes/start", StartBody("4", "4", "4", "4", "none")), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{stillOpen}/outcomes/start", StartBody("1", "1", "1", "1", "1")), HttpStatusCode.Created);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{better}/closure", CloseBody("5", "4", "3", "4", "none")), HttpStatusCode.OK);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{same}/closure", CloseBody("3", "3", "3", "3", "3")), HttpStatusCode.OK);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{worse}/closure", CloseBody("2", "4", "4", "4", "2")), HttpStatusCode.OK);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{exitOnly}/closure", CloseBody("5", "5", "5", "5", "5")), HttpStatusCode.OK);

        var report = await JsonAsync(await api.GetAsync($"/api/v1/reports/outcomes?from={Today.AddDays(-1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}"), HttpStatusCode.OK);
        Assert.Equal(4, report.GetProperty("exitMeasurements").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("questionId").GetString()!);
        var coping = rows["coping"];
        Assert.Equal(3, coping.GetProperty("withStart").GetInt32());
        Assert.Equal(4, coping.GetProperty("withExit").GetInt32());
        Assert.Equal(3, coping.GetProperty("withBoth").GetInt32());
        Assert.Equal(1, coping.GetProperty("improved").GetInt32());
        Assert.Equal(1, coping.GetProperty("same").GetInt32());
        Assert.Equal(1, coping.GetProperty("worse").GetInt32());
        Assert.Equal(0.67m, coping.GetProperty("meanChange").GetDecimal()); // (+4 + 0 - 2) / 3
        var justice = rows["justice"];
        Assert.Equal(1, justice.GetProperty("withBoth").GetInt32()); // only "same": the others did not answer at start or exit
        Assert.Equal(0m, justice.GetProperty("meanChange").GetDecimal());

        var teamLeader = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.TeamLeader));
        var html = WebUtility.HtmlDecode(await teamLeader.GetStringAsync($"/reports/outcomes?fromDay={Today.AddDays(-1).Day}&fromMonth={Today.AddDays(-1).Month}&fromYear={Today.AddDays(-1).Year}"));
        Assert.Contains("4 cases with exit measures in the period", html, StringComparison.Ordinal);
        Assert.Contains(">1 (33%)<span class=\"govuk-visually-hidden\"> improved: I am able to cope with everyday life</span></a>", html, StringComparison.Ordinal);
        Assert.Contains("data-col=\"mean-change\">+0.67</td>", html, StringComparison.Ordinal);
        foreach (var name in new[] { "Improvedone", "Sameone", "Worseone", "Exitonly" })
        {
            Assert.DoesNotContain(name, html, StringComparison.Ordinal);
        }

        // Behind a number: the cases themselves, for those who may read them (their viewing is logged).
        var drill = await teamLeader.GetStringAsync($"/reports/outcomes/cases?question=coping&change=improved&from={Today.AddDays(-1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        Assert.Contains("Improvedone", drill, StringComparison.Ordinal);
        Assert.DoesNotContain("Sameone", drill, StringComparison.Ordinal);
        Assert.DoesNotContain("Worseone", drill, StringComparison.Ordinal);
        Assert.Contains($"/cases/{better}/plan", drill, StringComparison.Ordinal);
        var worseDrill = await teamLeader.GetStringAsync($"/reports/outcomes/cases?question=coping&change=worse&from={Today.AddDays(-1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        Assert.Contains("Worseone", worseDrill, StringComparison.Ordinal);
        Assert.DoesNotContain("Improvedone", worseDrill, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == Waypoint.Platform.Auditing.AuditOperation.Consultation
            && e.RecordType == "Case" && e.RecordId == better.ToString() && e.Detail!.StartsWith("Outcomes report drill-down"))));

        var yesterday = await JsonAsync(await api.GetAsync($"/api/v1/reports/outcomes?from={Today.AddDays(-9):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"), HttpStatusCode.OK);
        Assert.Equal(0, yesterday.GetProperty("exitMeasurements").GetInt32());
        var officer = await app.SignedInAsync(await app.Data.UserAsync(force, Roles.VictimCareOfficer));
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/reports/outcomes")).StatusCode);
        var casesOnly = app.Api(await app.Data.TokenAsync(force, admin, Permissions.CasesRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await casesOnly.GetAsync("/api/v1/reports/outcomes")).StatusCode);
    }
}
