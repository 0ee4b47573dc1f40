namespace Waypoint.Modules.Cases.Domain;

/// <summary>A crime as the police recorded it (or as reported to us, when not reported to police).</summary>
public sealed class Crime
{
    private Crime() { }

    public Crime(Guid? forceOrganisationId, string? crimeReference, CrimeDetails details, DateTime now)
    {
        Id = Guid.CreateVersion7();
        ForceOrganisationId = forceOrganisationId;
        CrimeReference = Person.Clean(crimeReference);
        CreatedAt = now;
        Apply(details);
    }

    public Guid Id { get; private set; }

    /// <summary>The recording force; null when the crime has not been reported to police.</summary>
    public Guid? ForceOrganisationId { get; private set; }
    public string? CrimeReference { get; private set; }
    public string? OffenceCode { get; private set; }
    public string OffenceDescription { get; private set; } = "";
    public DateOnly? DateReported { get; private set; }
    public DateOnly? DateOfOffence { get; private set; }
    public string? OfficerInCaseName { get; private set; }
    public string? OfficerInCaseEmail { get; private set; }
    public string? OfficerInCasePhone { get; private set; }
    public string? InvestigationStatus { get; private set; }

    /// <summary>Offence flags from the feed (<see cref="Flags.Offence"/>), stored as <see cref="Flags.Format"/>.</summary>
    public string OffenceFlags { get; private set; } = "";

    /// <summary>The records system's id for the officer in the case.</summary>
    public string? OfficerInCaseId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public void Update(CrimeDetails details) => Apply(details);

    private void Apply(CrimeDetails d)
    {
        OffenceCode = Person.Clean(d.OffenceCode);
        OffenceDescription = d.OffenceDescription.Trim();
        DateReported = d.DateReported;
        DateOfOffence = d.DateOfOffence ?? d.DateReported;
        OfficerInCaseName = Person.Clean(d.OfficerInCaseName);
        OfficerInCaseEmail = Person.Clean(d.OfficerInCaseEmail);
        OfficerInCasePhone = Person.Clean(d.OfficerInCasePhone);
        InvestigationStatus = Person.Clean(d.InvestigationStatus);
        if (d.OffenceFlags is not null)
        {
            OffenceFlags = Flags.Format(d.OffenceFlags);
        }
        if (d.OfficerInCaseId is not null)
        {
            OfficerInCaseId = Person.Clean(d.OfficerInCaseId);
        }
    }
}

public sealed record CrimeDetails(
    string? OffenceCode,
    string OffenceDescription,
    DateOnly? DateReported,
    DateOnly? DateOfOffence,
    string? OfficerInCaseName,
    string? OfficerInCaseEmail,
    string? OfficerInCasePhone,
    string? InvestigationStatus,
    IReadOnlyCollection<string>? OffenceFlags = null,
    string? OfficerInCaseId = null);
