using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;

namespace Waypoint.IntegrationTests.Platform;

/// <summary>The demo, seeded at start-up as <c>dotnet run</c> does.</summary>
public sealed class DemoSeededApp : WaypointApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:Demo:Enabled"] = "true",
    };
}

/// <summary>The demo's care work (Platform/Demo/DemoCare): each force's demo Victim Care Officer has cases with care records.</summary>
public sealed class DemoCareTests(DemoSeededApp app) : IClassFixture<DemoSeededApp>
{
    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Theory]
    [InlineData("NS", "vco.ns")]
    [InlineData("WM", "vco.wm")]
    public async Task Each_force_demo_officer_has_lived_in_cases(string orgCode, string officer)
    {
        var now = DateTime.UtcNow;
        await QueryAsync(async db =>
        {
            var orgId = await db.Organisations.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync();
            var officerId = await db.Users.Where(u => u.UserName == officer).Select(u => u.Id).SingleAsync();
            var caseIds = await db.ContactAttempts.Where(a => a.OrganisationId == orgId).Select(a => a.CaseId).Distinct().ToListAsync();
            Assert.InRange(caseIds.Count, 5, 8);
            Assert.True(await db.Cases.Where(c => caseIds.Contains(c.Id)).AllAsync(c => c.AllocatedOfficerId == officerId));

            Assert.True(await db.ContactProfiles.AnyAsync(p => p.OrganisationId == orgId && p.Version >= 1));
            Assert.True(await db.ContactAttempts.AnyAsync(a => a.OrganisationId == orgId && a.Outcome == ContactOutcome.Spoke && a.ActionId != null));
            var tryAgain = await db.ContactAttempts.Where(a => a.OrganisationId == orgId && a.ById == officerId && a.TryAgainAt != null && a.TryAgainDoneAt == null)
                .Select(a => a.TryAgainAt!.Value).ToListAsync();
            Assert.Contains(tryAgain, t => t <= now.AddHours(1));
            Assert.True(await db.ThriveAssessments.AnyAsync(t => t.OrganisationId == orgId));
            Assert.True(await db.NeedsAssessments.AnyAsync(n => n.OrganisationId == orgId));

            var highDash = await db.DashAssessments.Where(d => d.OrganisationId == orgId && d.Score >= 14 && d.Level == RiskLevel.High).ToListAsync();
            Assert.NotEmpty(highDash);
            Assert.True(await db.CaseTasks.AnyAsync(t => t.OrganisationId == orgId && t.Kind == CaseTaskKind.MaracReferral && t.Status == CaseTaskStatus.Open));

            Assert.True(await db.ServiceReferrals.AnyAsync(r => r.OrganisationId == orgId && r.Status == ReferralStatus.Accepted && r.ConsentId != null));
            Assert.True(await db.Signpostings.AnyAsync(s => s.OrganisationId == orgId));
            var plan = await db.SupportPlans.Include(p => p.Goals).Include(p => p.Interventions).SingleAsync(p => p.OrganisationId == orgId);
            Assert.Equal(2, plan.Goals.Count);
            Assert.NotEmpty(plan.Interventions);
            Assert.InRange(plan.NextReviewOn, DateOnly.FromDateTime(now).AddDays(-1), DateOnly.FromDateTime(now).AddDays(7));
            Assert.True(await db.OutcomeMeasurements.AnyAsync(m => m.OrganisationId == orgId && m.Stage == MeasurementStage.Start));
            Assert.True(await db.IntelligenceReports.AnyAsync(i => i.OrganisationId == orgId && i.NeedsPassing && i.PassedOn == null));
            Assert.True(await db.OutboxMessages.AnyAsync(o => o.OrganisationId == orgId && o.Status == OutboxStatus.Sent));

            var closed = await db.CaseClosures.SingleAsync(c => c.OrganisationId == orgId && c.Status == ClosureStatus.Closed);
            Assert.Equal(CaseStatus.Closed, await db.Cases.Where(c => c.Id == closed.CaseId).Select(c => c.Status).SingleAsync());
            Assert.True(await db.OutcomeMeasurements.AnyAsync(m => m.CaseId == closed.CaseId && m.Stage == MeasurementStage.Exit));
            var pending = await db.CaseClosures.SingleAsync(c => c.OrganisationId == orgId && c.Status == ClosureStatus.AwaitingApproval);
            Assert.Equal(RiskLevel.High, await db.Cases.Where(c => c.Id == pending.CaseId).Select(c => c.Risk).SingleAsync());

            Assert.True(await db.TimelineEntries.AnyAsync(t => caseIds.Contains(t.CaseId) && t.Kind == TimelineKind.Plan));
            return 0;
        });
    }

    [Fact]
    public async Task The_demo_domestic_abuse_protocol_is_completed_where_a_domestic_abuse_case_is_allocated()
    {
        var completions = await QueryAsync(db => db.ProtocolCompletions.Where(p => p.Protocol == "domestic-abuse").CountAsync());
        Assert.True(completions >= 1);
    }
}
