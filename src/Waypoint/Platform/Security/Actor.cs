namespace Waypoint.Platform.Security;

/// <summary>
/// Who is acting, and when: a signed-in user or an API client. Built once per request from the database
/// (so role, team and disablement changes apply at once) and handed to handlers and domain verbs.
/// </summary>
public sealed class Actor
{
    public required Guid? UserId { get; init; }
    public Guid? ApiClientId { get; init; }
    public required string Name { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string OrganisationName { get; init; }
    public required string OrganisationCode { get; init; }
    public bool OrganisationTeamScoped { get; init; }
    public IReadOnlySet<Guid> TeamIds { get; init; } = new HashSet<Guid>();
    public IReadOnlyList<Guid> GrantedForceIds { get; init; } = [];
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>();
    public required DateTime Now { get; init; }

    /// <summary>"page", "api" or "system": how the action arrived, for the audit log.</summary>
    public string Channel { get; init; } = "page";

    public bool IsMachine => ApiClientId is not null;

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool CanReadCases => Roles.Overlaps(Security.Roles.CaseReaders) || Permissions.Contains(Security.Permissions.CasesRead);

    public bool CanWriteCases => Roles.Overlaps(Security.Roles.CaseWriters) || Permissions.Contains(Security.Permissions.CasesWrite);

    /// <summary>True when this actor's case list is narrowed to their teams.</summary>
    public bool LimitedToTeams =>
        OrganisationTeamScoped && !IsMachine && !Roles.Contains(Security.Roles.ComplianceOfficer) && Roles.Overlaps(Security.Roles.TeamScopedRoles);

    /// <summary>For seeding, jobs and the command line: acts for an organisation with no user behind it.</summary>
    public static Actor System(Guid organisationId, DateTime now, string name = "Waypoint") => new()
    {
        UserId = null,
        Name = name,
        OrganisationId = organisationId,
        OrganisationName = name,
        OrganisationCode = "",
        Now = now,
        Channel = "system",
    };
}
