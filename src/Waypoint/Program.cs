using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Waypoint.Modules.Account;
using Waypoint.Modules.Administration;
using Waypoint.Modules.Cases;
using Waypoint.Modules.Care;
using Waypoint.Modules.Entitlements;
using Waypoint.Modules.Intake;
using Waypoint.Modules.Oversight;
using Waypoint.Platform;
using Waypoint.Platform.Security;
using Waypoint.Platform.Ui;

var builder = WebApplication.CreateBuilder(args);

// Services: the platform, then each module through its own Add method (Platform/Composition.cs).
builder.AddWaypoint();

var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.PrepareDatabaseAsync();

// Pipeline.
app.UseForwardedHeaders();
// Pages: the error page, re-executed through the main pipeline (a handler inside a UseWhen branch cannot route to it).
// The API: ProblemDetails with a trace id, from the inner handler, which sees API exceptions first.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseExceptionHandler());
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseWaypointSecurityHeaders();
// Pages: status codes without a body (404 for an unknown address, 403, 429) get the page in the same design.
// The API keeps its bare status codes and ProblemDetails.
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.Use((context, next) =>
{
    if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
    {
        statusPages.Enabled = false;
    }
    return next(context);
}));
app.UseStaticFiles();
app.UseCorrelation();
app.UseRateLimiter();
app.UseAuthentication();
app.UseActiveUserCheck();
app.UseAccountRules();
app.UseTwoFactorEnforcement();
app.UseAuthorization();
app.UseAntiforgery();

// Endpoints.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready").AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/api-reference", o => o.WithTitle("Waypoint API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

var api = app.MapGroup("/api/v1").RequireRateLimiting(SecuritySetup.ApiRateLimit).RequireAntiforgeryForCookieWrites().DisableAntiforgery();
api.MapCasesApi();
api.MapIntakeApi();
api.MapAdministrationApi();
api.MapOversightApi();
api.MapEntitlementsApi();
api.MapCareApi();
app.MapAccountEndpoints();
app.MapOversightEndpoints();
app.MapIntakeEndpoints();
app.MapEntitlementsEndpoints();

app.MapRazorComponents<App>();

await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the integration and browser tests.</summary>
public partial class Program;
