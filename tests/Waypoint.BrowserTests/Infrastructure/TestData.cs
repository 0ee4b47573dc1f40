using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.BrowserTests.Infrastructure;

public sealed record TestUser(Guid Id, string UserName, string Password, Guid OrganisationId);

/// <summary>
/// Seeds organisations, teams, users and cases straight into the app's database through its own services
/// (a few helpers copied from the integration tests, which this project does not reference).
/// </summary>
public sealed class TestData(IServiceProvider services)
{
    public const string Password = "correct horse battery staple";

    public async Task<Organisation> OrganisationAsync(OrganisationType type = OrganisationType.PoliceForce)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var code = "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var org = new Organisation(code, "Browser test organisation " + code, type, DateTime.UtcNow);
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public async Task<Team> TeamAsync(Organisation org)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = new Team(org.Id, "Team " + Guid.NewGuid().ToString("N")[..6], DateTime.UtcNow);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    /// <summary>A user holding one role that needs no two-factor step (case workers).</summary>
    public async Task<TestUser> UserAsync(Organisation org, string role, params Team[] teams)
    {
        if (Roles.RequireTwoFactor.Contains(role))
        {
            throw new ArgumentException("Browser journeys sign in with a password only; pick a role without two-factor.", nameof(role));
        }
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}";
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = "Officer " + userName,
            OrganisationId = org.Id,
            CreatedAt = DateTime.UtcNow,
            Teams = teams.Select(t => new UserTeam { TeamId = t.Id }).ToList(),
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return new TestUser(user.Id, userName, Password, org.Id);
    }

    /// <summary>A case for a made-up person on a new crime of <paramref name="force"/>.</summary>
    public async Task<Guid> CaseAsync(Organisation force, string lastName, string firstName = "Alex")
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var actor = Actor.System(force.Id, now, "browser test seed");
        var crime = new Crime(force.Id, $"{force.Code}/26/{Random.Shared.Next(100000, 999999)}",
            new CrimeDetails("8N", "Assault occasioning actual bodily harm", DateOnly.FromDateTime(now).AddDays(-2), null, "DC Test", null, null, null), now);
        var person = new Person(force.Id, force.Id, "P" + Guid.NewGuid().ToString("N")[..10],
            new PersonDetails(firstName, lastName, null, new DateOnly(1980, 5, 17), null, "07700 900123", "alex@example.org",
                "1 Test Street", null, "Ashbury", "NS1 1AB", "en", false), now);
        var victimCase = new VictimCase(force.Id, person, crime, PersonRole.Victim, CaseSource.PoliceFeed, null, actor);
        db.Cases.Add(victimCase);
        await db.SaveChangesAsync();
        return victimCase.Id;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
