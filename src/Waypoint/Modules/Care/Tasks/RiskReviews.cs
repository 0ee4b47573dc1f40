using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Tasks;

/// <summary>
/// Risk is re-assessed when events change it (domain.md A4): an investigation event that puts the suspect back in the
/// community or ends the case against them raises a risk-review task on every case of the crime.
/// </summary>
public sealed class RiskReviews(CaseTasks tasks)
{
    /// <summary>Working days to review the risk after such an event.</summary>
    public const int DueInWorkingDays = 1;

    public static bool ChangesRisk(InvestigationEventType type) => type is InvestigationEventType.SuspectBailed
        or InvestigationEventType.SuspectReleasedUnderInvestigation
        or InvestigationEventType.SuspectReleasedNoFurtherAction
        or InvestigationEventType.BailConditionsChanged
        or InvestigationEventType.DecisionNotToProsecute
        or InvestigationEventType.DecisionNotToInvestigate
        or InvestigationEventType.InvestigationClosed
        or InvestigationEventType.OutOfCourtDisposal;

    /// <summary>Stages a risk-review task on each case (no save) when the event changes risk.</summary>
    public async Task RaiseForEventAsync(InvestigationEvent recorded, IReadOnlyList<VictimCase> cases, Actor actor, CancellationToken ct)
    {
        if (!ChangesRisk(recorded.Type))
        {
            return;
        }
        foreach (var victimCase in cases.Where(c => c.Status != CaseStatus.Closed))
        {
            await tasks.RaiseAsync(victimCase, CaseTaskKind.RiskReview, "Review the risk to the victim",
                $"{InvestigationEvent.Describe(recorded.Type)} on {recorded.EventAt:d MMMM yyyy}: review the risk assessment and safety plan with the victim",
                DueInWorkingDays, recorded.Id, actor, ct);
        }
    }
}
