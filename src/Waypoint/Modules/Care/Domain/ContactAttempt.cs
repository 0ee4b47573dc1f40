using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

public enum ContactDirection
{
    Outbound,
    Inbound,
}

public enum ContactOutcome
{
    Spoke,
    NoAnswer,
    LeftVoicemail,
    WrongNumber,
    UnsafeToTalk,
    DeclinedSupport,
    MessageSent,
}

/// <summary>
/// One attempt or contact with the victim (product.md: "records every attempt"): channel, direction, outcome, notes,
/// and when to try again, which puts the case back on the officer's My work at that time. A contact the safe-contact
/// profile forbids is refused unless the officer gives an override reason, which is kept here and audited.
/// </summary>
public sealed class ContactAttempt
{
    private ContactAttempt() { }

    public ContactAttempt(Guid organisationId, Guid caseId, ContactChannel channel, ContactDirection direction, ContactOutcome outcome,
        DateTime atUtc, string? notes, DateTime? tryAgainAtUtc, string? overrideReason, string? refusalOverridden, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Channel = channel;
        Direction = direction;
        Outcome = outcome;
        At = atUtc;
        Notes = notes;
        TryAgainAt = tryAgainAtUtc;
        OverrideReason = overrideReason;
        RefusalOverridden = refusalOverridden;
        ById = actor.UserId;
        ByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public ContactChannel Channel { get; private set; }
    public ContactDirection Direction { get; private set; }
    public ContactOutcome Outcome { get; private set; }
    public DateTime At { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>When the officer means to try again; it brings the case back to their My work at that time.</summary>
    public DateTime? TryAgainAt { get; private set; }

    /// <summary>Set when a later attempt took the place of this one's "try again".</summary>
    public DateTime? TryAgainDoneAt { get; private set; }

    /// <summary>Why the officer went against the safe-contact profile, and what the profile said; both null when it allowed it.</summary>
    public string? OverrideReason { get; private set; }
    public string? RefusalOverridden { get; private set; }

    /// <summary>The Code action this contact recorded (when the victim was spoken to or sent a message).</summary>
    public Guid? ActionId { get; set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public void TryAgainDone(DateTime now) => TryAgainDoneAt ??= now;
}
