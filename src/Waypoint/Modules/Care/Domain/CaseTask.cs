using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

public enum CaseTaskKind
{
    MaracReferral,
    RepeatMaracReferral,
    RiskReview,
    SafeguardingFollowUp,
    ThriveAssessment,
    Other,
}

public enum CaseTaskStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// A piece of work on a case that something raised (a high-risk DASH, an event that changes risk, a safeguarding
/// decision): what, why, due when (working days), whose (the case's officer or team when raised), and how it ended
/// (done or cancelled, with an outcome note and the National Decision Model rationale behind the decision).
/// </summary>
public sealed class CaseTask
{
    private CaseTask() { }

    public CaseTask(Guid organisationId, Guid caseId, CaseTaskKind kind, string title, string reason, DateOnly dueOn, Guid? teamId, Guid? officerId, Guid? sourceId, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Kind = kind;
        Title = title;
        Reason = reason;
        DueOn = dueOn;
        TeamId = teamId;
        OfficerId = officerId;
        SourceId = sourceId;
        Status = CaseTaskStatus.Open;
        CreatedAt = actor.Now;
        CreatedByName = actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public CaseTaskKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? OfficerId { get; private set; }
    /// <summary>What raised it: the DASH, investigation event or safeguarding referral, when there is one.</summary>
    public Guid? SourceId { get; private set; }
    public CaseTaskStatus Status { get; private set; }
    public string? Outcome { get; private set; }
    public NdmRationale? Rationale { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime? ClosedAt { get; private set; }
    public Guid? ClosedById { get; private set; }
    public string? ClosedByName { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status == CaseTaskStatus.Open;

    public void Close(CaseTaskStatus status, string outcome, NdmRationale? rationale, Actor actor)
    {
        if (status == CaseTaskStatus.Open || !IsOpen)
        {
            throw new InvalidOperationException("Only an open task can be closed, as done or cancelled.");
        }
        Status = status;
        Outcome = outcome;
        Rationale = rationale;
        ClosedAt = actor.Now;
        ClosedById = actor.UserId;
        ClosedByName = actor.Name;
    }

    public static string KindName(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.MaracReferral => "MARAC referral",
        CaseTaskKind.RepeatMaracReferral => "Repeat MARAC referral",
        CaseTaskKind.RiskReview => "Risk review",
        CaseTaskKind.SafeguardingFollowUp => "Safeguarding follow-up",
        CaseTaskKind.ThriveAssessment => "THRIVE assessment",
        _ => "Task",
    };
}
