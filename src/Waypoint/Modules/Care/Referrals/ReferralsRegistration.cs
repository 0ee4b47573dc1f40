namespace Waypoint.Modules.Care.Referrals;

/// <summary>Services and API of the services directory, consent, referrals and signposting.</summary>
public static class ReferralsRegistration
{
    public static IServiceCollection AddReferrals(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapReferralsApi(this RouteGroupBuilder api) => api;
}
