using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Validation;

namespace Waypoint.Modules.Intake.Feeds.ImportEvents;

/// <summary>A valid row of the investigation events feed (feeds.md §2).</summary>
internal sealed record EventRow(Guid ForceId, string ForceCode, string CrimeReference, string EventId, InvestigationEventType Type, DateTime EventAtUtc, string? Details, string? SuspectReference)
{
    private static readonly Dictionary<string, InvestigationEventType> Types = new(StringComparer.Ordinal)
    {
        ["suspect_arrested"] = InvestigationEventType.SuspectArrested,
        ["suspect_interviewed_under_caution"] = InvestigationEventType.SuspectInterviewedUnderCaution,
        ["suspect_released_no_further_action"] = InvestigationEventType.SuspectReleasedNoFurtherAction,
        ["suspect_bailed"] = InvestigationEventType.SuspectBailed,
        ["suspect_released_under_investigation"] = InvestigationEventType.SuspectReleasedUnderInvestigation,
        ["bail_conditions_changed"] = InvestigationEventType.BailConditionsChanged,
        ["suspect_charged"] = InvestigationEventType.SuspectCharged,
        ["out_of_court_disposal"] = InvestigationEventType.OutOfCourtDisposal,
        ["decision_not_to_prosecute"] = InvestigationEventType.DecisionNotToProsecute,
        ["decision_not_to_investigate"] = InvestigationEventType.DecisionNotToInvestigate,
        ["investigation_closed"] = InvestigationEventType.InvestigationClosed,
        ["investigation_reopened"] = InvestigationEventType.InvestigationReopened,
    };

    public static (EventRow? Row, IReadOnlyList<string> Reasons, string? ForceCode, string? CrimeReference) Validate(FeedRow row, ForceDirectory forces, DateOnly today)
    {
        var c = new RowCheck(row);
        var forceCode = c.Text("force_code", 20, required: true);
        var force = forces.Check(c, forceCode);
        var crimeRef = c.Text("crime_reference", 40, required: true);
        var eventId = c.Text("event_id", 100, required: true);
        var type = c.Choice("event_type", Types, required: true);
        var at = c.Instant("event_at", required: true);
        if (at is { } instant && FeedValues.LondonDate(instant) > today)
        {
            c.Fail($"event_at {row["event_at"]} is in the future");
        }
        var details = c.Text("details", 4000);
        var suspect = c.Text("suspect_reference", 40);
        if (c.Failed || force is null)
        {
            return (null, c.Reasons, force?.Code ?? Cap(forceCode), crimeRef is { Length: <= 40 } ? crimeRef : null);
        }
        return (new EventRow(force.Value.Id, force.Value.Code, crimeRef!, eventId!, type!.Value, at!.Value, details, suspect), [], force.Value.Code, crimeRef);
    }

    private static string? Cap(string? value) => value is null || value.Length <= 20 ? value : value[..20];
}
