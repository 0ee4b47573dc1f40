namespace Waypoint.Modules.Entitlements.Settings;

/// <summary>Services and API of the bank-holiday calendar and the unit's Code targets, run by Unit Administrators.</summary>
public static class CodeSettingsRegistration
{
    public static IServiceCollection AddCodeSettings(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCodeSettingsApi(this RouteGroupBuilder api) => api;
}
