using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

public enum IntelligenceCategory
{
    UnreportedCrime,
    Threat,
    OtherIntelligence,
}

public enum IntelligenceUrgency
{
    Routine,
    Urgent,
    Immediate,
}

/// <summary>
/// Unseen crime or intelligence the victim disclosed (product.md, "Care": "unseen crime and intelligence are recorded
/// for passing on"): what was said, about whom or what, how urgent, whether it must go to the police, and when, to
/// whom and under which reference it was passed on. It stays on the recording officer's My work and on the unit's
/// list until it is passed on.
/// </summary>
public sealed class IntelligenceReport
{
    private IntelligenceReport() { }

    public IntelligenceReport(Guid organisationId, Guid caseId, IntelligenceCategory category, string disclosure, string? about,
        IntelligenceUrgency urgency, bool needsPassing, DateOnly disclosedOn, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        Category = category;
        Disclosure = disclosure;
        About = about;
        Urgency = urgency;
        NeedsPassing = needsPassing;
        DisclosedOn = disclosedOn;
        RecordedById = actor.UserId;
        RecordedByName = actor.Name;
        RecordedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public IntelligenceCategory Category { get; private set; }

    /// <summary>What the victim disclosed, in the officer's words.</summary>
    public string Disclosure { get; private set; } = "";

    /// <summary>Whom or what it is about (a person, a place, a group), when known.</summary>
    public string? About { get; private set; }
    public IntelligenceUrgency Urgency { get; private set; }
    public bool NeedsPassing { get; private set; }
    public DateOnly DisclosedOn { get; private set; }
    public Guid? RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public DateOnly? PassedOn { get; private set; }

    /// <summary>To whom or to which system it was passed (e.g. "Force intelligence bureau", "Niche").</summary>
    public string? PassedTo { get; private set; }
    public string? PassedReference { get; private set; }
    public string? PassedRecordedByName { get; private set; }
    public DateTime? PassedRecordedAt { get; private set; }
    public int Version { get; private set; }

    public bool WaitingToPass => NeedsPassing && PassedOn is null;

    public void PassOn(DateOnly on, string to, string? reference, Actor actor)
    {
        PassedOn = on;
        PassedTo = to;
        PassedReference = reference;
        PassedRecordedByName = actor.Name;
        PassedRecordedAt = actor.Now;
    }

    public static string CategoryName(IntelligenceCategory c) => c switch
    {
        IntelligenceCategory.UnreportedCrime => "Unreported crime",
        IntelligenceCategory.Threat => "Threat",
        IntelligenceCategory.OtherIntelligence => "Other intelligence",
        _ => c.ToString(),
    };

    public static string UrgencyName(IntelligenceUrgency u) => u switch
    {
        IntelligenceUrgency.Routine => "Routine",
        IntelligenceUrgency.Urgent => "Urgent",
        IntelligenceUrgency.Immediate => "Immediate (risk to life or of serious harm)",
        _ => u.ToString(),
    };
}
