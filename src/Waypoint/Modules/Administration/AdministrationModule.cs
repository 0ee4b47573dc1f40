namespace Waypoint.Modules.Administration;

/// <summary>Organisations, teams, users, force access grants and API tokens, run by each organisation's Unit Administrators.</summary>
public static class AdministrationModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAdministrationApi(this RouteGroupBuilder api) => api;
}
