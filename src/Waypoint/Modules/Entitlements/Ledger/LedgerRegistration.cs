namespace Waypoint.Modules.Entitlements.Ledger;

/// <summary>Services and API of the case's entitlements ledger, recorded actions that meet obligations, not-applicable, the update plan, GET /cases/{id}/obligations.</summary>
public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api) => api;
}
