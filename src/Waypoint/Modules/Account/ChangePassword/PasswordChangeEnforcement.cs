using Waypoint.Modules.Account.Shared;

namespace Waypoint.Modules.Account.ChangePassword;

/// <summary>
/// Until a user has replaced the temporary password an administrator gave them, every page sends them to
/// /account/change-password and the API refuses them (403). Runs after authentication (Program.cs).
/// </summary>
internal static class PasswordChangeEnforcement
{
    public const string ChangePasswordPath = "/account/change-password";

    public static IApplicationBuilder UsePasswordChangeEnforcement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(AccountClaims.MustChangePassword, "true") && !IsExempt(context.Request))
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.Response.Redirect(ChangePasswordPath);
                return;
            }
            await next(context);
        });

    private static bool IsExempt(HttpRequest request)
    {
        var path = request.Path;
        // Machine clients never have a temporary password; the pages needed to change it or leave stay open.
        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(ChangePasswordPath)
            || path.StartsWithSegments("/account/sign-in")
            || path.StartsWithSegments("/account/sign-out")
            || path.StartsWithSegments("/account/signed-out")
            || Platform.Http.OpenPaths.IsAlwaysOpen(path);
    }
}
