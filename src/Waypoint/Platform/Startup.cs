using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Waypoint.Modules.Administration;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Demo;
using Waypoint.Platform.Security;

namespace Waypoint.Platform;

/// <summary>Start-up steps and small pieces of pipeline that belong to no module.</summary>
public static class Startup
{
    /// <summary>Applies migrations, makes sure the six roles exist, and seeds the demo when asked to.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.Database.MigrateAsync();
        }
        await EnsureRolesAsync(sp.GetRequiredService<RoleManager<AppRole>>());
        if (app.Configuration.GetValue("Waypoint:Demo:Enabled", false))
        {
            await sp.GetRequiredService<DemoData>().SeedAndPrintAsync(Console.Out, CancellationToken.None);
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<AppRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }
    }

    /// <summary>Takes or makes a correlation id for the request: echoed in a header, kept on audit entries and log scopes.</summary>
    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers["X-Correlation-Id"].ToString();
            var id = incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? incoming
                : context.TraceIdentifier;
            context.Response.Headers["X-Correlation-Id"] = id;
            context.RequestServices.GetRequiredService<AuditScope>().CorrelationId = id;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Waypoint.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next();
            }
        });

    /// <summary>
    /// A signed-in session whose user has since been disabled or removed (or whose organisation is gone) ends at
    /// its next request: pages send the person to sign in, the API answers 401.
    /// </summary>
    public static IApplicationBuilder UseActiveUserCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && await context.RequestServices.GetRequiredService<ActorAccessor>().GetAsync(context.RequestAborted) is null)
            {
                if (context.User.FindFirst(WaypointClaims.ApiClientId) is null)
                {
                    await context.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
                }
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                context.Response.Redirect("/account/sign-in");
                return;
            }
            await next();
        });

    /// <summary>
    /// Administrators and auditors must have two-factor authentication: until they have set it up and used it
    /// for this session, every page sends them to set it up. The demo may waive this.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnforcement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            var path = context.Request.Path;
            if (user.Identity?.IsAuthenticated == true
                && user.FindFirst(WaypointClaims.ApiClientId) is null
                && Roles.RequireTwoFactor.Any(user.IsInRole)
                && !user.HasClaim("amr", "mfa")
                && !context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Waypoint:Demo:AllowSkipTwoFactor", false)
                && !path.StartsWithSegments("/account")
                && !Http.OpenPaths.IsAlwaysOpen(path))
            {
                if (path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }
                context.Response.Redirect("/account/two-factor/setup");
                return;
            }
            await next();
        });
}

/// <summary>Describes bearer-token authentication in the OpenAPI document.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Waypoint API";
        document.Info.Description = "Victim and witness care case management. Authenticate with `Authorization: Bearer <token>`; tokens are issued by a Unit Administrator.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token issued to a named client by a Unit Administrator.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>Command-line verbs run instead of the web server: <c>verify-audit</c>, <c>create-organisation</c>.</summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "verify-audit" or "create-organisation";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.PrepareDatabaseAsync();
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        switch (args[0])
        {
            case "verify-audit":
            {
                var report = await sp.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
                Console.WriteLine(report.Describe());
                return report.Intact ? 0 : 1;
            }
            case "create-organisation":
                return await OrganisationBootstrap.RunAsync(sp, args[1..], Console.Out);
            default:
                return 2;
        }
    }
}
