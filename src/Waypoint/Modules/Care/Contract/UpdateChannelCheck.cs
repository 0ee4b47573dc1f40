using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.SafeContact.Profile;
using Waypoint.Modules.Entitlements.Ledger.UpdatePlan;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Contract;

/// <summary>The victim contract's channel must be one the victim's safe-contact profile allows (item 6).</summary>
internal sealed class UpdateChannelCheck(AppDbContext db) : IUpdateChannelCheck
{
    /// <summary>The update plan's channel names (<see cref="UpdatePlanHandler.Channels"/>) as contact channels.</summary>
    public static ContactChannel? ChannelOf(string channel) => channel.Trim().ToLowerInvariant() switch
    {
        "phone" => ContactChannel.Phone,
        "email" => ContactChannel.Email,
        "text message" => ContactChannel.TextMessage,
        "letter" => ContactChannel.Letter,
        "in person" => ContactChannel.InPerson,
        "home visit" => ContactChannel.HomeVisit,
        _ => null,
    };

    public async Task<string?> RefusalAsync(Guid caseId, string channel, Actor actor, CancellationToken ct)
    {
        if (ChannelOf(channel) is not { } contactChannel)
        {
            return null;
        }
        var found = await ContactProfiles.ForCaseAsync(db, caseId, actor, tracked: false, ct);
        if (found?.Profile.ChannelRefusal(contactChannel) is not { } refusal)
        {
            return null;
        }
        return $"{refusal} Choose a channel the safe-contact profile allows, or change the profile first if the victim now agrees.";
    }
}
