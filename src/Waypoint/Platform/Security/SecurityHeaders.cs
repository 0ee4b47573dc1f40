namespace Waypoint.Platform.Security;

/// <summary>Security headers on every response: a strict CSP (no inline script or style), no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    private const string StrictCsp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // The API reference page (Scalar) is a self-contained app with inline bootstrapping; it shows no personal data.
    private const string ApiReferenceCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseWaypointSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-reference") ? ApiReferenceCsp : StrictCsp;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!context.Request.Path.StartsWithSegments("/lib") && !context.Request.Path.StartsWithSegments("/assets") && !context.Request.Path.StartsWithSegments("/css"))
                {
                    h.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            await next();
        });
}
