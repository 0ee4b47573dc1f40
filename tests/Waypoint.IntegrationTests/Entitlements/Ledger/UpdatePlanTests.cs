using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Entitlements.Ledger;

public sealed class UpdatePlanTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static Dictionary<string, string> Plan(string days, string channel, DateOnly agreed) => new()
    {
        ["Input.FrequencyDays"] = days,
        ["Input.Channel"] = channel,
        ["Input.PreferredTimes"] = "Weekday evenings",
        ["Input.AgreedDay"] = agreed.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.AgreedMonth"] = agreed.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.AgreedYear"] = agreed.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task An_agreed_plan_starts_an_update_clock_and_meeting_it_starts_the_next_one()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Updates");
        var client = await app.SignedInAsync(officer);
        var calendar = await CalendarAsync(app);
        var agreed = Today.AddDays(-10);

        var response = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("14", "Phone", agreed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contract = await app.Data.QueryAsync(db => db.VictimContracts.SingleAsync(c => c.CaseId == caseId));
        Assert.Equal((14, "Phone", agreed), (contract.FrequencyDays, contract.Channel, contract.AgreedOn));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "VictimContract", contract.Id));
        var first = await ObligationAsync(app, caseId, "R6-UPD");
        Assert.Equal(Obligation.FrequencyDue(agreed, 14, calendar), first.DueOn);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.StartsWith("Update plan agreed: every 14 days by phone", StringComparison.Ordinal));

        var met = await RecordActionAsync(client, caseId, "Contact", Today, "Phoned with an update on the investigation", first.Id);

        Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);
        var updates = (await ObligationsAsync(app, caseId)).Where(o => o.Rule == "R6-UPD").ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(ObligationStatus.Met, updates.Single(o => o.Id == first.Id).Status);
        var next = updates.Single(o => o.Id != first.Id);
        Assert.Equal(ObligationStatus.Open, next.Status);
        Assert.Equal(TriggerKind.UpdateGiven, next.Trigger);
        Assert.Equal(Obligation.FrequencyDue(Today, 14, calendar), next.DueOn);
        var page = await client.GetStringAsync($"/cases/{caseId}/update-plan");
        Assert.Contains("Every 14 days", page, StringComparison.Ordinal);
        Assert.Contains("Weekday evenings", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_plan_replaces_the_old_one_and_when_the_victim_wants_no_more_updates_the_open_update_is_not_applicable()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Nomore");
        var client = await app.SignedInAsync(officer);

        await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("28", "Email", Today.AddDays(-3)));
        var second = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("7", "Text message", Today));

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var contracts = await app.Data.QueryAsync(db => db.VictimContracts.Where(c => c.CaseId == caseId).OrderBy(c => c.CreatedAt).ToListAsync());
        Assert.NotNull(contracts[0].EndedAt);
        Assert.Null(contracts[1].EndedAt);
        var updates = (await ObligationsAsync(app, caseId)).Where(o => o.Rule == "R6-UPD").ToList();
        Assert.Equal([ObligationStatus.NotApplicable, ObligationStatus.Open], updates.OrderBy(o => o.CreatedAt).Select(o => o.Status));
        var page = await client.GetStringAsync($"/cases/{caseId}/update-plan");
        Assert.Contains("Earlier plans", page, StringComparison.Ordinal);

        var stopped = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "stop-updates", []);

        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.All(await app.Data.QueryAsync(db => db.VictimContracts.Where(c => c.CaseId == caseId).ToListAsync()), c => Assert.NotNull(c.EndedAt));
        var last = (await ObligationsAsync(app, caseId)).Where(o => o.Rule == "R6-UPD").OrderBy(o => o.CreatedAt).Last();
        Assert.Equal(ObligationStatus.NotApplicable, last.Status);
        Assert.Equal("The victim no longer wants updates", last.NotApplicableReason);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.StartsWith("Update plan ended: the victim no longer wants updates", StringComparison.Ordinal));
        Assert.Contains("No update plan is in force", await client.GetStringAsync($"/cases/{caseId}/update-plan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_with_mistakes_is_refused_with_every_reason_and_the_api_agrees_one_with_the_same_rules()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var caseId = await app.Data.CaseAsync(force, "Mistakes");
        var client = await app.SignedInAsync(officer);

        var refused = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", new()
        {
            ["Input.FrequencyDays"] = "often",
            ["Input.AgreedDay"] = "31",
            ["Input.AgreedMonth"] = "2",
            ["Input.AgreedYear"] = "2026",
        });

        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("How often must be a whole number of days", html, StringComparison.Ordinal);
        Assert.Contains("Select how the victim wants to be updated", html, StringComparison.Ordinal);
        Assert.Contains("The date the update plan was agreed must be a real date", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.VictimContracts.CountAsync(c => c.CaseId == caseId)));

        var api = app.Api(await app.Data.TokenAsync(force, admin));
        var agreed = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/update-plan",
            new { frequencyDays = 28, channel = "letter", agreedOn = Today }), HttpStatusCode.OK);
        Assert.Equal("Letter", agreed.GetProperty("channel").GetString());
        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/obligations"), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), o => o.GetProperty("rule").GetString() == "R6-UPD" && o.GetProperty("status").GetString() == "open");
    }
}
