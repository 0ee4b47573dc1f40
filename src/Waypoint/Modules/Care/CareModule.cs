using Waypoint.Modules.Care.Messages;
using Waypoint.Modules.Care.Referrals;
using Waypoint.Modules.Care.SafeContact;

namespace Waypoint.Modules.Care;

/// <summary>
/// The work with one victim (issue 5): reaching them safely (SafeContact/: the safe-contact profile, category
/// protocols, the contact log with its refusals) and referring them on with consent (Referrals/: the services
/// directory, consent, referrals and signposting), and writing to them (Messages/: templates, compose and preview,
/// the durable outbox and its senders). Assessment, the support plan and closure follow.
/// </summary>
public static class CareModule
{
    public static IServiceCollection AddCare(this IServiceCollection services, IConfiguration config) => services
        .AddSafeContact(config)
        .AddReferrals()
        .AddMessages();

    public static RouteGroupBuilder MapCareApi(this RouteGroupBuilder api)
    {
        api.MapSafeContactApi();
        api.MapReferralsApi();
        api.MapMessagesApi();
        return api;
    }
}
