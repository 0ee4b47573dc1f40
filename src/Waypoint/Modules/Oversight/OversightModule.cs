namespace Waypoint.Modules.Oversight;

/// <summary>The auditor's view of the data-protection log: search, export and chain verification.</summary>
public static class OversightModule
{
    public static IServiceCollection AddOversight(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapOversightApi(this RouteGroupBuilder api) => api;

    public static IEndpointRouteBuilder MapOversightEndpoints(this IEndpointRouteBuilder app) => app;
}
