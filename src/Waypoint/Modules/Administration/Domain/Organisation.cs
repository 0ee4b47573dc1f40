using Waypoint.Platform.Http;

namespace Waypoint.Modules.Administration.Domain;

public enum OrganisationType
{
    PoliceForce,
    PccVictimHub,
    RegionalOrganisedCrimeUnit,
    WitnessCareUnit,
}

/// <summary>A police force, PCC victim hub, regional organised crime unit or witness care unit. Data, never a hard-coded list.</summary>
public sealed class Organisation
{
    private Organisation() { }

    public Organisation(string code, string name, OrganisationType type, DateTime now)
    {
        Id = Guid.CreateVersion7();
        Code = NormaliseCode(code);
        Name = name.Trim();
        Type = type;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The code police feeds use (force_code); unique, upper case.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrganisationType Type { get; private set; }

    /// <summary>When set, officers see only the cases of their own teams (plus unallocated and their own cases).</summary>
    public bool TeamScoped { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    public void SetTeamScoped(bool teamScoped) => TeamScoped = teamScoped;

    public static string TypeName(OrganisationType type) => type switch
    {
        OrganisationType.PoliceForce => "Police force",
        OrganisationType.PccVictimHub => "PCC victim hub",
        OrganisationType.RegionalOrganisedCrimeUnit => "Regional organised crime unit",
        OrganisationType.WitnessCareUnit => "Witness care unit",
        _ => type.ToString(),
    };
}

/// <summary>A team inside an organisation; users belong to one or more.</summary>
public sealed class Team
{
    private Team() { }

    public Team(Guid organisationId, string name, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Name = name.Trim();
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public bool Archived { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public Result Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result.Rejected(nameof(Name), "Enter the team's name");
        }
        Name = name.Trim();
        return Result.Ok();
    }

    public void SetArchived(bool archived) => Archived = archived;
}

/// <summary>Grants an organisation (typically a regional unit or a hub) sight of a named force's records.</summary>
public sealed class ForceAccessGrant
{
    private ForceAccessGrant() { }

    public ForceAccessGrant(Guid granteeOrganisationId, Guid forceOrganisationId, Guid grantedByUserId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        GranteeOrganisationId = granteeOrganisationId;
        ForceOrganisationId = forceOrganisationId;
        GrantedByUserId = grantedByUserId;
        GrantedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid GranteeOrganisationId { get; private set; }
    public Guid ForceOrganisationId { get; private set; }
    public Guid GrantedByUserId { get; private set; }
    public DateTime GrantedAt { get; private set; }
}
