using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>
/// Something an officer did for the victim and recorded on the case: a contact, a letter, a referral, a note...
/// It is the evidence behind a met obligation: nothing is met without one. The care work (contacts, messages,
/// referrals) records its own details and adds one of these for the Code.
/// </summary>
public sealed class CaseAction
{
    public const int SummaryMaxLength = 4000;

    private CaseAction() { }

    private CaseAction(Guid organisationId, Guid caseId, ActionKind kind, DateTime occurredAt, string summary, Guid? sourceId, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Kind = kind;
        OccurredAt = occurredAt;
        Summary = summary;
        SourceId = sourceId;
        RecordedById = actor.UserId;
        RecordedByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public static Result<CaseAction> Record(Guid organisationId, Guid caseId, ActionKind kind, DateTime occurredAtUtc, string? summary, Actor actor, Guid? sourceId = null)
    {
        var errors = new Dictionary<string, string[]>();
        var text = summary?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["Summary"] = ["Enter what was done"];
        }
        else if (text.Length > SummaryMaxLength)
        {
            errors["Summary"] = [$"What was done must be {SummaryMaxLength} characters or fewer"];
        }
        if (occurredAtUtc > actor.Now.AddMinutes(5))
        {
            errors["OccurredOn"] = ["The date it happened must be today or in the past"];
        }
        if (errors.Count > 0)
        {
            return Fail.Rejected(errors);
        }
        return Result<CaseAction>.Ok(new CaseAction(organisationId, caseId, kind, occurredAtUtc, text, sourceId, actor));
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public ActionKind Kind { get; private set; }

    /// <summary>When it was done (UTC); the Code counts its Europe/London date.</summary>
    public DateTime OccurredAt { get; private set; }
    public string Summary { get; private set; } = "";

    /// <summary>The record of the care work behind it (a contact, a message, a referral), when it came from one.</summary>
    public Guid? SourceId { get; private set; }
    public Guid? RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
}
