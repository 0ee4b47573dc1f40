using Microsoft.AspNetCore.Identity;

namespace Waypoint.Platform.Security;

/// <summary>A person who signs in: belongs to one organisation and one or more of its teams.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    // Ids are made here, not by the database (see AppDbContext): time-ordered, like every other id.
    public AppUser() => Id = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }
    public string DisplayName { get; set; } = "";
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    /// <summary>Set when an administrator creates the account with a temporary password.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Spoken languages and skills, free text for now (used by allocation later).</summary>
    public string? Skills { get; set; }
    public List<UserTeam> Teams { get; set; } = [];
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();
    public AppRole(string name) : base(name) => Id = Guid.CreateVersion7();
}

public sealed class UserTeam
{
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
}

/// <summary>A machine client's bearer token. Only the SHA-256 hash of the secret is stored.</summary>
public sealed class ApiToken
{
    private ApiToken() { }

    public ApiToken(Guid organisationId, string clientName, string hash, string prefix, IEnumerable<string> permissions, DateTime expiresAt, Guid issuedByUserId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        ClientName = clientName.Trim();
        Hash = hash;
        Prefix = prefix;
        Permissions = string.Join(' ', permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        ExpiresAt = expiresAt;
        IssuedByUserId = issuedByUserId;
        IssuedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string ClientName { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The first characters of the token, shown so people can tell tokens apart.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>Space-separated permissions.</summary>
    public string Permissions { get; private set; } = "";
    public DateTime IssuedAt { get; private set; }
    public Guid IssuedByUserId { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public IReadOnlyList<string> PermissionList => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;
}
