using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Worklists;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Worklists;

public sealed class EscalationTests(WorklistApp app) : IClassFixture<WorklistApp>
{
    private async Task<EscalationRun> RunAsync(Guid? organisationId, DateTime now)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EscalateOverdueHandler>().HandleAsync(organisationId, now, CancellationToken.None);
    }

    private Task<List<Escalation>> EscalationsOfAsync(Guid obligationId) =>
        app.Data.QueryAsync(db => db.Escalations.AsNoTracking().Where(e => e.ObligationId == obligationId).ToListAsync());

    /// <summary>Meets the obligation with a written acknowledgement recorded now.</summary>
    private async Task MeetAsync(Guid obligationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var obligation = await db.Obligations.SingleAsync(o => o.Id == obligationId);
        var actor = Actor.System(obligation.OrganisationId, DateTime.UtcNow, "test");
        var action = CaseAction.Record(obligation.OrganisationId, obligation.CaseId, CodeRules.Get(obligation.Rule).MetBy[0],
            DateTime.UtcNow.AddMinutes(-1), "Acknowledgement letter sent", actor).Value!;
        db.CaseActions.Add(action);
        Assert.True(obligation.Meet(action, actor).Succeeded);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_overdue_obligation_is_escalated_once_not_again_on_a_second_run_or_the_next_day_and_closes_when_met()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var overdueCase = await app.Data.CaseAsync(force, "Overdue", team: team, officer: officer);
        var dueToday = await app.Data.CaseAsync(force, "Duetoday", team: team, officer: officer);
        var obligation = await app.DueOnAsync(overdueCase, WorklistApp.RealToday.AddDays(-1));
        var notYet = await app.DueOnAsync(dueToday, WorklistApp.RealToday);
        var now = DateTime.UtcNow;

        Assert.Equal(new EscalationRun(1, 0), await RunAsync(force.Id, now));
        var escalation = Assert.Single(await EscalationsOfAsync(obligation));
        Assert.Equal(team.Id, escalation.TeamId);
        Assert.Equal(officer.Id, escalation.OfficerId);
        Assert.Equal("R3-ACK", escalation.Rule);
        Assert.Null(escalation.ClosedAt);
        Assert.NotNull(await app.Data.QueryAsync(db => db.Obligations.Where(o => o.Id == obligation).Select(o => o.EscalatedAt).SingleAsync()));
        Assert.Empty(await EscalationsOfAsync(notYet));
        Assert.Equal(1, await app.Data.AuditCountAsync(Waypoint.Platform.Auditing.AuditOperation.Alteration, "Obligation", obligation));

        Assert.Equal(new EscalationRun(0, 0), await RunAsync(force.Id, now.AddMinutes(15)));
        // The next day the other one is overdue too: it is raised, the first is not raised again.
        Assert.Equal(new EscalationRun(1, 0), await RunAsync(force.Id, now.AddDays(1)));
        Assert.Single(await EscalationsOfAsync(obligation));
        Assert.Single(await EscalationsOfAsync(notYet));

        await MeetAsync(obligation);
        Assert.Equal(new EscalationRun(0, 1), await RunAsync(force.Id, now.AddDays(1)));
        Assert.NotNull(Assert.Single(await EscalationsOfAsync(obligation)).ClosedAt);
        Assert.Equal(new EscalationRun(0, 0), await RunAsync(force.Id, now.AddDays(2)));
    }

    [Fact]
    public async Task Two_passes_at_once_raise_exactly_one_escalation_per_obligation()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await app.DueOnAsync(await app.Data.CaseAsync(force, "Race", team: team), WorklistApp.RealToday.AddDays(-3)));
        }
        var now = DateTime.UtcNow;

        var runs = await Task.WhenAll(RunAsync(force.Id, now), RunAsync(force.Id, now), RunAsync(force.Id, now));

        Assert.Equal(12, runs.Sum(r => r.Raised));
        var escalated = await app.Data.QueryAsync(db => db.Escalations.Where(e => ids.Contains(e.ObligationId)).Select(e => e.ObligationId).ToListAsync());
        Assert.Equal(ids.Order(), escalated.Order());
    }

    [Fact]
    public async Task An_escalation_left_without_its_obligation_marked_is_kept_not_duplicated()
    {
        var force = await app.Data.OrganisationAsync();
        var obligationId = await app.DueOnAsync(await app.Data.CaseAsync(force, "Halfdone"), WorklistApp.RealToday.AddDays(-2));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var obligation = await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == obligationId);
            db.Escalations.Add(new Escalation(obligation, DateTime.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        Assert.Equal(new EscalationRun(0, 0), await RunAsync(force.Id, DateTime.UtcNow));
        Assert.Single(await EscalationsOfAsync(obligationId));
        Assert.NotNull(await app.Data.QueryAsync(db => db.Obligations.Where(o => o.Id == obligationId).Select(o => o.EscalatedAt).SingleAsync()));
    }

    [Fact]
    public async Task Team_leaders_see_their_teams_escalations_and_those_with_no_team_on_the_page_and_the_api()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var otherTeam = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var leader = await app.Data.UserAsync(force, Roles.TeamLeader, team);
        var overdue = WorklistApp.RealToday.AddDays(-4);
        var ours = await app.Data.CaseAsync(force, "Ourteam", team: team, officer: officer);
        var noTeam = await app.Data.CaseAsync(force, "Nobodys");
        var theirs = await app.Data.CaseAsync(force, "Theirteam", team: otherTeam);
        var foreign = await app.Data.CaseAsync(other, "Elsewhere");
        var met = await app.Data.CaseAsync(force, "Metlate", team: team, officer: officer);
        foreach (var id in new[] { ours, noTeam, theirs, foreign })
        {
            await app.DueOnAsync(id, overdue);
        }
        var metObligation = await app.DueOnAsync(met, overdue.AddDays(1));
        await RunAsync(null, DateTime.UtcNow);
        await MeetAsync(metObligation);
        await RunAsync(force.Id, DateTime.UtcNow);

        var lead = await app.SignedInAsync(leader);
        var open = await lead.GetFromJsonAsync<JsonElement>("/api/v1/worklists/escalations");
        Assert.Equal("open", open.GetProperty("state").GetString());
        Assert.Equal(2, open.GetProperty("open").GetInt32());
        Assert.Equal(1, open.GetProperty("closed").GetInt32());
        var items = open.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { ours, noTeam }.Order(), items.Select(i => i.GetProperty("caseId").GetGuid()).Order());
        var row = items.Single(i => i.GetProperty("caseId").GetGuid() == ours);
        Assert.Equal(4, row.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("R3-ACK", row.GetProperty("rule").GetString());
        Assert.Equal("Officer " + officer.UserName, row.GetProperty("officer").GetString());
        Assert.Equal(overdue.ToString("yyyy-MM-dd"), row.GetProperty("dueOn").GetString());
        Assert.Equal("Overdue", row.GetProperty("obligationStatus").GetString());

        var closed = await lead.GetFromJsonAsync<JsonElement>("/api/v1/worklists/escalations?state=closed");
        var closedRow = Assert.Single(closed.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(met, closedRow.GetProperty("caseId").GetGuid());
        Assert.Equal("Met late", closedRow.GetProperty("obligationStatus").GetString());

        var page = await lead.GetStringAsync("/work/escalations");
        Assert.Contains("<title>Escalations - Waypoint</title>", page, StringComparison.Ordinal);
        Assert.Contains("Ourteam", page, StringComparison.Ordinal);
        Assert.Contains("Nobodys", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirteam", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere", page, StringComparison.Ordinal);
        Assert.Contains("4 days overdue", page, StringComparison.Ordinal);
        Assert.Contains("Metlate", await lead.GetStringAsync("/work/escalations?state=closed"), StringComparison.Ordinal);

        var home = await lead.GetStringAsync("/");
        Assert.Contains("2 overdue obligations are escalated to you", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_escalations_page_and_api_are_for_team_leaders_only()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var client = await app.SignedInAsync(officer);

        var page = await client.GetAsync("/work/escalations");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/forbidden", Forms.Location(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/worklists/escalations")).StatusCode);

        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/worklists/escalations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/worklists/obligations?scope=team&when=week")).StatusCode);
    }
}
