using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

public enum ReferralStatus
{
    Sent,
    Accepted,
    Declined,
    Started,
    Completed,
    Withdrawn,
}

/// <summary>
/// The victim's consent to share their details with a service: what is shared, with whom, when and how they gave it.
/// A referral needs one (or a safeguarding override with a reason). Withdrawing consent is recorded, never deleted.
/// </summary>
public sealed class ConsentRecord
{
    private ConsentRecord() { }

    public ConsentRecord(Guid organisationId, Guid caseId, Guid? serviceId, string sharedWith, string whatIsShared, DateOnly givenOn, string how, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        ServiceId = serviceId;
        SharedWith = sharedWith;
        WhatIsShared = whatIsShared;
        GivenOn = givenOn;
        How = how;
        RecordedById = actor.UserId;
        RecordedByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid? ServiceId { get; private set; }
    public string SharedWith { get; private set; } = "";
    public string WhatIsShared { get; private set; } = "";
    public DateOnly GivenOn { get; private set; }

    /// <summary>How consent was given: verbally by phone, in writing, in person, through a proxy...</summary>
    public string How { get; private set; } = "";
    public Guid? RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnNote { get; private set; }

    public bool InForce => WithdrawnAt is null;

    public void Withdraw(string note, DateTime now)
    {
        WithdrawnAt ??= now;
        WithdrawnNote ??= note;
    }
}

/// <summary>
/// A referral of the victim to a service, with the consent behind it (or the safeguarding reason for going without),
/// its status as the service answers (sent, accepted, declined, started, completed, withdrawn) and its outcome.
/// Making one records a Code action that can meet R4-REF.
/// </summary>
public sealed class ServiceReferral
{
    private ServiceReferral() { }

    public ServiceReferral(Guid organisationId, Guid caseId, Guid serviceId, Guid? consentId, string? safeguardingOverrideReason, DateOnly sentOn, string? note, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        ServiceId = serviceId;
        ConsentId = consentId;
        SafeguardingOverrideReason = safeguardingOverrideReason;
        SentOn = sentOn;
        Note = note;
        Status = ReferralStatus.Sent;
        StatusChangedAt = actor.Now;
        ById = actor.UserId;
        ByName = actor.Name;
        CreatedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid? ConsentId { get; private set; }
    public string? SafeguardingOverrideReason { get; private set; }
    public DateOnly SentOn { get; private set; }
    public string? Note { get; private set; }
    public ReferralStatus Status { get; private set; }
    public DateTime StatusChangedAt { get; private set; }
    public string? Outcome { get; private set; }
    public Guid? ActionId { get; set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public void ChangeStatus(ReferralStatus status, string? outcome, DateTime now)
    {
        Status = status;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? Outcome : outcome.Trim();
        StatusChangedAt = now;
    }
}

/// <summary>Information about a service given to the victim without a referral: recorded apart from referrals.</summary>
public sealed class Signposting
{
    private Signposting() { }

    public Signposting(Guid organisationId, Guid caseId, Guid? serviceId, string serviceName, string? note, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        ServiceId = serviceId;
        ServiceName = serviceName;
        Note = note;
        ById = actor.UserId;
        ByName = actor.Name;
        At = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid? ServiceId { get; private set; }
    public string ServiceName { get; private set; } = "";
    public string? Note { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime At { get; private set; }
}
