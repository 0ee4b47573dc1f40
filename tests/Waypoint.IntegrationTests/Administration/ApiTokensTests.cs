using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Administration;

public sealed class ApiTokensTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_issued_token_is_shown_once_works_against_the_api_and_stops_working_when_revoked()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var issued = await AdminForms.PostAsync(client, "/admin/tokens/new", "new-token",
            ("Input.ClientName", "Northshire crime feed"),
            ("Input.Permissions", Permissions.CasesRead),
            ("Input.Permissions", Permissions.FeedsWrite),
            ("Input.ExpiresInDays", "30"));

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var location = Forms.Location(issued);
        Assert.Matches("^/admin/tokens/[0-9a-f-]{36}/issued$", location);
        var tokenId = AdminForms.IdIn(location, 3);
        var secret = AdminForms.SecretIn(await client.GetStringAsync(location));
        Assert.StartsWith("wpt_", secret, StringComparison.Ordinal);
        var again = await client.GetStringAsync(location);
        Assert.DoesNotContain(secret!, again, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"token-gone\"", again, StringComparison.Ordinal);

        var stored = await app.Data.QueryAsync(db => db.ApiTokens.SingleAsync(t => t.Id == tokenId));
        Assert.Equal(ApiTokens.HashOf(secret!), stored.Hash);
        Assert.Equal("cases:read feeds:write", stored.Permissions);
        Assert.InRange(stored.ExpiresAt, DateTime.UtcNow.AddDays(29.9), DateTime.UtcNow.AddDays(30.1));

        var machine = app.Api(secret!);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/v1/cases")).StatusCode);
        var list = await client.GetStringAsync("/admin/tokens");
        Assert.Contains("Northshire crime feed", list, StringComparison.Ordinal);
        Assert.Contains(stored.Prefix, list, StringComparison.Ordinal);

        var revoked = await AdminForms.PostAsync(client, "/admin/tokens", "revoke-token", ("Revoke.TokenId", tokenId.ToString()));

        Assert.Equal("/admin/tokens?done=revoked", Forms.Location(revoked));
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(2, await app.Data.AuditCountAsync(AuditOperation.Administration, "ApiToken", tokenId));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            (e.Detail != null && e.Detail.Contains(secret!)) || (e.NewValue != null && e.NewValue.Contains(secret!)))));
    }

    [Fact]
    public async Task A_token_form_with_mistakes_is_refused_and_issues_nothing()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, "/admin/tokens/new", "new-token", ("Input.ClientName", ""), ("Input.ExpiresInDays", "400"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the name of the client", html, StringComparison.Ordinal);
        Assert.Contains("Select at least one permission", html, StringComparison.Ordinal);
        Assert.Contains("The number of days must be between 1 and 365", html, StringComparison.Ordinal);
        Assert.False(await app.Data.QueryAsync(db => db.ApiTokens.AnyAsync(t => t.OrganisationId == org.Id)));
    }

    [Fact]
    public async Task The_admin_api_issues_lists_and_revokes_tokens_with_the_same_rules()
    {
        var org = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var otherAdmin = await app.Data.UserAsync(other, Roles.UnitAdministrator);
        await app.Data.TokenAsync(other, otherAdmin);
        var otherTokenId = await app.Data.QueryAsync(db => db.ApiTokens.Where(t => t.OrganisationId == other.Id).Select(t => t.Id).SingleAsync());
        var client = await app.SignedInAsync(admin);
        var antiforgery = Forms.TokenFrom(await client.GetStringAsync("/admin/tokens/new"));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", antiforgery);

        var created = await client.PostAsJsonAsync("/api/v1/admin/tokens", new { clientName = "Reporting", permissions = new[] { Permissions.CasesRead }, expiresInDays = 7 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var secret = body!["token"].ToString()!;
        var id = Guid.Parse(body["id"].ToString()!);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(secret).GetAsync("/api/v1/cases")).StatusCode);
        var listed = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/admin/tokens");
        var row = Assert.Single(listed!);
        Assert.Equal("active", row["status"].ToString());
        Assert.DoesNotContain(secret, await client.GetStringAsync("/api/v1/admin/tokens"), StringComparison.Ordinal);

        var bad = await client.PostAsJsonAsync("/api/v1/admin/tokens", new { clientName = "x", permissions = new[] { "everything" }, expiresInDays = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/admin/tokens/{otherTokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/admin/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(secret).GetAsync("/api/v1/cases")).StatusCode);

        // A machine client cannot administer, whatever its permissions.
        var machine = app.Api(await app.Data.TokenAsync(org, admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/admin/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.PostAsJsonAsync("/api/v1/admin/tokens", new { clientName = "Self-issued", permissions = new[] { Permissions.CasesRead }, expiresInDays = 7 })).StatusCode);
    }
}
