namespace Waypoint.Modules.Care.SafeContact;

/// <summary>Services and API of the safe-contact profile, the category protocols and the contact log.</summary>
public static class SafeContactRegistration
{
    public static IServiceCollection AddSafeContact(this IServiceCollection services, IConfiguration config) => services;

    public static RouteGroupBuilder MapSafeContactApi(this RouteGroupBuilder api) => api;
}
