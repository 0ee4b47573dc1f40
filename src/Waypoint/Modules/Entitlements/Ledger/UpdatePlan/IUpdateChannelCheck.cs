using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.UpdatePlan;

/// <summary>
/// Says why the victim cannot be updated by a channel (the safe-contact profile forbids it), or null when they can.
/// Implemented by the Care module; the update plan refuses a channel any check refuses.
/// </summary>
public interface IUpdateChannelCheck
{
    Task<string?> RefusalAsync(Guid caseId, string channel, Actor actor, CancellationToken ct);
}
