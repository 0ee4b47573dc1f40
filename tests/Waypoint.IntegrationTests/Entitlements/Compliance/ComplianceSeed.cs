using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Compliance;

/// <summary>
/// An organisation with two teams and five cases whose R4-REF obligations are driven, through the domain verbs, to each
/// state: met on time, met late, overdue, not applicable, and not yet due. Their R3-ACK and R4-NA stay open.
/// </summary>
internal sealed record ComplianceWorld(
    Organisation Org,
    Team TeamA,
    Team TeamB,
    TestUser OfficerA,
    TestUser OfficerB,
    TestUser Reader,
    Guid Met,
    Guid Late,
    Guid Overdue,
    Guid NotApplicable,
    Guid NotYetDue)
{
    public static DateOnly Today => UkTime.Today(DateTime.UtcNow);

    /// <summary>A period by due date that holds every seeded obligation: 90 days back, 30 days on.</summary>
    public static string Period => $"from={Iso(Today.AddDays(-90))}&to={Iso(Today.AddDays(30))}";

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<ComplianceWorld> SeedAsync(WaypointApp app)
    {
        var org = await app.Data.OrganisationAsync();
        var teamA = await app.Data.TeamAsync(org, "Alpha team " + Guid.NewGuid().ToString("N")[..4]);
        var teamB = await app.Data.TeamAsync(org, "Bravo team " + Guid.NewGuid().ToString("N")[..4]);
        var officerA = await app.Data.UserAsync(org, Roles.VictimCareOfficer, teamA);
        var officerB = await app.Data.UserAsync(org, Roles.VictimCareOfficer, teamB);
        var reader = await app.Data.UserAsync(org, Roles.ComplianceOfficer);

        var met = await app.Data.CaseAsync(org, lastName: "Metontime", team: teamA, officer: officerA, reportedDaysAgo: 40);
        var late = await app.Data.CaseAsync(org, lastName: "Metlate", team: teamA, officer: officerA, reportedDaysAgo: 40);
        var overdue = await app.Data.CaseAsync(org, lastName: "Overdue", team: teamB, officer: officerB, reportedDaysAgo: 40);
        var notApplicable = await app.Data.CaseAsync(org, lastName: "Notapplicable", team: teamB, officer: officerB, reportedDaysAgo: 40);
        var notYetDue = await app.Data.CaseAsync(org, lastName: "Notyetdue", team: teamA, officer: officerA, reportedDaysAgo: 0);

        await MeetAsync(app, met, CodeRules.Referral, onTime: true);
        await MeetAsync(app, late, CodeRules.Referral, onTime: false);
        await NotApplicableAsync(app, notApplicable, CodeRules.Referral);
        return new ComplianceWorld(org, teamA, teamB, officerA, officerB, reader, met, late, overdue, notApplicable, notYetDue);
    }

    /// <summary>Records a referral and meets the rule with it: the day the clock started (on time) or now (late).</summary>
    public static async Task MeetAsync(WaypointApp app, Guid caseId, string rule, bool onTime)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var obligation = await db.Obligations.SingleAsync(o => o.CaseId == caseId && o.Rule == rule);
        var actor = Actor.System(obligation.OrganisationId, DateTime.UtcNow, "test officer");
        var at = onTime ? obligation.TriggeredAt.AddHours(12) : DateTime.UtcNow;
        var action = CaseAction.Record(obligation.OrganisationId, caseId, ActionKind.Referral, at, "Referred to victim support", actor).Value!;
        db.CaseActions.Add(action);
        var result = obligation.Meet(action, actor);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(onTime ? ObligationStatus.Met : ObligationStatus.Late, obligation.Status);
        await db.SaveChangesAsync();
    }

    public static async Task NotApplicableAsync(WaypointApp app, Guid caseId, string rule)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var obligation = await db.Obligations.SingleAsync(o => o.CaseId == caseId && o.Rule == rule);
        var result = obligation.MarkNotApplicable("The victim opted out of referral", Actor.System(obligation.OrganisationId, DateTime.UtcNow, "test officer"));
        Assert.True(result.Succeeded, result.Reason);
        await db.SaveChangesAsync();
    }

    /// <summary>Starts a working-day rule on a case from a trigger <paramref name="daysAgo"/> days back, as the clocks do.</summary>
    public static async Task<Obligation> StartAsync(WaypointApp app, Guid caseId, string rule, int daysAgo)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clocks = scope.ServiceProvider.GetRequiredService<CodeClocks>();
        var victimCase = await db.Cases.SingleAsync(c => c.Id == caseId);
        var started = await clocks.StartAsync(rule, victimCase, TriggerKind.InvestigationEvent, Guid.CreateVersion7(), "Suspect arrested",
            DateTime.UtcNow.AddDays(-daysAgo), DateTime.UtcNow);
        await db.SaveChangesAsync();
        return started.Single();
    }
}
