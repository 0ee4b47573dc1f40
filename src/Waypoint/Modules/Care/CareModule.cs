using Waypoint.Modules.Care.Closure;
using Waypoint.Modules.Care.Plan;
using Waypoint.Modules.Care.Referrals;
using Waypoint.Modules.Care.SafeContact;

namespace Waypoint.Modules.Care;

/// <summary>
/// The work with one victim (issue 5): reaching them safely (SafeContact/: the safe-contact profile, category
/// protocols, the contact log with its refusals) and referring them on with consent (Referrals/: the services
/// directory, consent, referrals and signposting), the cope-and-recover support plan with its outcome measures (Plan/)
/// and closure, with a Team Leader's approval for high-risk cases, and re-opening (Closure/).
/// </summary>
public static class CareModule
{
    public static IServiceCollection AddCare(this IServiceCollection services, IConfiguration config) => services
        .AddSafeContact(config)
        .AddReferrals()
        .AddSupportPlan(config)
        .AddClosure(config);

    public static RouteGroupBuilder MapCareApi(this RouteGroupBuilder api)
    {
        api.MapSafeContactApi();
        api.MapReferralsApi();
        api.MapSupportPlanApi();
        api.MapClosureApi();
        return api;
    }
}
