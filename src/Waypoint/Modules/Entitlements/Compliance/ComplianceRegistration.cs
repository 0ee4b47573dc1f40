namespace Waypoint.Modules.Entitlements.Compliance;

/// <summary>Services and API of compliance figures, drill-down, CSV and Excel export, the MoJ measures.</summary>
public static class ComplianceRegistration
{
    public static IServiceCollection AddCompliance(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api) => api;
    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app) => app;
}
