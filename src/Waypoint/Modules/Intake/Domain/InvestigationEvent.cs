namespace Waypoint.Modules.Intake.Domain;

/// <summary>The decisions and events of feeds.md §2; each starts a Right 6 clock for every victim of the crime.</summary>
public enum InvestigationEventType
{
    SuspectArrested,
    SuspectInterviewedUnderCaution,
    SuspectReleasedNoFurtherAction,
    SuspectBailed,
    SuspectReleasedUnderInvestigation,
    BailConditionsChanged,
    SuspectCharged,
    OutOfCourtDisposal,
    DecisionNotToProsecute,
    DecisionNotToInvestigate,
    InvestigationClosed,
    InvestigationReopened,
}

/// <summary>One investigation event on a crime, as the records system sent it. The key is (crime, event id).</summary>
public sealed class InvestigationEvent
{
    private InvestigationEvent() { }

    public InvestigationEvent(Guid crimeId, string eventId, InvestigationEventType type, DateTime eventAtUtc, string? details, string? suspectReference, Guid importId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        CrimeId = crimeId;
        EventId = eventId.Trim();
        Type = type;
        EventAt = eventAtUtc;
        Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        SuspectReference = string.IsNullOrWhiteSpace(suspectReference) ? null : suspectReference.Trim();
        ImportId = importId;
        ReceivedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid CrimeId { get; private set; }
    public string EventId { get; private set; } = "";
    public InvestigationEventType Type { get; private set; }
    public DateTime EventAt { get; private set; }
    public string? Details { get; private set; }

    /// <summary>The suspect's person id: never shown to the victim.</summary>
    public string? SuspectReference { get; private set; }
    public Guid ImportId { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    public static string Describe(InvestigationEventType type) => type switch
    {
        InvestigationEventType.SuspectArrested => "Suspect arrested",
        InvestigationEventType.SuspectInterviewedUnderCaution => "Suspect interviewed under caution",
        InvestigationEventType.SuspectReleasedNoFurtherAction => "Suspect released with no further action",
        InvestigationEventType.SuspectBailed => "Suspect released on bail",
        InvestigationEventType.SuspectReleasedUnderInvestigation => "Suspect released under investigation",
        InvestigationEventType.BailConditionsChanged => "Bail conditions changed",
        InvestigationEventType.SuspectCharged => "Suspect charged",
        InvestigationEventType.OutOfCourtDisposal => "Out-of-court disposal",
        InvestigationEventType.DecisionNotToProsecute => "Decision not to prosecute",
        InvestigationEventType.DecisionNotToInvestigate => "Decision not to investigate",
        InvestigationEventType.InvestigationClosed => "Investigation closed",
        InvestigationEventType.InvestigationReopened => "Investigation reopened",
        _ => type.ToString(),
    };
}
