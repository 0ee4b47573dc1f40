using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Platform.Database;

namespace Waypoint.Platform.Security;

/// <summary>Bearer tokens issued to machine clients: random, shown once, stored as a SHA-256 hash.</summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";
    private const string TokenPrefix = "wpt_";

    public static string NewSecret() => TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string DisplayPrefix(string token) => token[..Math.Min(token.Length, 10)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }
        var hash = ApiTokens.HashOf(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsActive(now))
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }
        // Record last use at most once a minute, outside the audited business data.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var claims = new List<Claim>
        {
            new(WaypointClaims.ApiClientId, token.Id.ToString()),
            new(ClaimTypes.Name, token.ClientName),
            new(WaypointClaims.OrganisationId, token.OrganisationId.ToString()),
        };
        claims.AddRange(token.PermissionList.Select(p => new Claim(WaypointClaims.Permission, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokens.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokens.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
