using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Worklists;

/// <summary>What one escalation pass did.</summary>
public sealed record EscalationRun(int Raised, int Closed);

/// <summary>
/// Raises one escalation for each open obligation past its due date that was never escalated, to the Team Leaders
/// of its team (or of its organisation when it has no team), and closes the open escalations whose obligation is
/// no longer open. Idempotent: an escalated obligation carries <see cref="Obligation.EscalatedAt"/> and the
/// escalation table has one row per obligation at most (unique index), so a second pass, the next day's pass, or
/// another instance running at the same moment raises nothing new. Works in batches, each in its own scope and
/// transaction, so a large backlog never sits in one change tracker.
/// </summary>
internal sealed class EscalateOverdueHandler(IServiceScopeFactory scopes, ILogger<EscalateOverdueHandler> logger)
{
    public const int BatchSize = 200;

    /// <summary>One pass for one organisation, or for every organisation when <paramref name="organisationId"/> is null.</summary>
    public async Task<EscalationRun> HandleAsync(Guid? organisationId, DateTime now, CancellationToken ct)
    {
        List<Guid> organisations;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            organisations = organisationId is { } one
                ? [one]
                : await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        }
        var raised = 0;
        var closed = 0;
        foreach (var org in organisations)
        {
            raised += await RaiseAsync(org, now, ct);
            closed += await CloseAsync(org, now, ct);
        }
        return new EscalationRun(raised, closed);
    }

    private async Task<int> RaiseAsync(Guid org, DateTime now, CancellationToken ct)
    {
        var today = UkTime.Today(now);
        var raised = 0;
        // Obligations that failed on their own for a reason other than a concurrent pass: left for the next pass, not retried in a loop.
        var skipped = new HashSet<Guid>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            List<Guid> batch;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var skip = skipped.ToList();
                batch = await Candidates(db, org, today)
                    .Where(o => !skip.Contains(o.Id))
                    .OrderBy(o => o.DueOn).ThenBy(o => o.Id)
                    .Select(o => o.Id)
                    .Take(BatchSize)
                    .ToListAsync(ct);
            }
            if (batch.Count == 0)
            {
                return raised;
            }
            try
            {
                raised += await EscalateAsync(batch, org, today, now, ct);
            }
            catch (DbUpdateException)
            {
                // Another pass escalated some of these first (the version check or the unique index refused ours):
                // go through them one at a time, so each ends escalated exactly once.
                foreach (var id in batch)
                {
                    try
                    {
                        raised += await EscalateAsync([id], org, today, now, ct);
                    }
                    catch (DbUpdateException e)
                    {
                        logger.LogWarning("Escalation of obligation {ObligationId} failed with {ExceptionType}; left for the next pass", id, e.GetType().Name);
                        skipped.Add(id);
                    }
                }
            }
        }
    }

    private static IQueryable<Obligation> Candidates(AppDbContext db, Guid org, DateOnly today) =>
        db.Obligations.Where(o => o.OrganisationId == org && o.Status == ObligationStatus.Open && o.DueOn < today && o.EscalatedAt == null);

    /// <summary>Escalates those of <paramref name="ids"/> still waiting, in one transaction; returns how many escalations it added.</summary>
    private async Task<int> EscalateAsync(IReadOnlyCollection<Guid> ids, Guid org, DateOnly today, DateTime now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditScope>();
        audit.Actor = Actor.System(org, now, "Escalation of overdue obligations");
        var obligations = await Candidates(db, org, today).Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        var idsLoaded = obligations.Select(o => o.Id).ToList();
        // An escalation without the obligation marked (left by an interrupted or older pass) is kept, not duplicated.
        var existing = (await db.Escalations.Where(e => idsLoaded.Contains(e.ObligationId)).Select(e => e.ObligationId).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var obligation in obligations)
        {
            if (!obligation.Escalate(now))
            {
                continue;
            }
            if (!existing.Contains(obligation.Id))
            {
                db.Escalations.Add(new Escalation(obligation, now));
                added++;
            }
            audit.Record(AuditOperation.Alteration, "Obligation", obligation.Id.ToString(), null,
                detail: $"{obligation.Rule} overdue since {obligation.DueOn:yyyy-MM-dd}: escalated to the Team Leaders of " +
                        (obligation.OwnerTeamId is { } team ? $"team {team}" : "the organisation (no team)"));
        }
        if (obligations.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return added;
    }

    private async Task<int> CloseAsync(Guid org, DateTime now, CancellationToken ct)
    {
        var closed = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var done = await db.Escalations
                .Where(e => e.OrganisationId == org && e.ClosedAt == null
                            && db.Obligations.Any(o => o.Id == e.ObligationId && o.Status != ObligationStatus.Open))
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (done.Count == 0)
            {
                return closed;
            }
            foreach (var escalation in done)
            {
                escalation.Close(now);
            }
            // Closing twice at once is harmless: both passes write a closing time; nothing else changes.
            await db.SaveChangesAsync(ct);
            closed += done.Count;
        }
    }
}

/// <summary>How often overdue obligations are escalated (<c>Waypoint:Code:Escalation</c>).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Waypoint:Code:Escalation";

    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between passes; the first pass runs one interval after start. 0 or less runs none.</summary>
    public int IntervalMinutes { get; set; } = 15;
}

/// <summary>
/// Runs the escalation pass every few minutes. The first pass waits one interval after start, so a short-lived host
/// (a test, a command) never runs one; several instances may run it at once (see <see cref="EscalateOverdueHandler"/>).
/// </summary>
internal sealed class EscalationJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EscalationOptions> options, ILogger<EscalationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.IntervalMinutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var run = await scope.ServiceProvider.GetRequiredService<EscalateOverdueHandler>()
                        .HandleAsync(null, clock.GetUtcNow().UtcDateTime, stoppingToken);
                    if (run.Raised > 0 || run.Closed > 0)
                    {
                        logger.LogInformation("Escalation pass: {Raised} raised, {Closed} closed", run.Raised, run.Closed);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The database may be briefly unreachable: try again at the next tick.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogError("Escalation pass failed with {ExceptionType}", e.GetType().FullName);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
