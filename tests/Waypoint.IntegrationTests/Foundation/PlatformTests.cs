using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Foundation;

public sealed class PlatformTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task Health_probes_answer_without_signing_in_and_ready_checks_the_database()
    {
        var client = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await app.Browser().GetAsync("/account/sign-in");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_nothing_is_stored()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));
        var before = await app.Data.QueryAsync(db => db.Cases.CountAsync());

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "record-victim",
            ["Input.Source"] = "Phone",
            ["Input.FirstName"] = "Cadan",
            ["Input.LastName"] = "Hosking",
            ["Input.OffenceDescription"] = "Criminal damage",
            ["Input.DateReported"] = "2/11/2026",
        });
        var response = await client.PostAsync("/cases/new", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.Data.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task A_browser_session_calling_the_api_to_change_data_must_send_the_antiforgery_token()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));

        using var body = new StringContent("{\"source\":\"phone\",\"firstName\":\"A\",\"lastName\":\"B\",\"offenceDescription\":\"x\",\"dateReported\":\"2026-11-02\"}", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/v1/cases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_correlation_id_of_a_request_is_echoed_and_kept_on_its_audit_entries()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));
        var caseId = await app.Data.CaseAsync(org);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/cases/{caseId}");
        request.Headers.Add("X-Correlation-Id", "test-corr-42");

        var response = await client.SendAsync(request);

        Assert.Equal("test-corr-42", response.Headers.GetValues("X-Correlation-Id").Single());
        var logged = await app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.RecordId == caseId.ToString() && e.Operation == AuditOperation.Consultation).Select(e => e.CorrelationId).ToListAsync());
        Assert.Contains("test-corr-42", logged);
    }

    [Fact]
    public async Task Sign_in_successes_and_failures_are_in_the_log_without_the_password()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        await Forms.PostAsync(app.Browser(), "/account/sign-in", "sign-in", new() { ["Input.UserName"] = officer.UserName, ["Input.Password"] = "wrong password entirely" });
        await app.SignedInAsync(officer);

        var entries = await app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.UserId == officer.Id).ToListAsync());
        Assert.Contains(entries, e => e.Operation == AuditOperation.SignInFailed);
        Assert.Contains(entries, e => e.Operation == AuditOperation.SignIn);
        Assert.DoesNotContain(entries, e => (e.Detail ?? "").Contains("wrong password entirely", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_chain_verifies_and_a_tampered_entry_is_reported_by_its_sequence_number()
    {
        var org = await app.Data.OrganisationAsync();
        await app.Data.CaseAsync(org);
        await app.Data.CaseAsync(org);
        using var scope = app.Services.CreateScope();
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        Assert.True((await verifier.VerifyAsync(CancellationToken.None)).Intact);

        var target = await app.Data.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Skip(1).Select(e => e.Sequence).FirstAsync());
        await app.Data.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"UserName\" = 'someone else' WHERE \"Sequence\" = {target}"));

        var report = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.False(report.Intact);
        Assert.Equal(target, report.FirstBadSequence);
    }

    [Fact]
    public async Task The_api_description_is_published_and_lists_the_case_endpoints()
    {
        var doc = await app.Browser().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/cases", doc, StringComparison.Ordinal);
        Assert.Contains("bearer", doc, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Neither_migration_set_has_pending_model_changes()
    {
        await using var sqlite = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        await using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Add a SQLite migration: the model has changed.");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Add a PostgreSQL migration: the model has changed.");
        Assert.Empty(await app.Data.QueryAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class ErrorPageTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_unexpected_failure_shows_the_error_page_with_a_reference_and_status_500()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));

        var response = await client.GetAsync("/cases?page=not-a-number");

        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{response.StatusCode} {response.Headers.Location}");
        Assert.Contains("Sorry, there is a problem with Waypoint", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class StatusPageTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_address_that_matches_no_page_shows_the_not_found_page_with_status_404()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_address_that_matches_nothing_answers_a_bare_404_not_a_web_page()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var response = await api.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
