using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Compliance;
using Waypoint.Modules.Entitlements.Ledger;
using Waypoint.Modules.Entitlements.Settings;
using Waypoint.Modules.Entitlements.Worklists;

namespace Waypoint.Modules.Entitlements;

/// <summary>
/// The Victims' Code engine (domain.md A1-A3): every entitlement as a tracked obligation with its working-day clock
/// (Clocks/), the case's ledger with recorded actions and the update plan (Ledger/), what is due for me and my team
/// with escalation (Worklists/), compliance figures and the MoJ measures (Compliance/), and the unit's calendar and
/// targets (Settings/).
/// </summary>
public static class EntitlementsModule
{
    public static IServiceCollection AddEntitlements(this IServiceCollection services)
    {
        services.AddScoped<CodeClocks>();
        services.AddLedger();
        services.AddWorklists();
        services.AddCompliance();
        services.AddCodeSettings();
        return services;
    }

    public static RouteGroupBuilder MapEntitlementsApi(this RouteGroupBuilder api)
    {
        api.MapLedgerApi();
        api.MapWorklistsApi();
        api.MapComplianceApi();
        api.MapCodeSettingsApi();
        return api;
    }

    /// <summary>Non-API endpoints (file downloads).</summary>
    public static IEndpointRouteBuilder MapEntitlementsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapComplianceEndpoints();
        return app;
    }
}
