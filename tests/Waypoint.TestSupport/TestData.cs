using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.TestSupport;

public sealed record TestUser(Guid Id, string UserName, string Password, Guid OrganisationId, string? AuthenticatorKey);

/// <summary>Seeds organisations, teams, users, cases and tokens straight into the test database.</summary>
public sealed class TestData(IServiceProvider services)
{
    public const string Password = "correct horse battery staple";

    public async Task<Organisation> OrganisationAsync(string? code = null, OrganisationType type = OrganisationType.PoliceForce, bool teamScoped = false)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = new Organisation(code ?? "T" + Guid.NewGuid().ToString("N")[..6], "Test organisation " + (code ?? ""), type, DateTime.UtcNow);
        org.SetTeamScoped(teamScoped);
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public async Task<Team> TeamAsync(Organisation org, string? name = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = new Team(org.Id, name ?? "Team " + Guid.NewGuid().ToString("N")[..6], DateTime.UtcNow);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public async Task GrantAsync(Organisation grantee, Organisation force, TestUser grantedBy)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ForceAccessGrants.Add(new ForceAccessGrant(grantee.Id, force.Id, grantedBy.Id, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>A user with the given roles. Administrators and auditors get two-factor authentication, as they must.</summary>
    public async Task<TestUser> UserAsync(Organisation org, string role, params Team[] teams) => await UserAsync(org, [role], teams);

    public async Task<TestUser> UserAsync(Organisation org, string[] roles, params Team[] teams)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = $"{roles[0].ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}";
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = "Officer " + userName,
            OrganisationId = org.Id,
            CreatedAt = DateTime.UtcNow,
            Teams = teams.Select(t => new UserTeam { TeamId = t.Id }).ToList(),
        };
        Check(await users.CreateAsync(user, Password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        string? key = null;
        if (roles.Any(r => Roles.RequireTwoFactor.Contains(r)))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return new TestUser(user.Id, userName, Password, org.Id, key);
    }

    /// <summary>A case for a made-up person on a new crime of <paramref name="force"/>, owned by <paramref name="owner"/> (default: the force).</summary>
    public async Task<Guid> CaseAsync(
        Organisation force,
        string? lastName = null,
        Team? team = null,
        TestUser? officer = null,
        bool restricted = false,
        IEnumerable<TestUser>? namedUsers = null,
        Organisation? owner = null,
        string? crimeReference = null,
        string? personReference = null,
        string firstName = "Alex",
        int reportedDaysAgo = 2,
        bool enhanced = false,
        bool startClocks = true)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var actor = Actor.System((owner ?? force).Id, now, "test seed");
        var crime = new Crime(force.Id, crimeReference ?? $"{force.Code}/26/{Random.Shared.Next(100000, 999999)}{Guid.NewGuid().ToString("N")[..4]}",
            new CrimeDetails("8N", "Assault occasioning actual bodily harm", DateOnly.FromDateTime(now).AddDays(-reportedDaysAgo), null, "DC Test", null, null, null), now);
        var person = new Person(force.Id, force.Id, personReference ?? "P" + Guid.NewGuid().ToString("N")[..10],
            new PersonDetails(firstName, lastName ?? "Testperson", null, new DateOnly(1980, 5, 17), null, "07700 900123", "alex@example.org",
                "1 Test Street", null, "Ashbury", "NS1 1AB", "en", false), now);
        var victimCase = new VictimCase((owner ?? force).Id, person, crime, PersonRole.Victim, CaseSource.PoliceFeed, null, actor);
        if (team is not null)
        {
            string? officerName = officer is null ? null : officer.UserName;
            victimCase.Allocate(team.Id, team.Name, officer?.Id, officerName, actor);
        }
        if (restricted)
        {
            victimCase.Restrict("High-profile case", (namedUsers ?? []).Select(u => u.Id), actor);
        }
        if (enhanced)
        {
            victimCase.Override(EntitlementLevel.Enhanced, null, "test seed: enhanced rights", actor);
        }
        db.Cases.Add(victimCase);
        if (startClocks)
        {
            // The Victims' Code clocks a new case starts (R3-ACK, R4-REF, R4-NA), as every real path does.
            await scope.ServiceProvider.GetRequiredService<Waypoint.Modules.Entitlements.Clocks.CodeClocks>().StartForNewCaseAsync(victimCase, actor);
        }
        await db.SaveChangesAsync();
        return victimCase.Id;
    }

    /// <summary>Records a risk assessment on a case (as the risk assessment does), e.g. to make it high risk.</summary>
    public async Task AssessRiskAsync(Guid caseId, RiskLevel level, string basis = "test seed")
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var victimCase = await db.Cases.SingleAsync(c => c.Id == caseId);
        victimCase.AssessRisk(level, basis, Actor.System(victimCase.OrganisationId, DateTime.UtcNow, "test seed"));
        await db.SaveChangesAsync();
    }

    /// <summary>Issues an API token for <paramref name="org"/> and returns the secret.</summary>
    public async Task<string> TokenAsync(Organisation org, TestUser issuer, params string[] permissions)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var secret = ApiTokens.NewSecret();
        db.ApiTokens.Add(new ApiToken(org.Id, "Test client", ApiTokens.HashOf(secret), ApiTokens.DisplayPrefix(secret),
            permissions.Length == 0 ? Permissions.All : permissions, DateTime.UtcNow.AddDays(1), issuer.Id, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>Runs <paramref name="query"/> against the database in its own scope.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<int> AuditCountAsync(Platform.Auditing.AuditOperation op, string recordType, Guid recordId) =>
        QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == op && e.RecordType == recordType && e.RecordId == recordId.ToString()));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
