using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Quarantine;
using Waypoint.Modules.Intake.Feeds.Validation;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>
/// Imports one feed file or API body: spools it (hashing as it streams), checks its shape (a file-level problem
/// rejects it whole, nothing imported), then imports it in batches, one save per batch, under the sending
/// organisation's lock. After a victims import, events waiting for a crime that now exists are processed.
/// </summary>
internal sealed class FeedImporter(AppDbContext db, FeedLocks locks, IEnumerable<IFeedRowImporter> importers, WaitingEvents waiting, Platform.Auditing.AuditScope audit)
{
    public const int BatchSize = 2000;

    /// <summary>Imports <paramref name="content"/> as <paramref name="feed"/>; Rejected (nothing imported) when the file as a whole is unusable.</summary>
    public async Task<Result<ImportResult>> ImportAsync(FeedKind feed, FeedFormat format, Stream content, ImportSource source, string? fileName, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanWrite(actor))
        {
            return Fail.Forbidden;
        }
        var schema = FeedSchema.For(feed);
        var importer = importers.Single(i => i.Feed == feed);
        await using var file = await FeedFile.SpoolAsync(content, ct);
        var warnings = new List<string>();
        string? rejection = null;
        try
        {
            if (!file.IsUtf8Text)
            {
                throw new FeedFileException("The file is not UTF-8 text.");
            }
            await foreach (var _ in FeedReader.ReadAsync(file.Rewind(), format, schema, warnings, ct))
            {
            }
        }
        catch (FeedFileException e)
        {
            rejection = e.Message;
        }

        await using var held = await locks.AcquireAsync(db, actor.OrganisationId, ct);
        var record = new ImportRecord(actor.OrganisationId, feed, source, fileName, actor.Name, actor.UserId, actor.ApiClientId, actor.Now);
        db.Imports.Add(record);
        if (rejection is not null)
        {
            record.Reject(file.Hash, Capitalise(rejection), warnings, actor.Now);
            // Who sent which file, and what became of it, is on the log beside the records it created.
            audit.Record(Platform.Auditing.AuditOperation.Administration, "Import", record.Id.ToString(),
                detail: $"{feed} feed from {source} rejected (sha256 {file.Hash}): {Capitalise(rejection)}");
            await db.SaveChangesAsync(ct);
            return Fail.Rejected(Capitalise(rejection));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var context = new ImportContext(actor, record.Id, await ForceDirectory.LoadAsync(db, actor.OrganisationId, actor.GrantedForceIds, ct));
        var counts = new int[5];
        var quarantine = new List<QuarantinedRowResult>();
        var batch = new List<FeedRow>(BatchSize);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await foreach (var row in FeedReader.ReadAsync(file.Rewind(), format, schema, [], ct))
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await RunBatchAsync(importer, record, batch, context, counts, quarantine, ct);
                    batch.Clear();
                }
            }
            await RunBatchAsync(importer, record, batch, context, counts, quarantine, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        var rowsRead = counts.Sum();
        var saved = await db.Imports.SingleAsync(i => i.Id == record.Id, ct);
        var quarantined = counts[(int)RowOutcomeKind.Quarantined] + counts[(int)RowOutcomeKind.WaitingForCrime];
        saved.Complete(file.Hash, rowsRead, counts[(int)RowOutcomeKind.Created], counts[(int)RowOutcomeKind.Updated],
            counts[(int)RowOutcomeKind.Unchanged], quarantined, warnings, actor.Now);
        audit.Record(Platform.Auditing.AuditOperation.Administration, "Import", record.Id.ToString(),
            detail: $"{feed} feed from {source} (sha256 {file.Hash}): {rowsRead} rows read, {saved.Created} created, {saved.Updated} updated, {saved.Unchanged} unchanged, {quarantined} quarantined");
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        if (feed == FeedKind.Victims)
        {
            await waiting.ProcessAsync(ct);
        }
        return Result<ImportResult>.Ok(new ImportResult(record.Id, rowsRead, saved.Created, saved.Updated, saved.Unchanged, quarantined, warnings, quarantine));
    }

    /// <summary>
    /// One batch, one save: its new records (and quarantined rows) by the bulk insert, changes to known records by the
    /// change tracker, in one transaction with their audit entries. Should another import (of another organisation)
    /// have created one of the same records first, the unique index refuses the save: forget the batch and run it
    /// again, which now finds the records.
    /// </summary>
    private async Task RunBatchAsync(IFeedRowImporter importer, ImportRecord record, List<FeedRow> rows, ImportContext context, int[] counts, List<QuarantinedRowResult> quarantine, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            var batch = new ImportBatch();
            var outcomes = await importer.ImportAsync(rows, context, batch, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                if (outcomes[i].Failed)
                {
                    batch.Add(NewQuarantinedRow(record, rows[i], outcomes[i], context.Actor.Now));
                }
            }
            // Detection stays off, for building and saving alike: AppDbContext.SaveChanges runs one DetectChanges
            // itself (for the audit), so EF need not run a second.
            try
            {
                await db.SaveChangesAsync(batch.New, ct);
            }
            catch (DbUpdateException e) when (FeedLocks.IsUniqueViolation(e) && attempt < 3)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            db.ChangeTracker.Clear();
            for (var i = 0; i < rows.Count; i++)
            {
                counts[(int)outcomes[i].Kind]++;
                if (outcomes[i].Failed)
                {
                    quarantine.Add(new QuarantinedRowResult(rows[i].Number, outcomes[i].Reasons));
                }
            }
            return;
        }
    }

    internal static QuarantinedRow NewQuarantinedRow(ImportRecord record, FeedRow row, RowOutcome outcome, DateTime now) =>
        new(record, row.Number, Cap(row.ToRawJson(), 16000), FitReasons(outcome.Reasons),
            outcome.Kind == RowOutcomeKind.WaitingForCrime ? QuarantineStatus.WaitingForCrime : QuarantineStatus.Open,
            outcome.ForceCode, outcome.CrimeReference, now);

    /// <summary>Every reason, each at most 1,000 characters, as many as the 8,000-character column holds.</summary>
    internal static IEnumerable<string> FitReasons(IEnumerable<string> reasons)
    {
        var total = 0;
        foreach (var reason in reasons.Select(r => Cap(r, 1000)))
        {
            total += reason.Length + 1;
            if (total > 8000)
            {
                yield break;
            }
            yield return reason;
        }
    }

    internal static string Cap(string value, int max) => value.Length <= max ? value : value[..max];

    private static string Capitalise(string reason) => reason.Length == 0 ? reason : char.ToUpperInvariant(reason[0]) + reason[1..];
}
