using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Intake.Cohort;

/// <summary>The cohort's query string for the API: dates as yyyy-MM-dd.</summary>
public sealed class CohortApiQuery
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? TeamId { get; set; }
    public int? Priority { get; set; }
    public string? Offence { get; set; }
    public bool? Enhanced { get; set; }
    public bool? Unallocated { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }

    public CohortQuery ToQuery() => new()
    {
        From = From, To = To, TeamId = TeamId, Priority = Priority, Offence = Offence, Enhanced = Enhanced, Unallocated = Unallocated,
        Page = Page, PageSize = PageSize,
    };
}

/// <summary>A cohort case as the API returns it.</summary>
public sealed record CohortCaseResponse(
    Guid Id,
    string? FirstName,
    string? LastName,
    string? BusinessName,
    PersonRole Role,
    int Priority,
    EntitlementLevel EntitlementLevel,
    bool RepeatVictim,
    string Offence,
    string? CrimeReference,
    DateTime CreatedAt,
    Guid? TeamId,
    string? TeamName,
    Guid? OfficerId,
    string? OfficerName,
    CaseStatus Status)
{
    public static CohortCaseResponse From(CohortRow r) => new(r.Id, r.FirstName, r.LastName, r.BusinessName, r.Role, r.Priority, r.EntitlementLevel,
        r.RepeatVictim, r.Offence, r.CrimeReference, r.CreatedAt, r.TeamId, r.TeamName, r.OfficerId, r.OfficerName, r.Status);
}
