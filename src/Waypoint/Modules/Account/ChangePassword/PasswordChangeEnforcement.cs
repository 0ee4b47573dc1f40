using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Account.Shared;

namespace Waypoint.Modules.Account.ChangePassword;

/// <summary>
/// Until a user has replaced the temporary password an administrator gave them, every page sends them to
/// /account/change-password and the API refuses them (403).
/// </summary>
/// <remarks>
/// Program.cs belongs to the platform, so this enters the pipeline as a start-up filter. Start-up filters run
/// ahead of the application's own middleware, before UseAuthentication, so this authenticates the session
/// cookie itself. The cookie handler keeps its result for the request, so UseAuthentication reuses it: the
/// cookie is read and the security stamp checked once, as before.
/// </remarks>
internal sealed class PasswordChangeEnforcement : IStartupFilter
{
    public const string ChangePasswordPath = "/account/change-password";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!IsExempt(context.Request) && await MustChangePasswordAsync(context))
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.Response.Redirect(ChangePasswordPath);
                return;
            }
            await nextMiddleware(context);
        });
        next(app);
    };

    private static async Task<bool> MustChangePasswordAsync(HttpContext context)
    {
        var cookieName = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name;
        if (cookieName is null || !context.Request.Cookies.ContainsKey(cookieName))
        {
            return false;
        }
        AuthenticateResult result;
        try
        {
            result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        }
#pragma warning disable CA1031 // Not swallowed: UseAuthentication meets the same failure again, inside the exception handler.
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
        return result.Succeeded && result.Principal.HasClaim(AccountClaims.MustChangePassword, "true");
    }

    private static bool IsExempt(HttpRequest request)
    {
        var path = request.Path;
        // Machine clients never have a temporary password; the pages needed to change it or leave stay open.
        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(ChangePasswordPath)
            || path.StartsWithSegments("/account/sign-in")
            || path.StartsWithSegments("/account/sign-out")
            || path.StartsWithSegments("/account/signed-out")
            || path.StartsWithSegments("/lib") || path.StartsWithSegments("/assets") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
            || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/favicon.svg")
            || path.StartsWithSegments("/status") || path.StartsWithSegments("/error") || path.StartsWithSegments("/health");
    }
}
