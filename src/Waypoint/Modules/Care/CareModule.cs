using Waypoint.Modules.Care.Assessment;
using Waypoint.Modules.Care.Referrals;
using Waypoint.Modules.Care.SafeContact;

namespace Waypoint.Modules.Care;

/// <summary>
/// The work with one victim (issue 5): reaching them safely (SafeContact/: the safe-contact profile, category
/// protocols, the contact log with its refusals) and referring them on with consent (Referrals/: the services
/// directory, consent, referrals and signposting) and assessing needs and risk (Assessment/: needs, THRIVE, DASH
/// and MARAC, safeguarding, immediate danger, with the tasks they raise in Tasks/). The support plan, messages and closure follow.
/// </summary>
public static class CareModule
{
    public static IServiceCollection AddCare(this IServiceCollection services, IConfiguration config) => services
        .AddSafeContact(config)
        .AddReferrals()
        .AddAssessment(config);

    public static RouteGroupBuilder MapCareApi(this RouteGroupBuilder api)
    {
        api.MapSafeContactApi();
        api.MapReferralsApi();
        api.MapAssessmentApi();
        return api;
    }
}
