using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Waypoint.Modules.Intake.Allocation;
using Waypoint.Modules.Intake.Cohort;
using Waypoint.Modules.Intake.DropFolder;
using Waypoint.Modules.Intake.Feeds;
using Waypoint.Modules.Intake.ImportHistory;
using Waypoint.Modules.Intake.OverrideTriage;
using Waypoint.Modules.Intake.QuarantineReview;
using Waypoint.Modules.Intake.SelfReferral;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Modules.Intake.UploadFeed;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake;

/// <summary>
/// How victims reach us: the police feeds (victims, investigation events) with their quarantine and import history,
/// referrals from the public and from agencies, triage (entitlement level and contact priority), the cohort and
/// allocation.
/// </summary>
public static class IntakeModule
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TriageOptions>(config.GetSection(TriageOptions.Section));
        services.AddScoped<CaseTriage>();
        services.AddScoped<WorkingDays>();

        // --- Police feeds (Feeds/): import engine, quarantine, API ---
        services.AddFeeds();
        // --- end police feeds ---

        // --- Imports UI (ImportHistory/, UploadFeed/, QuarantineReview/) and the drop folder job (DropFolder/) ---
        services.AddScoped<ListImportsHandler>();
        services.AddScoped<ViewImportHandler>();
        services.AddScoped<ListQuarantineHandler>();
        services.AddScoped<GetQuarantinedRowHandler>();
        services.Configure<DropFolderOptions>(config.GetSection(DropFolderOptions.Section));
        services.AddSingleton<DropFolderImport>();
        services.AddHostedService<DropFolderJob>();
        // --- end imports UI and drop folder ---

        // Cohort and allocation
        services.AddScoped<FindCohortHandler>();
        services.AddScoped<BulkAllocationHandler>();
        services.AddScoped<AutoAllocationHandler>();
        // End of cohort and allocation

        // --- Referrals and triage overrides (self-referral form, officer override) ---
        services.AddScoped<SelfReferralHandler>();
        services.AddScoped<OverrideTriageHandler>();
        var selfReferralPermits = config.GetValue("Waypoint:RateLimits:SelfReferralPer10Minutes", 5);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SelfReferralHandler.RateLimitPolicy, ctx => ctx.Request.Method == HttpMethods.Post
            ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = selfReferralPermits, Window = TimeSpan.FromMinutes(10) })
            : RateLimitPartition.GetNoLimiter("get")));
        // --- end referrals and triage overrides ---

        return services;
    }

    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        api.MapFeedsApi();
        MapCohortApi(api);
        MapTriageApi(api);
        return api;
    }

    /// <summary>The daily cohort, bulk allocation and automatic allocation (the same handlers as the /cohort page).</summary>
    private static void MapCohortApi(RouteGroupBuilder api)
    {
        var cohort = api.MapGroup("/cohort").WithTags("Cohort");

        cohort.MapGet("/", async ([AsParameters] CohortApiQuery query, HttpContext http, ActorAccessor actors, FindCohortHandler handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(query.ToQuery(), await actors.RequireAsync(ct), ct);
            if (result.Value is { } page)
            {
                http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(page.Items.Select(CohortCaseResponse.From).ToList());
            }
            return result.ToHttp();
        })
        .RequireAuthorization(Policies.CaseReader)
        .WithSummary("The cohort: cases recorded in a period (default: since the start of the last working day), by priority then age; X-Total-Count gives the total before paging.")
        .Produces<List<CohortCaseResponse>>();

        cohort.MapPost("/allocation", async (BulkAllocationRequest request, ActorAccessor actors, BulkAllocationHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Allocate many cases to a team and optionally an officer in it. Cases not visible or closed are skipped and listed.")
            .Produces<BulkAllocationOutcome>();

        cohort.MapPost("/auto-allocation", async (AutoAllocationRequest request, ActorAccessor actors, AutoAllocationHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Team Leaders: share the given cases (or the cohort's unallocated cases) among a team's Victim Care Officers by caseload and skills.")
            .Produces<AutoAllocationOutcome>();
    }

    /// <summary>An officer's override of triage's level and priority (the same handler as /cases/{id}/triage).</summary>
    private static void MapTriageApi(RouteGroupBuilder api)
    {
        api.MapPut("/cases/{caseId:guid}/triage", async (Guid caseId, OverrideTriageRequest request, ActorAccessor actors, OverrideTriageHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithTags("Cases")
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Set the entitlement level and/or priority by hand with a note (null leaves it to triage; both null clears the override). Send the case version you read; 409 if someone else saved first.")
            .Produces<TriageOverridden>();
    }

    /// <summary>The upload page's POST, which streams the file into the importer (imports UI).</summary>
    public static IEndpointRouteBuilder MapIntakeEndpoints(this IEndpointRouteBuilder app) => app.MapUploadFeed();
}
