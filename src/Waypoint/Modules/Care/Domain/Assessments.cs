using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>The ten areas of the structured needs assessment (product.md, "Assessment"; the Code's Right 4).</summary>
public enum NeedArea
{
    HealthAndWellbeing,
    MentalHealth,
    SafetyAndSecurity,
    Housing,
    Finance,
    PracticalNeeds,
    JusticeInformation,
    Communication,
    Isolation,
    ChildrenAndDependants,
}

public enum NeedLevel
{
    None,
    Low,
    Medium,
    High,
}

/// <summary>
/// One needs assessment of a case: a new version each time (the earlier ones are kept as history), each of the ten
/// areas with its level and note.
/// </summary>
public sealed class NeedsAssessment
{
    private readonly List<NeedsAssessmentArea> _areas = [];

    private NeedsAssessment() { }

    public NeedsAssessment(Guid organisationId, Guid caseId, int number, IEnumerable<(NeedArea Area, NeedLevel Level, string? Note)> areas, string? summary, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Number = number;
        Summary = summary;
        _areas.AddRange(areas.Select(a => new NeedsAssessmentArea(Id, a.Area, a.Level, a.Note)));
        ById = actor.UserId;
        ByName = actor.Name;
        AssessedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }

    /// <summary>1 for the first assessment of the case, 2 for the next...</summary>
    public int Number { get; private set; }
    public string? Summary { get; private set; }
    public IReadOnlyList<NeedsAssessmentArea> Areas => _areas;
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AssessedAt { get; private set; }

    public static string AreaName(NeedArea area) => area switch
    {
        NeedArea.HealthAndWellbeing => "Health and wellbeing",
        NeedArea.MentalHealth => "Mental health",
        NeedArea.SafetyAndSecurity => "Safety and security",
        NeedArea.Housing => "Housing",
        NeedArea.Finance => "Finance",
        NeedArea.PracticalNeeds => "Practical needs",
        NeedArea.JusticeInformation => "Information about the justice process",
        NeedArea.Communication => "Communication",
        NeedArea.Isolation => "Isolation",
        NeedArea.ChildrenAndDependants => "Children and dependants",
        _ => area.ToString(),
    };

    public static string LevelName(NeedLevel level) => level switch
    {
        NeedLevel.None => "No need",
        NeedLevel.Low => "Low",
        NeedLevel.Medium => "Medium",
        NeedLevel.High => "High",
        _ => level.ToString(),
    };
}

public sealed class NeedsAssessmentArea
{
    private NeedsAssessmentArea() { }

    internal NeedsAssessmentArea(Guid assessmentId, NeedArea area, NeedLevel level, string? note)
    {
        AssessmentId = assessmentId;
        Area = area;
        Level = level;
        Note = note;
    }

    public Guid AssessmentId { get; private set; }
    public NeedArea Area { get; private set; }
    public NeedLevel Level { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>The response THRIVE leads to (control-room grading).</summary>
public enum ThriveResponse
{
    Immediate,
    Priority,
    Scheduled,
    NoFurtherAction,
}

/// <summary>
/// THRIVE at first contact (domain.md A4, §10): Threat, Harm, Risk, Investigation, Vulnerability, Engagement, each
/// with a note, and the response it leads to. Re-THRIVE when circumstances change: a new one is recorded each time.
/// </summary>
public sealed class ThriveAssessment
{
    private ThriveAssessment() { }

    public ThriveAssessment(Guid organisationId, Guid caseId, string threat, string harm, string risk, string investigation, string vulnerability,
        string engagement, ThriveResponse response, string? responseNote, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Threat = threat;
        Harm = harm;
        Risk = risk;
        Investigation = investigation;
        Vulnerability = vulnerability;
        Engagement = engagement;
        Response = response;
        ResponseNote = responseNote;
        ById = actor.UserId;
        ByName = actor.Name;
        AssessedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public string Threat { get; private set; } = "";
    public string Harm { get; private set; } = "";
    public string Risk { get; private set; } = "";
    public string Investigation { get; private set; } = "";
    public string Vulnerability { get; private set; } = "";
    public string Engagement { get; private set; } = "";
    public ThriveResponse Response { get; private set; }
    public string? ResponseNote { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AssessedAt { get; private set; }

    public static string ResponseName(ThriveResponse r) => r switch
    {
        ThriveResponse.Immediate => "Immediate response",
        ThriveResponse.Priority => "Priority response",
        ThriveResponse.Scheduled => "Scheduled response",
        ThriveResponse.NoFurtherAction => "No further action needed",
        _ => r.ToString(),
    };
}

public enum DashAnswer
{
    Yes,
    No,
    NotKnown,
}

/// <summary>
/// A DASH risk identification checklist (domain.md A4, §10): every answer with the question as it was asked, the
/// score (yes answers), the level the score gives, and the level recorded, which professional judgement may raise
/// (with a reason and its NDM rationale) but never lower.
/// </summary>
public sealed class DashAssessment
{
    private readonly List<DashAnswerRecord> _answers = [];

    private DashAssessment() { }

    public DashAssessment(Guid organisationId, Guid caseId, IEnumerable<(string QuestionId, string Question, DashAnswer Answer)> answers, int score,
        RiskLevel computedLevel, RiskLevel level, string? judgementReason, NdmRationale? rationale, bool newIncident, string? notes, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        var position = 0;
        _answers.AddRange(answers.Select(a => new DashAnswerRecord(Id, ++position, a.QuestionId, a.Question, a.Answer)));
        Score = score;
        ComputedLevel = computedLevel;
        Level = level;
        JudgementReason = judgementReason;
        Rationale = rationale;
        NewIncident = newIncident;
        Notes = notes;
        ById = actor.UserId;
        ByName = actor.Name;
        AssessedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public IReadOnlyList<DashAnswerRecord> Answers => _answers;

    /// <summary>The number of "yes" answers.</summary>
    public int Score { get; private set; }
    public RiskLevel ComputedLevel { get; private set; }

    /// <summary>The level recorded: the computed one, or higher by professional judgement.</summary>
    public RiskLevel Level { get; private set; }
    public string? JudgementReason { get; private set; }
    public NdmRationale? Rationale { get; private set; }

    /// <summary>Whether this DASH is for a new incident (what makes a repeat MARAC referral on the same case).</summary>
    public bool NewIncident { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>The MARAC or repeat-MARAC task this DASH raised, if any.</summary>
    public Guid? TaskId { get; set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AssessedAt { get; private set; }
}

public sealed class DashAnswerRecord
{
    private DashAnswerRecord() { }

    internal DashAnswerRecord(Guid dashId, int position, string questionId, string question, DashAnswer answer)
    {
        DashId = dashId;
        Position = position;
        QuestionId = questionId;
        Question = question;
        Answer = answer;
    }

    public Guid DashId { get; private set; }
    public int Position { get; private set; }
    public string QuestionId { get; private set; } = "";
    public string Question { get; private set; } = "";
    public DashAnswer Answer { get; private set; }
}

public enum SafeguardingSubject
{
    Adult,
    Child,
}

public enum SafeguardingDestination
{
    AdultSocialCare,
    ChildrensSocialCare,
    Mash,
    Other,
}

/// <summary>
/// A safeguarding referral (domain.md §10, "system rule"): adult (Care Act 2014 s.42) or child, where it went (adult
/// or children's social care, the MASH...), when it was sent, its reference, the decision's NDM rationale, and the
/// outcome when it comes back.
/// </summary>
public sealed class SafeguardingReferral
{
    private SafeguardingReferral() { }

    public SafeguardingReferral(Guid organisationId, Guid caseId, SafeguardingSubject subject, SafeguardingDestination destination, string destinationName,
        string concern, DateOnly sentOn, string? reference, NdmRationale? rationale, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Subject = subject;
        Destination = destination;
        DestinationName = destinationName;
        Concern = concern;
        SentOn = sentOn;
        Reference = reference;
        Rationale = rationale;
        ById = actor.UserId;
        ByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public SafeguardingSubject Subject { get; private set; }
    public SafeguardingDestination Destination { get; private set; }

    /// <summary>Which local authority or hub: "Northshire County Council MASH".</summary>
    public string DestinationName { get; private set; } = "";
    public string Concern { get; private set; } = "";
    public DateOnly SentOn { get; private set; }
    public string? Reference { get; private set; }
    public NdmRationale? Rationale { get; private set; }
    public string? Outcome { get; private set; }
    public DateOnly? OutcomeOn { get; private set; }
    public string? OutcomeByName { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public int Version { get; private set; }

    public void RecordOutcome(string outcome, DateOnly on, Actor actor)
    {
        Outcome = outcome;
        OutcomeOn = on;
        OutcomeByName = actor.Name;
    }

    public static string SubjectName(SafeguardingSubject s) => s == SafeguardingSubject.Adult ? "Adult" : "Child";

    public static string DestinationTypeName(SafeguardingDestination d) => d switch
    {
        SafeguardingDestination.AdultSocialCare => "Adult social care",
        SafeguardingDestination.ChildrensSocialCare => "Children's social care",
        SafeguardingDestination.Mash => "Multi-agency safeguarding hub (MASH)",
        _ => "Other",
    };
}

public enum DangerRequestChannel
{
    Call999,
    ControlRoom,
}

/// <summary>
/// "Victim in immediate danger" (product.md): the officer asked the police to attend. When, how (999 or the control
/// room directly), the control-room reference (required: it is how the attendance is traced), what was asked and
/// the outcome. Open until someone records that it is over; the case shows a warning while it is open.
/// </summary>
public sealed class DangerIncident
{
    private DangerIncident() { }

    public DangerIncident(Guid organisationId, Guid caseId, DateTime requestedAt, DangerRequestChannel channel, string controlRoomReference,
        string whatWasAsked, string? outcome, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        RequestedAt = requestedAt;
        Channel = channel;
        ControlRoomReference = controlRoomReference;
        WhatWasAsked = whatWasAsked;
        Outcome = outcome;
        ById = actor.UserId;
        ByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public DangerRequestChannel Channel { get; private set; }
    public string ControlRoomReference { get; private set; } = "";
    public string WhatWasAsked { get; private set; } = "";
    public string? Outcome { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedByName { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public void Close(string outcome, Actor actor)
    {
        Outcome = outcome;
        ClosedAt = actor.Now;
        ClosedByName = actor.Name;
    }

    public static string ChannelName(DangerRequestChannel c) => c == DangerRequestChannel.Call999 ? "999 call" : "Control room directly";
}
