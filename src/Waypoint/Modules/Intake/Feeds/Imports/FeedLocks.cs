using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>
/// Serialises the imports (and quarantine corrections) of one sending organisation, so that overlapping files
/// cannot both create the same person, crime or case: an in-process semaphore per organisation, plus on
/// PostgreSQL a session advisory lock held on the context's connection for the whole import (several nodes).
/// </summary>
internal sealed class FeedLocks
{
    // An arbitrary constant naming the feed-import advisory locks (the audit chain uses another).
    private const int FeedLockClass = 0x46454544;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _local = new();

    internal async Task<IAsyncDisposable> AcquireAsync(AppDbContext db, Guid organisationId, CancellationToken ct)
    {
        var local = _local.GetOrAdd(organisationId, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            return new Release(local, null, 0);
        }
        var key = BitConverter.ToInt32(organisationId.ToByteArray(), 12);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0}, {1})", [FeedLockClass, key], ct);
            return new Release(local, db, key);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    private sealed class Release(SemaphoreSlim local, AppDbContext? db, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (db is not null)
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0}, {1})", FeedLockClass, key);
                    await db.Database.CloseConnectionAsync();
                }
            }
            finally
            {
                local.Release();
            }
        }
    }

    /// <summary>True when a save failed on a unique index (another import created the same record first).</summary>
    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
