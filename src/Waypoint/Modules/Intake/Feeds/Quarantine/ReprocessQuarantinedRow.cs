using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Validation;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Quarantine;

/// <summary>What a quarantined row became after a correction: re-processed (with what it became) or still failing (with the new reasons).</summary>
public sealed record ReprocessedRow(Guid Id, QuarantineStatus Status, string? Resolution, IReadOnlyList<string> Reasons, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// Runs a quarantined row, with an officer's corrections laid over the fields as received, through the same
/// validation and import as the feed. Only rows of the actor's organisation (others are not found).
/// </summary>
internal sealed class ReprocessQuarantinedRowHandler(AppDbContext db, AuditScope audit, FeedLocks locks, IEnumerable<IFeedRowImporter> importers, WaitingEvents waiting)
{
    /// <summary>
    /// Re-processes quarantined row <paramref name="quarantinedRowId"/> with <paramref name="correctedFields"/> (feed
    /// field name to new text; null or empty clears the field). On success the row is marked re-processed with what it
    /// became; otherwise it stays open with the new reasons. Both are audited. NotFound for another organisation's row,
    /// Rejected when the row was already re-processed or discarded.
    /// </summary>
    public async Task<Result<ReprocessedRow>> ReprocessAsync(Guid quarantinedRowId, IDictionary<string, string?> correctedFields, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanWrite(actor))
        {
            return Fail.Forbidden;
        }
        await using var held = await locks.AcquireAsync(db, actor.OrganisationId, ct);
        var row = await db.QuarantinedRows.SingleOrDefaultAsync(q => q.Id == quarantinedRowId && q.OrganisationId == actor.OrganisationId, ct);
        if (row is null)
        {
            return Fail.NotFound;
        }
        if (!row.IsOpen)
        {
            return Fail.Rejected("This row has already been re-processed or discarded.");
        }
        var corrected = FeedRow.FromRawJson(row.RowNumber, row.RawContent, correctedFields);
        var raw = FeedImporter.Cap(corrected.ToRawJson(), 16000);
        var forces = await ForceDirectory.LoadAsync(db, actor.OrganisationId, actor.GrantedForceIds, ct);
        var batch = new ImportBatch();
        var outcome = (await importers.Single(i => i.Feed == row.Feed).ImportAsync([corrected], new ImportContext(actor, row.ImportId, forces), batch, ct))[0];

        var before = FeedRow.FromRawJson(0, row.RawContent).Fields;
        var fields = corrected.Fields.Keys.Where(k => !Equals(before.GetValueOrDefault(k), corrected.Fields[k]));
        var changed = string.Join(", ", fields);
        if (outcome.Failed)
        {
            row.StillFailing(raw, FeedImporter.FitReasons(outcome.Reasons),
                outcome.Kind == RowOutcomeKind.WaitingForCrime ? QuarantineStatus.WaitingForCrime : QuarantineStatus.Open);
            audit.Record(AuditOperation.Administration, "QuarantinedRow", row.Id.ToString(),
                detail: $"Corrected ({(changed.Length == 0 ? "no fields changed" : changed)}) and re-processed: still failing");
        }
        else
        {
            row.MarkReprocessed(raw, Describe(outcome), actor.Name, actor.Now);
            audit.Record(AuditOperation.Administration, "QuarantinedRow", row.Id.ToString(),
                detail: $"Corrected ({(changed.Length == 0 ? "no fields changed" : changed)}) and re-processed: {outcome.Description}");
        }
        try
        {
            await db.SaveChangesAsync(batch.New, ct);
        }
        catch (DbUpdateException e) when (FeedLocks.IsUniqueViolation(e))
        {
            return Fail.Conflict;
        }
        db.ChangeTracker.Clear();
        if (row.Feed == FeedKind.Victims && !outcome.Failed)
        {
            await waiting.ProcessAsync(ct);
        }
        return Result<ReprocessedRow>.Ok(new ReprocessedRow(row.Id, row.Status, row.Resolution, row.ReasonList, corrected.Fields));
    }

    private static string Describe(RowOutcome outcome) => outcome.Kind switch
    {
        RowOutcomeKind.Created => "Re-processed: " + outcome.Description,
        RowOutcomeKind.Updated => "Re-processed: " + outcome.Description,
        _ => "Re-processed, nothing to change: " + outcome.Description,
    };
}
