using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Database;

namespace Waypoint.Platform.Auditing;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string? Problem)
{
    public string Describe() => Intact
        ? $"Audit log intact: {EntriesChecked} entries verified."
        : $"Audit log BROKEN at entry {FirstBadSequence}: {Problem} ({EntriesChecked} entries checked before it).";
}

/// <summary>Walks the chain from the first entry and reports the first entry that was altered or removed.</summary>
public sealed class AuditVerifier(AppDbContext db)
{
    private const int Batch = 5000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        long expected = 1;
        var previous = AuditChain.Genesis;
        long checkedCount = 0;
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(ct);
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                {
                    return new(false, checkedCount, expected, $"entries {expected} to {e.Sequence - 1} are missing");
                }
                if (e.PreviousHash != previous)
                {
                    return new(false, checkedCount, e.Sequence, "it does not link to the entry before it (that entry was altered or replaced)");
                }
                if (AuditChain.ComputeHash(e) != e.Hash)
                {
                    return new(false, checkedCount, e.Sequence, "its content no longer matches its hash (it was altered)");
                }
                previous = e.Hash;
                expected++;
                checkedCount++;
            }
            if (batch.Count < Batch)
            {
                break;
            }
        }
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is not null && (head.Sequence != expected - 1 || head.Hash != previous))
        {
            return head.Sequence > expected - 1
                ? new(false, checkedCount, expected, $"the newest entries ({expected} to {head.Sequence}) were removed")
                : new(false, checkedCount, head.Sequence, "the chain head does not match the last entry");
        }
        return new(true, checkedCount, null, null);
    }
}
