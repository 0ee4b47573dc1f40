using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Shared;

internal static class AdminAccess
{
    /// <summary>
    /// Only a person holding the Unit Administrator role administers, never a machine client; handlers check it
    /// again behind the page and route policies.
    /// </summary>
    public static bool IsAdministrator(this Actor actor) => actor.UserId is not null && actor.IsInRole(Roles.UnitAdministrator);

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string List(IEnumerable<string> values)
    {
        var text = string.Join(", ", values);
        return text.Length == 0 ? "None" : text;
    }
}

/// <summary>
/// Hands a secret (a temporary password, a new API token) from the POST that made it to the page that shows it,
/// exactly once: an encrypted, five-minute, HttpOnly cookie that the showing page reads and deletes.
/// The secret is never stored in the database or the audit log.
/// </summary>
internal sealed class OneTimeSecrets(IDataProtectionProvider protection)
{
    private const string CookieName = "wp-once";
    private const string CookiePath = "/admin";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Waypoint.Administration.OneTimeSecret").ToTimeLimitedDataProtector();

    public void Keep(HttpContext http, string purpose, Guid recordId, string secret) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{purpose}|{recordId:N}|{secret}", Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The secret kept for this record, once; null when it has already been shown or has expired.</summary>
    public string? Take(HttpContext http, string purpose, Guid recordId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        }
        try
        {
            var parts = _protector.Unprotect(value).Split('|', 3);
            return parts.Length == 3 && parts[0] == purpose && parts[1] == recordId.ToString("N") ? parts[2] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
