using Waypoint.Modules.Care.Contract;
using Waypoint.Modules.Care.Equality;
using Waypoint.Modules.Care.Intelligence;
using Waypoint.Modules.Care.Assessment;
using Waypoint.Modules.Care.Messages;
using Waypoint.Modules.Care.Closure;
using Waypoint.Modules.Care.Plan;
using Waypoint.Modules.Care.Referrals;
using Waypoint.Modules.Care.SafeContact;
using Waypoint.Modules.Care.Timeline;

namespace Waypoint.Modules.Care;

/// <summary>
/// The work with one victim (issue 5): reaching them safely (SafeContact/: the safe-contact profile, category
/// protocols, the contact log with its refusals), referring them on with consent (Referrals/: the services
/// directory, consent, referrals and signposting), assessing needs and risk (Assessment/: needs, THRIVE, DASH and
/// MARAC, safeguarding, immediate danger, with the tasks they raise in Tasks/), the victim contract seen from the care
/// side (Contract/: its channel checked against the safe-contact profile, the updates given against it, reviews due),
/// the full timeline (Timeline/), equality monitoring with its aggregate report (Equality/) and unseen crime and
/// intelligence for the police (Intelligence/), and writing to them (Messages/: templates, compose and
/// preview, the durable outbox and its senders), the cope-and-recover support plan with its outcome measures (Plan/)
/// and closure, with a Team Leader's approval for high-risk cases, and re-opening (Closure/).
/// </summary>
public static class CareModule
{
    public static IServiceCollection AddCare(this IServiceCollection services, IConfiguration config) => services
        .AddSafeContact(config)
        .AddReferrals()
        .AddVictimContractCare()
        .AddCaseTimeline()
        .AddEquality()
        .AddIntelligence()
        .AddAssessment(config)
        .AddMessages()
        .AddSupportPlan(config)
        .AddClosure(config);

    public static RouteGroupBuilder MapCareApi(this RouteGroupBuilder api)
    {
        api.MapSafeContactApi();
        api.MapReferralsApi();
        api.MapTimelineApi();
        api.MapEqualityApi();
        api.MapIntelligenceApi();
        api.MapAssessmentApi();
        api.MapMessagesApi();
        api.MapSupportPlanApi();
        api.MapClosureApi();
        return api;
    }
}
