using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Oversight.AuditTestHelpers;

namespace Waypoint.IntegrationTests.Oversight;

// Tampering breaks the chain for good, so each kind of tampering has its own class (and its own database).

public sealed class VerifyingTheAuditLogTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task The_log_is_reported_intact_and_then_the_exact_entry_altered_in_the_database_is_named()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force);
        await (await app.SignedInAsync(officer)).GetAsync($"/cases/{caseId}");
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);

        var response = await Forms.PostAsync(client, "/audit/verify", "verify-audit", new());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Audit log intact", html, StringComparison.Ordinal);
        var count = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync());
        Assert.Contains($"{count - 1:N0} entries verified", html, StringComparison.Ordinal);
        var api = await VerificationAsync(client);
        Assert.True(api.Intact);
        Assert.Null(api.FirstBadSequence);
        Assert.Equal(count, api.EntriesChecked);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Operation == AuditOperation.Administration && e.RecordType == "AuditLog" && e.UserId == auditor.Id)));

        var consulted = await app.Data.QueryAsync(db => db.AuditEntries
            .Where(e => e.Operation == AuditOperation.Consultation && e.RecordId == caseId.ToString()).Select(e => e.Sequence).SingleAsync());
        await app.Data.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Detail\" = 'x' WHERE \"Sequence\" = {0}", consulted));

        html = await (await Forms.PostAsync(client, "/audit/verify", "verify-audit", new())).Content.ReadAsStringAsync();
        Assert.Contains("The audit log has been tampered with", html, StringComparison.Ordinal);
        Assert.Contains($"data-first-bad-sequence=\"{consulted}\"", html, StringComparison.Ordinal);
        Assert.Contains($"Entry {consulted} was altered or removed", html, StringComparison.Ordinal);
        api = await VerificationAsync(client);
        Assert.False(api.Intact);
        Assert.Equal(consulted, api.FirstBadSequence);
        Assert.Equal(consulted - 1, api.EntriesChecked);
    }
}

public sealed class DetectingRemovedAuditEntriesTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task Deleting_the_newest_entry_is_detected_and_named()
    {
        var force = await app.Data.OrganisationAsync();
        await app.Data.CaseAsync(force);
        var auditor = await app.Data.UserAsync(force, Roles.Auditor);
        var client = await app.SignedInAsync(auditor);
        Assert.True((await VerificationAsync(client)).Intact);

        var newest = await app.Data.QueryAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        await app.Data.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE \"Sequence\" = {0}", newest));

        var verification = await VerificationAsync(client);
        Assert.False(verification.Intact);
        Assert.Equal(newest, verification.FirstBadSequence);
        Assert.Contains("removed", verification.Problem, StringComparison.Ordinal);

        var html = await (await Forms.PostAsync(client, "/audit/verify", "verify-audit", new())).Content.ReadAsStringAsync();
        Assert.Contains($"data-first-bad-sequence=\"{newest}\"", html, StringComparison.Ordinal);
    }
}
