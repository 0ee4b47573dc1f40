using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.ImportEvents;

/// <summary>
/// The seam where an investigation event starts the Victims' Code clocks (domain.md A3, R6-*: the victim told
/// within 5 working days, 1 with enhanced rights). Called once per new event with every case of its crime, inside
/// the batch's unit of work, before it is saved. The Entitlements work fills it in; until then it does nothing.
/// </summary>
public class EventObligations
{
    public virtual Task StartClocksAsync(InvestigationEvent recorded, IReadOnlyList<VictimCase> cases, Actor actor, CancellationToken ct) => Task.CompletedTask;
}
