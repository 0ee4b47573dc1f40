using Waypoint.Modules.Care.Tasks;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.ImportEvents;

/// <summary>
/// Where an investigation event starts the Victims' Code clocks (domain.md A3, R6-*: the victim told within 5 working
/// days, 1 with enhanced rights). Called once per new event with every case of its crime, inside the batch's unit of
/// work, before it is saved. An event that changes the risk to the victim (bail, release, no further action) also
/// raises a risk-review task on each case (domain.md A4), saved with the batch.
/// </summary>
public class EventObligations(CodeClocks clocks, RiskReviews riskReviews)
{
    public virtual async Task StartClocksAsync(InvestigationEvent recorded, IReadOnlyList<VictimCase> cases, Actor actor, CancellationToken ct)
    {
        await clocks.StartForEventAsync(recorded, cases, ct);
        await riskReviews.RaiseForEventAsync(recorded, cases, actor, ct);
    }
}
