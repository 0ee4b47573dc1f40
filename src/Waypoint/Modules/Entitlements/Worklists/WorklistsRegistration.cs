namespace Waypoint.Modules.Entitlements.Worklists;

/// <summary>Services and API of what is due today, this week and overdue for me and my team, and escalation to Team Leaders.</summary>
public static class WorklistsRegistration
{
    public static IServiceCollection AddWorklists(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapWorklistsApi(this RouteGroupBuilder api) => api;
}
