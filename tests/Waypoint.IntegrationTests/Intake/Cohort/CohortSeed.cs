using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Intake.Cohort;

/// <summary>Seeds cohort cases recorded at a chosen time, already triaged, and officers' skills.</summary>
internal sealed class CohortSeed(WaypointApp app)
{
    public async Task<Guid> CaseAsync(
        Organisation org,
        DateTime createdAt,
        string lastName,
        int priority = 3,
        bool enhanced = false,
        bool repeatVictim = false,
        string[]? offenceFlags = null,
        string? language = "en",
        Team? team = null,
        TestUser? officer = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = Actor.System(org.Id, createdAt, "cohort seed");
        var crime = new Crime(org.Id, $"{org.Code}/26/{Guid.NewGuid().ToString("N")[..8]}",
            new CrimeDetails("8N", "Assault occasioning actual bodily harm", DateOnly.FromDateTime(createdAt), null, "DC Test", null, null, null, offenceFlags ?? []),
            createdAt);
        var person = new Person(org.Id, org.Id, "P" + Guid.NewGuid().ToString("N")[..10],
            new PersonDetails("Alex", lastName, null, new DateOnly(1980, 5, 17), null, "07700 900123", null, "1 Test Street", null, "Ashbury", "NS1 1AB", language, false),
            createdAt);
        var victimCase = new VictimCase(org.Id, person, crime, PersonRole.Victim, CaseSource.PoliceFeed, null, actor);
        victimCase.ApplyTriage(enhanced ? EntitlementLevel.Enhanced : EntitlementLevel.Standard, enhanced ? ["vulnerable"] : [], priority, ["seeded"], repeatVictim, actor);
        if (team is not null)
        {
            victimCase.Allocate(team.Id, team.Name, officer?.Id, officer?.UserName, actor);
        }
        db.Cases.Add(victimCase);
        await db.SaveChangesAsync();
        return victimCase.Id;
    }

    public async Task SkillsAsync(TestUser user, string skills)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var appUser = await db.Users.FindAsync(user.Id) ?? throw new InvalidOperationException("No such user");
        appUser.Skills = skills;
        await db.SaveChangesAsync();
    }

    public async Task DisableAsync(TestUser user)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var appUser = await db.Users.FindAsync(user.Id) ?? throw new InvalidOperationException("No such user");
        appUser.Disabled = true;
        await db.SaveChangesAsync();
    }
}
