using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Intake.Domain;

/// <summary>
/// What a referral from outside the police feed told us, kept beside the case it created: a victim's own
/// self-referral from the public form, or an agency's or a phone referral taken by an officer.
/// </summary>
public sealed class Referral
{
    private Referral() { }

    public Referral(Guid organisationId, Guid caseId, CaseSource source, ReferralDetails d, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Source = source;
        ReceivedAt = now;
        ReferringAgency = Clean(d.ReferringAgency);
        ReferrerName = Clean(d.ReferrerName);
        ReferrerContact = Clean(d.ReferrerContact);
        ReportedToPolice = d.ReportedToPolice;
        WhatHappened = Clean(d.WhatHappened);
        SafeContactMethod = Clean(d.SafeContactMethod);
        SafeContactTimes = Clean(d.SafeContactTimes);
        ConsentToContact = d.ConsentToContact;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public CaseSource Source { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string? ReferringAgency { get; private set; }

    /// <summary>The person at the agency who referred, and how to reach them.</summary>
    public string? ReferrerName { get; private set; }
    public string? ReferrerContact { get; private set; }

    /// <summary>Yes, no, or not said.</summary>
    public bool? ReportedToPolice { get; private set; }
    public string? WhatHappened { get; private set; }

    /// <summary>How and when it is safe to contact the victim, in their own words.</summary>
    public string? SafeContactMethod { get; private set; }
    public string? SafeContactTimes { get; private set; }
    public bool ConsentToContact { get; private set; }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ReferralDetails(
    string? ReferringAgency,
    string? ReferrerName,
    string? ReferrerContact,
    bool? ReportedToPolice,
    string? WhatHappened,
    string? SafeContactMethod,
    string? SafeContactTimes,
    bool ConsentToContact);
