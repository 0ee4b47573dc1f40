using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.Shared;

/// <summary>Claims the Account module adds to a signed-in session.</summary>
public static class AccountClaims
{
    /// <summary>Present while the user still has the temporary password an administrator gave them.</summary>
    public const string MustChangePassword = "wp:must-change-password";

    /// <summary>The "authentication methods" claim Identity sets: "pwd" after a password, "mfa" after a second factor.</summary>
    public const string AuthenticationMethod = "amr";

    public const string MultiFactor = "mfa";
}

/// <summary>Who must use two-factor authentication, and whether the demo lets them skip it.</summary>
internal sealed class TwoFactorRules(IConfiguration config, UserManager<AppUser> users)
{
    public bool DemoMaySkip => config.GetValue("Waypoint:Demo:AllowSkipTwoFactor", false);

    /// <summary>True for Unit Administrators and Auditors: they may not turn two-factor authentication off.</summary>
    public async Task<bool> MustKeepAsync(AppUser user) =>
        (await users.GetRolesAsync(user)).Any(r => Roles.RequireTwoFactor.Contains(r));

    /// <summary>True when the user must set up an authenticator app before doing anything else.</summary>
    public async Task<bool> MustSetUpAsync(AppUser user) => !user.TwoFactorEnabled && !DemoMaySkip && await MustKeepAsync(user);
}

/// <summary>
/// Adds <see cref="AccountClaims.MustChangePassword"/> to the session while the user has a temporary password.
/// The security-stamp check rebuilds the principal through this factory, so the claim follows the database.
/// </summary>
internal sealed class AccountClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}

internal static class SessionClaims
{
    /// <summary>
    /// Identity's security-stamp check rebuilds the principal from the database every minute and drops the
    /// "amr" claims, which would send administrators back to two-factor set-up mid-session. Keep them.
    /// </summary>
    public static Task KeepAuthenticationMethods(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity fresh && context.CurrentPrincipal is { } current)
        {
            foreach (var claim in current.FindAll(c => c.Type is AccountClaims.AuthenticationMethod or ClaimTypes.AuthenticationMethod).ToList())
            {
                if (!fresh.HasClaim(claim.Type, claim.Value))
                {
                    fresh.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>A local path to go back to after an account step; anything else becomes "/".</summary>
internal static class ReturnUrls
{
    public static string Safe(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    public static string Query(string? url) => url is null or "/" ? "" : "?returnUrl=" + Uri.EscapeDataString(Safe(url));
}

/// <summary>
/// Carries newly generated recovery codes to the page that shows them, once: in an encrypted, short-lived
/// cookie bound to the user, deleted as soon as it is read (as Identity's own pages do with TempData).
/// </summary>
internal sealed class RecoveryCodesOnce(IDataProtectionProvider protection, TimeProvider clock)
{
    private const string CookieName = "waypoint.recovery-codes";
    private const string CookiePath = "/account/recovery-codes";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Waypoint.Account.RecoveryCodes.v1").ToTimeLimitedDataProtector();

    public void Keep(HttpContext http, Guid userId, IEnumerable<string> codes)
    {
        var payload = JsonSerializer.Serialize(new Payload(userId, [.. codes]));
        var value = Protector.Protect(payload, clock.GetUtcNow() + Lifetime);
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The codes, if they were generated for this user in the last few minutes and not shown yet.</summary>
    public IReadOnlyList<string>? Take(HttpContext http, Guid userId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Protector.Unprotect(value));
            return payload is not null && payload.UserId == userId ? payload.Codes : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(Guid UserId, List<string> Codes);
}
