using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;

namespace Waypoint.IntegrationTests.Entitlements.Worklists;

/// <summary>A clock a test can stop at any instant; the real time when not set.</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset? At { get; set; }

    public override DateTimeOffset GetUtcNow() => At ?? base.GetUtcNow();
}

/// <summary>
/// Waypoint with the escalation job switched off (tests run passes themselves) and a clock the tests can set,
/// so "today" can be put just before or after a London midnight.
/// </summary>
public sealed class WorklistApp : WaypointApp
{
    public SettableClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:Code:Escalation:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Leaves the case with one open obligation (R3-ACK) due on <paramref name="due"/>; its others are set aside.</summary>
    public async Task<Guid> DueOnAsync(Guid caseId, DateOnly due)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Obligations.Where(o => o.CaseId == caseId && o.Rule != CodeRules.Acknowledgement)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ObligationStatus.NotApplicable));
        await db.Obligations.Where(o => o.CaseId == caseId && o.Rule == CodeRules.Acknowledgement)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DueOn, due));
        return await db.Obligations.Where(o => o.CaseId == caseId && o.Rule == CodeRules.Acknowledgement).Select(o => o.Id).SingleAsync();
    }

    /// <summary>The London date today (by the real clock): seeding is relative to it.</summary>
    public static DateOnly RealToday => UkTime.Today(DateTime.UtcNow);
}
