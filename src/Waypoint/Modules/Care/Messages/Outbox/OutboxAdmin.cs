using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Messages.Outbox;

/// <summary>One row of the unit's outbox as administrators see it: ids, channel, status and codes, no personal data.</summary>
public sealed record OutboxRow(Guid Id, Guid MessageId, Guid CaseId, ContactChannel Channel, OutboxStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? LastAttemptAt, DateTime NextAttemptAt, string? LastErrorCode, string? Sender);

public sealed record OutboxSummary(IReadOnlyDictionary<OutboxStatus, int> Counts, IReadOnlyList<OutboxRow> Waiting);

/// <summary>The unit's outbox for its administrators: what waits, what failed, what was given up, and putting a given-up message back.</summary>
internal sealed class OutboxAdminHandler(AppDbContext db, AuditScope audit, OutboxSignal signal)
{
    public async Task<Result<OutboxSummary>> SummaryAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var counts = (await db.OutboxMessages.AsNoTracking().Where(o => o.OrganisationId == actor.OrganisationId)
                .GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);
        var waiting = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.OrganisationId == actor.OrganisationId && o.Status != OutboxStatus.Sent)
            .OrderByDescending(o => o.Status == OutboxStatus.Dead).ThenBy(o => o.NextAttemptAt)
            .Take(200)
            .Select(o => new OutboxRow(o.Id, o.MessageId, o.CaseId, o.Channel, o.Status, o.Attempts, o.CreatedAt, o.LastAttemptAt, o.NextAttemptAt, o.LastErrorCode, o.Sender))
            .ToListAsync(ct);
        return Result<OutboxSummary>.Ok(new OutboxSummary(counts, waiting));
    }

    /// <summary>Puts a message given up on back in the queue for a fresh run of attempts.</summary>
    public async Task<Result> RequeueAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var row = await db.OutboxMessages.SingleOrDefaultAsync(o => o.Id == id && o.OrganisationId == actor.OrganisationId, ct);
        if (row is null)
        {
            return Result.NotFound();
        }
        if (row.Status != OutboxStatus.Dead)
        {
            return Result.Rejected("Only a message that was given up on can be tried again.");
        }
        row.Requeue(actor.Now);
        audit.Record(AuditOperation.Administration, "OutboxMessage", row.Id.ToString(), field: "Status", oldValue: nameof(OutboxStatus.Dead), newValue: nameof(OutboxStatus.Pending),
            detail: $"Message {row.MessageId} put back in the outbox after {row.LastErrorCode}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        signal.Wake();
        return Result.Ok();
    }
}
