using Waypoint.Modules.Intake.Feeds;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Calendar;

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

        return services;
    }

    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        // --- Police feeds (Feeds/) ---
        api.MapFeedsApi();
        // --- end police feeds ---

        return api;
    }

    public static IEndpointRouteBuilder MapIntakeEndpoints(this IEndpointRouteBuilder app) => app;
}
