using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Senders;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Messages.Outbox;

/// <summary>What one pass over the outbox did.</summary>
public sealed record OutboxRun(int Sent, int Failed, int Dead, int Skipped);

/// <summary>
/// Sends what is due in the outbox (ADR 0008). For each due row: claim it (status Sending, attempts + 1, a lease,
/// saved with the Version check so that of two dispatchers only one wins), ask the sender whether the message was
/// already accepted under its id when this is not the first attempt, send it with the message id as the
/// reference, then record Sent (with a Disclosure audit entry) or the failure (retry after a backoff, or dead after
/// the last attempt). Each step has its own scope and transaction; a crash between them leaves the row Sending
/// until its lease runs out, when another dispatcher takes it over.
/// </summary>
internal sealed class OutboxDispatcher(IServiceScopeFactory scopes, IMessageSender sender, IOptions<MessagesOptions> options, TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>One pass: everything due at <paramref name="now"/> (the clock's time when null), in batches.</summary>
    public async Task<OutboxRun> DispatchAsync(DateTime? now = null, CancellationToken ct = default)
    {
        var settings = options.Value.Outbox;
        var at = now ?? clock.GetUtcNow().UtcDateTime;
        int sent = 0, failed = 0, dead = 0, skipped = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            List<Guid> due;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var done = seen.ToList();
                due = await db.OutboxMessages.AsNoTracking()
                    .Where(o => ((o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Failed) && o.NextAttemptAt <= at)
                                || (o.Status == OutboxStatus.Sending && o.LeaseUntil <= at))
                    .Where(o => !done.Contains(o.Id))
                    .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id)
                    .Select(o => o.Id)
                    .Take(Math.Max(1, settings.BatchSize))
                    .ToListAsync(ct);
            }
            if (due.Count == 0)
            {
                return new OutboxRun(sent, failed, dead, skipped);
            }
            foreach (var id in due)
            {
                seen.Add(id);
                switch (await AttemptAsync(id, at, ct))
                {
                    case OutboxStatus.Sent: sent++; break;
                    case OutboxStatus.Failed: failed++; break;
                    case OutboxStatus.Dead: dead++; break;
                    default: skipped++; break;
                }
            }
        }
    }

    /// <summary>Claims, sends and records one row; the status it ended in, or null when another dispatcher had it.</summary>
    private async Task<OutboxStatus?> AttemptAsync(Guid id, DateTime now, CancellationToken ct)
    {
        var settings = options.Value.Outbox;
        var claimed = await ClaimAsync(id, now, now.AddSeconds(Math.Max(1, settings.LeaseSeconds)), ct);
        if (claimed is null)
        {
            return null;
        }
        var (row, message) = claimed.Value;
        try
        {
            var outgoing = new OutgoingMessage(message.Id, message.Channel, message.Recipient, message.Subject, message.Body, message.Language, message.CreatedAt);
            // Not the first attempt: an earlier one may have been accepted before its dispatcher could record it.
            var receipt = row.Attempts > 1 ? await sender.FindAsync(message.Id, message.Channel, ct) : null;
            var resent = receipt is not null;
            receipt ??= await sender.SendAsync(outgoing, ct);
            return await RecordAsync(row, message, now, o => o.Delivered(now, sender.Name, receipt.ProviderReference), resent ? "found-sent" : null, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the lease runs out and another pass takes it over
        }
#pragma warning disable CA1031 // Any failure of a sender is recorded on the row and retried; nothing escapes a pass.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var code = e is MessageSendException m ? m.Code : e.GetType().Name;
            var permanent = e is MessageSendException { Permanent: true };
            logger.LogWarning("Outbox message {MessageId} attempt {Attempt} failed with {ErrorCode}", message.Id, row.Attempts, code);
            return await RecordAsync(row, message, now, o => o.AttemptFailed(now, sender.Name, code, permanent, settings.MaxAttempts), null, ct);
        }
    }

    private async Task<(OutboxMessage Row, Message Message)?> ClaimAsync(Guid id, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.OutboxMessages.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (row is null || !row.IsDue(now))
        {
            return null;
        }
        var takenOver = row.Status == OutboxStatus.Sending;
        row.Claim(now, leaseUntil);
        try
        {
            // UPDATE ... WHERE id = @id AND version = @read: the one dispatcher whose read is still current wins.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
        if (takenOver)
        {
            logger.LogWarning("Outbox message {MessageId} taken over after its lease ran out (attempt {Attempt})", row.MessageId, row.Attempts);
        }
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == row.MessageId, ct);
        return (row, message);
    }

    /// <summary>Records the outcome, only if this dispatcher still holds the claim (the version it saved).</summary>
    private async Task<OutboxStatus?> RecordAsync(OutboxMessage claimed, Message message, DateTime now, Action<OutboxMessage> change, string? note, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.OutboxMessages.SingleAsync(o => o.Id == claimed.Id, ct);
        if (row.Version != claimed.Version)
        {
            // Our lease ran out and another dispatcher took the row: it asks the sender before sending, and records.
            logger.LogWarning("Outbox message {MessageId}: lease lost before the outcome was recorded", message.Id);
            return null;
        }
        change(row);
        if (row.Status == OutboxStatus.Sent)
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditScope>();
            audit.Actor = Actor.System(message.OrganisationId, now, "Message outbox");
            audit.Record(AuditOperation.Disclosure, "Message", message.Id.ToString(), message.PersonId,
                detail: $"{message.Channel} sent on case {message.CaseId} through {sender.Name}, reference {row.ProviderReference}" + (note is null ? "" : $" ({note})"),
                recipient: $"The victim, by {ContactProfile.ChannelName(message.Channel).ToLowerInvariant()} through {sender.Name}");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Outbox message {MessageId}: lease lost before the outcome was recorded", message.Id);
            return null;
        }
        if (row.Status == OutboxStatus.Dead)
        {
            logger.LogError("Outbox message {MessageId} given up after {Attempts} attempts ({ErrorCode})", message.Id, row.Attempts, row.LastErrorCode);
        }
        return row.Status;
    }
}

/// <summary>Wakes the dispatcher when a message is queued, so it goes out at once rather than at the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Runs the dispatcher whenever a message is queued and every <see cref="OutboxOptions.PollSeconds"/> (retries, and
/// rows left by a crashed process). Several instances may run at once: the claim keeps each message to one.
/// </summary>
internal sealed class OutboxJob(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<MessagesOptions> options, ILogger<OutboxJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Outbox;
        if (!settings.Enabled)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(poll, stoppingToken);
                try
                {
                    var run = await dispatcher.DispatchAsync(null, stoppingToken);
                    if (run.Sent + run.Failed + run.Dead > 0)
                    {
                        logger.LogInformation("Outbox pass: {Sent} sent, {Failed} to retry, {Dead} given up", run.Sent, run.Failed, run.Dead);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The database may be briefly unreachable: try again at the next poll.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    logger.LogError("Outbox pass failed with {ExceptionType}", e.GetType().FullName);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
