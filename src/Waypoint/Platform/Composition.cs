using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Waypoint.Modules.Account;
using Waypoint.Modules.Administration;
using Waypoint.Modules.Cases;
using Waypoint.Modules.Care;
using Waypoint.Modules.Entitlements;
using Waypoint.Modules.Intake;
using Waypoint.Modules.Oversight;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Demo;
using Waypoint.Platform.Security;

namespace Waypoint.Platform;

/// <summary>
/// Every service Waypoint registers, platform first, then each module through its own Add method. Program.cs calls
/// it; so do the benchmarks, which need the real services without the web pipeline.
/// </summary>
public static class Composition
{
    public static WebApplicationBuilder AddWaypoint(this WebApplicationBuilder builder)
    {
        // Platform: logs, database, security, audit, HTTP plumbing.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddWaypointDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddScoped<AuditScope>();
        builder.Services.AddScoped<AuditVerifier>();
        builder.Services.AddWaypointSecurity(builder.Configuration);
        builder.Services.AddDataProtection().SetApplicationName("Waypoint").PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        builder.Services.AddRazorComponents();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddScoped<DemoCare>();

        // Modules: each enters through its own Add/Map pair.
        builder.Services.AddAccount();
        builder.Services.AddAdministration();
        builder.Services.AddCases();
        builder.Services.AddIntake(builder.Configuration);
        builder.Services.AddOversight();
        builder.Services.AddEntitlements();
        builder.Services.AddCare(builder.Configuration);

        return builder;
    }
}
