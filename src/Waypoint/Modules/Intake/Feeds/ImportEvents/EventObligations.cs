using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.ImportEvents;

/// <summary>
/// Where an investigation event starts the Victims' Code clocks (domain.md A3, R6-*: the victim told within 5 working
/// days, 1 with enhanced rights). Called once per new event with every case of its crime, inside the batch's unit of
/// work, before it is saved.
/// </summary>
public class EventObligations(CodeClocks clocks)
{
    public virtual async Task StartClocksAsync(InvestigationEvent recorded, IReadOnlyList<VictimCase> cases, Actor actor, CancellationToken ct) =>
        await clocks.StartForEventAsync(recorded, cases, ct);
}
