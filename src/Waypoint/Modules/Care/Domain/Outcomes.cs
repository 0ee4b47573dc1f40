using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>When an outcome measurement was taken: at the start of support (plan or first contact) or at exit (closure).</summary>
public enum MeasurementStage
{
    Start,
    Exit,
}

/// <summary>
/// The victim's answers to the configured "cope and recover" questions (Waypoint:Care:OutcomeMeasures) at one stage.
/// Each answer is 1 to 5, or null when the victim did not answer. The question's text is kept with the answer, so
/// a later change to the configuration does not rewrite what the victim was asked.
/// </summary>
public sealed class OutcomeMeasurement
{
    private readonly List<OutcomeAnswer> _answers = [];

    private OutcomeMeasurement() { }

    public OutcomeMeasurement(Guid organisationId, Guid caseId, MeasurementStage stage, IEnumerable<(string QuestionId, string QuestionText, int? Score)> answers, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Stage = stage;
        At = actor.Now;
        ById = actor.UserId;
        ByName = actor.Name;
        foreach (var (questionId, text, score) in answers)
        {
            _answers.Add(new OutcomeAnswer(Id, questionId, text, score));
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public MeasurementStage Stage { get; private set; }
    public DateTime At { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public IReadOnlyList<OutcomeAnswer> Answers => _answers;
}

public sealed class OutcomeAnswer
{
    private OutcomeAnswer() { }

    internal OutcomeAnswer(Guid measurementId, string questionId, string questionText, int? score)
    {
        Id = Guid.CreateVersion7();
        MeasurementId = measurementId;
        QuestionId = questionId;
        QuestionText = questionText;
        Score = score;
    }

    public Guid Id { get; private set; }
    public Guid MeasurementId { get; private set; }
    public string QuestionId { get; private set; } = "";
    public string QuestionText { get; private set; } = "";

    /// <summary>1 to 5; null when the victim did not answer.</summary>
    public int? Score { get; private set; }
}

public enum ClosureStatus
{
    /// <summary>A high-risk case's closure, waiting for a Team Leader of its team.</summary>
    AwaitingApproval,

    /// <summary>The case was closed (directly, or by a Team Leader's approval).</summary>
    Closed,

    /// <summary>A Team Leader declined to close the case; it stays open.</summary>
    Declined,
}

/// <summary>
/// A closure of a case: the reason, the closing note and the exit answers, and for a high-risk case the Team Leader's
/// decision. The exit answers wait here (as "questionId=score;..." with "-" for not answered) until the case closes;
/// only then do they become the exit <see cref="OutcomeMeasurement"/>.
/// </summary>
public sealed class CaseClosure
{
    private CaseClosure() { }

    public CaseClosure(Guid organisationId, Guid caseId, string reason, string reasonText, string? reasonNote, string? closingNote, string exitAnswers, bool needsApproval, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Reason = reason;
        ReasonText = reasonText;
        ReasonNote = reasonNote;
        ClosingNote = closingNote;
        ExitAnswers = exitAnswers;
        NeedsApproval = needsApproval;
        Status = needsApproval ? ClosureStatus.AwaitingApproval : ClosureStatus.Closed;
        RequestedById = actor.UserId;
        RequestedByName = actor.Name;
        RequestedAt = actor.Now;
        if (!needsApproval)
        {
            DecidedAt = actor.Now;
        }
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }

    /// <summary>The reason's id from Waypoint:Care:ClosureReasons, and its text when the closure was made.</summary>
    public string Reason { get; private set; } = "";
    public string ReasonText { get; private set; } = "";
    public string? ReasonNote { get; private set; }
    public string? ClosingNote { get; private set; }
    public string ExitAnswers { get; private set; } = "";
    public ClosureStatus Status { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public Guid? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DeclineReason { get; private set; }
    public int Version { get; private set; }

    /// <summary>True when the case was high risk at the request, so a Team Leader of its team had to decide.</summary>
    public bool NeedsApproval { get; private set; }

    public void Approve(Actor actor)
    {
        Status = ClosureStatus.Closed;
        DecidedById = actor.UserId;
        DecidedByName = actor.Name;
        DecidedAt = actor.Now;
    }

    public void Decline(string reason, Actor actor)
    {
        Status = ClosureStatus.Declined;
        DecidedById = actor.UserId;
        DecidedByName = actor.Name;
        DecidedAt = actor.Now;
        DeclineReason = reason;
    }

    public static string Encode(IEnumerable<(string QuestionId, int? Score)> answers) =>
        string.Join(';', answers.Select(a => $"{a.QuestionId}={(a.Score is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}"));

    public static IReadOnlyList<(string QuestionId, int? Score)> Decode(string encoded) =>
        encoded.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (p[0], p.Length == 2 && int.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? (int?)s : null))
            .ToList();
}
