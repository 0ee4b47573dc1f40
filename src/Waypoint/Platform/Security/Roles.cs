namespace Waypoint.Platform.Security;

/// <summary>The six roles. Names are stored in Identity's role table; display names are what people read.</summary>
public static class Roles
{
    public const string VictimCareOfficer = "VictimCareOfficer";
    public const string WitnessCareOfficer = "WitnessCareOfficer";
    public const string TeamLeader = "TeamLeader";
    public const string ComplianceOfficer = "ComplianceOfficer";
    public const string UnitAdministrator = "UnitAdministrator";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All =
        [VictimCareOfficer, WitnessCareOfficer, TeamLeader, ComplianceOfficer, UnitAdministrator, Auditor];

    /// <summary>Roles whose holders must use two-factor authentication.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [UnitAdministrator, Auditor];

    /// <summary>Roles that read cases.</summary>
    public static readonly IReadOnlyList<string> CaseReaders = [VictimCareOfficer, WitnessCareOfficer, TeamLeader, ComplianceOfficer];

    /// <summary>Roles that record and change cases.</summary>
    public static readonly IReadOnlyList<string> CaseWriters = [VictimCareOfficer, WitnessCareOfficer, TeamLeader];

    /// <summary>Roles that read the Victims' Code compliance figures of the whole organisation.</summary>
    public static readonly IReadOnlyList<string> ComplianceReaders = [ComplianceOfficer, TeamLeader, UnitAdministrator];

    /// <summary>Roles whose view of cases is narrowed to their teams when their organisation is team-scoped.</summary>
    public static readonly IReadOnlyList<string> TeamScopedRoles = [VictimCareOfficer, WitnessCareOfficer, TeamLeader];

    public static string DisplayName(string role) => role switch
    {
        VictimCareOfficer => "Victim Care Officer",
        WitnessCareOfficer => "Witness Care Officer",
        TeamLeader => "Team Leader",
        ComplianceOfficer => "Compliance Officer",
        UnitAdministrator => "Unit Administrator",
        Auditor => "Auditor",
        _ => role,
    };
}

/// <summary>Permissions an API token can carry.</summary>
public static class Permissions
{
    public const string CasesRead = "cases:read";
    public const string CasesWrite = "cases:write";
    public const string FeedsWrite = "feeds:write";
    public const string ComplianceRead = "compliance:read";

    public static readonly IReadOnlyList<string> All = [CasesRead, CasesWrite, FeedsWrite, ComplianceRead];

    public static string Describe(string permission) => permission switch
    {
        CasesRead => "Read cases",
        CasesWrite => "Record and change cases",
        FeedsWrite => "Send police feeds",
        ComplianceRead => "Read Victims' Code compliance figures",
        _ => permission,
    };
}

public static class Policies
{
    public const string CaseReader = "CaseReader";
    public const string CaseWriter = "CaseWriter";
    public const string TeamLeader = "TeamLeader";
    public const string UnitAdministrator = "UnitAdministrator";
    public const string Auditor = "Auditor";
    public const string ComplianceReader = "ComplianceReader";
}

public static class WaypointClaims
{
    public const string OrganisationId = "wp:org";
    public const string Permission = "wp:perm";
    public const string ApiClientId = "wp:client";
    public const string TwoFactorSetupRequired = "wp:2fa-setup";
}
