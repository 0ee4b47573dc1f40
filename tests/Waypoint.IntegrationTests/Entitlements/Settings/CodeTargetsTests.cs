using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Settings;

public sealed class CodeTargetsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private Task<Obligation> ObligationAsync(Guid caseId, string rule) =>
        app.Data.QueryAsync(db => db.Obligations.AsNoTracking().SingleAsync(o => o.CaseId == caseId && o.Rule == rule));

    [Fact]
    public async Task A_changed_target_applies_to_new_cases_only_and_is_audited()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);
        var before = await ObligationAsync(await app.Data.CaseAsync(org, "Before"), CodeRules.Referral);

        var changed = await Forms.PostAsync(client, "/admin/code-targets/R4-REF", "change-target", new()
        {
            ["Input.StandardDays"] = "3",
            ["Input.EnhancedDays"] = "3",
            ["Input.Version"] = "0",
        });

        Assert.Equal("/admin/code-targets?done=changed&rule=R4-REF", Forms.Location(changed));
        var after = await ObligationAsync(await app.Data.CaseAsync(org, "After"), CodeRules.Referral);
        Assert.Equal((2, 2), (before.StandardDays, before.EnhancedDays));
        Assert.Equal((3, 3), (after.StandardDays, after.EnhancedDays));
        Assert.True(after.DueOn > before.DueOn, $"{after.DueOn} should be after {before.DueOn}");
        Assert.Equal(before.DueOn, (await ObligationAsync(before.CaseId, CodeRules.Referral)).DueOn);
        var elsewhere = await ObligationAsync(await app.Data.CaseAsync(await app.Data.OrganisationAsync(), "Elsewhere"), CodeRules.Referral);
        Assert.Equal(2, elsewhere.StandardDays);
        var entry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e =>
            e.Operation == AuditOperation.Administration && e.RecordType == "RuleTarget" && e.RecordId == "R4-REF" && e.OrganisationId == org.Id));
        Assert.Equal("R4-REF: standard 2 -> 3, enhanced 2 -> 3", entry.Detail);
        Assert.Equal(admin.Id, entry.UserId);

        var html = await client.GetStringAsync("/admin/code-targets?done=changed&rule=R4-REF");
        Assert.Contains("Targets of R4-REF changed", html, StringComparison.Ordinal);
        var row = RowOf(html, "R4-REF");
        Assert.Contains("data-testid=\"standard\">3<", row, StringComparison.Ordinal);
        Assert.Contains(admin.UserName, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_a_target_deletes_it_audits_it_and_new_cases_get_the_default_again()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));
        await Forms.PostAsync(client, "/admin/code-targets/R3-ACK", "change-target", new() { ["Input.StandardDays"] = "4", ["Input.EnhancedDays"] = "2", ["Input.Version"] = "0" });
        Assert.Contains("Reset to the default", await client.GetStringAsync("/admin/code-targets/R3-ACK"), StringComparison.Ordinal);

        var reset = await Forms.PostAsync(client, "/admin/code-targets/R3-ACK", "reset-target", new() { ["Reset.Rule"] = "R3-ACK" });

        Assert.Equal("/admin/code-targets?done=reset&rule=R3-ACK", Forms.Location(reset));
        Assert.False(await app.Data.QueryAsync(db => db.RuleTargets.AnyAsync(t => t.OrganisationId == org.Id)));
        var obligation = await ObligationAsync(await app.Data.CaseAsync(org), CodeRules.Acknowledgement);
        Assert.Equal((5, 5), (obligation.StandardDays, obligation.EnhancedDays));
        var details = await app.Data.QueryAsync(db => db.AuditEntries
            .Where(e => e.RecordType == "RuleTarget" && e.OrganisationId == org.Id).OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["R3-ACK: standard 5 -> 4, enhanced 5 -> 2", "R3-ACK: reset to the default, standard 4 -> 5, enhanced 2 -> 5"], details);
    }

    [Fact]
    public async Task Invalid_targets_are_refused_beside_their_fields()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));

        var longer = await Forms.PostAsync(client, "/admin/code-targets/R6-ARR", "change-target", new() { ["Input.StandardDays"] = "5", ["Input.EnhancedDays"] = "6", ["Input.Version"] = "0" });
        var words = await Forms.PostAsync(client, "/admin/code-targets/R6-ARR", "change-target", new() { ["Input.StandardDays"] = "five", ["Input.EnhancedDays"] = "", ["Input.Version"] = "0" });
        var tooMany = await Forms.PostAsync(client, "/admin/code-targets/R6-ARR", "change-target", new() { ["Input.StandardDays"] = "61", ["Input.EnhancedDays"] = "1", ["Input.Version"] = "0" });

        var longerHtml = await longer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
        Assert.Contains("Error: R6-ARR", longerHtml, StringComparison.Ordinal);
        Assert.Contains("Enhanced rights cannot have a longer target than standard rights", longerHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#EnhancedDays\"", longerHtml, StringComparison.Ordinal);
        var wordsHtml = await words.Content.ReadAsStringAsync();
        Assert.Contains("The target for standard rights must be a whole number of working days", wordsHtml, StringComparison.Ordinal);
        Assert.Contains("Enter the target for enhanced rights, in working days", wordsHtml, StringComparison.Ordinal);
        Assert.Contains("Enter a number of days from 0 to 60", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.Data.QueryAsync(db => db.RuleTargets.AnyAsync(t => t.OrganisationId == org.Id)));
    }

    [Fact]
    public async Task The_update_frequency_is_shown_as_set_per_victim_and_cannot_be_changed_here()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", Forms.TokenFrom(await client.GetStringAsync("/admin/code-targets/R4-REF")));

        var page = await client.GetStringAsync("/admin/code-targets/R6-UPD");
        var put = await client.PutAsJsonAsync("/api/v1/admin/code-targets/R6-UPD", new { standardDays = 14, enhancedDays = 14 });

        Assert.Contains("data-testid=\"not-editable\"", page, StringComparison.Ordinal);
        Assert.Contains("agreed with each victim in their update plan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("change-target", page, StringComparison.Ordinal);
        Assert.Contains("Set per victim by their update plan", RowOf(await client.GetStringAsync("/admin/code-targets"), "R6-UPD"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/code-targets/R99-NOPE")).StatusCode);
    }

    [Fact]
    public async Task The_api_lists_every_rule_with_defaults_and_targets_and_changes_one()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", Forms.TokenFrom(await client.GetStringAsync("/admin/code-targets/R4-REF")));

        var rows = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/code-targets");

        Assert.Equal(CodeRules.All.Count, rows.GetArrayLength());
        var arrest = rows.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "R6-ARR");
        Assert.Equal(6, arrest.GetProperty("right").GetInt32());
        Assert.Equal("police", arrest.GetProperty("owner").GetString());
        Assert.Equal("working_days", arrest.GetProperty("clock").GetString());
        Assert.Equal((5, 1), (arrest.GetProperty("defaultStandardDays").GetInt32(), arrest.GetProperty("defaultEnhancedDays").GetInt32()));
        Assert.Equal((5, 1), (arrest.GetProperty("standardDays").GetInt32(), arrest.GetProperty("enhancedDays").GetInt32()));
        Assert.False(arrest.GetProperty("customised").GetBoolean());
        Assert.True(arrest.GetProperty("live").GetBoolean());
        Assert.False(rows.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "R9-VERD").GetProperty("live").GetBoolean());
        var upd = rows.EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "R6-UPD");
        Assert.False(upd.GetProperty("editable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, upd.GetProperty("standardDays").ValueKind);

        var put = await client.PutAsJsonAsync("/api/v1/admin/code-targets/R6-ARR", new { standardDays = 4, enhancedDays = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var changed = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, changed.GetProperty("standardDays").GetInt32());
        Assert.True(changed.GetProperty("customised").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync("/api/v1/admin/code-targets/R6-ARR", new { standardDays = 3, enhancedDays = 1, version = 7 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/v1/admin/code-targets/R6-ARR", new { standardDays = 1, enhancedDays = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/v1/admin/code-targets/R99-NOPE", new { standardDays = 1, enhancedDays = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/admin/code-targets/R6-ARR")).StatusCode);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "RuleTarget" && e.OrganisationId == org.Id && e.Channel == "api")));
    }

    [Fact]
    public async Task Other_roles_and_machine_clients_are_refused_the_targets()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));

        foreach (var url in new[] { "/admin/code-targets", "/admin/code-targets/R4-REF" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/forbidden", Forms.Location(response), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/code-targets")).StatusCode);
        var machine = app.Api(await app.Data.TokenAsync(org, admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/admin/code-targets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.PutAsJsonAsync("/api/v1/admin/code-targets/R4-REF", new { standardDays = 9, enhancedDays = 9 })).StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.RuleTargets.AnyAsync(t => t.OrganisationId == org.Id)));
    }

    /// <summary>The table row of one rule on the targets page.</summary>
    private static string RowOf(string html, string rule)
    {
        var start = html.IndexOf($"data-rule=\"{rule}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {rule}");
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
