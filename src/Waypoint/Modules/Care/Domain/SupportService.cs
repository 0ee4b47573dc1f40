namespace Waypoint.Modules.Care.Domain;

/// <summary>
/// A commissioned or specialist service in the organisation's directory (counselling, ISVA / IDVA, Restorative
/// Justice, housing...): what it is, where it works, who it is for and how to refer. Managed by Unit Administrators;
/// withdrawn services stay for the referrals that name them.
/// </summary>
public sealed class SupportService
{
    private SupportService() { }

    public SupportService(Guid organisationId, string name, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Name = name.Trim();
        Active = true;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; set; } = "";

    /// <summary>The kind of service, e.g. "Counselling", "IDVA", "ISVA", "Restorative Justice", "Housing".</summary>
    public string ServiceType { get; set; } = "";
    public string? Area { get; set; }
    public string? Eligibility { get; set; }
    public string? HowToRefer { get; set; }
    public string? ReferralEmail { get; set; }
    public string? Phone { get; set; }
    public bool Commissioned { get; set; }
    public bool Active { get; set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }
}
