using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>One import of the actor's organisation with its quarantined rows as they now stand.</summary>
internal sealed class GetImportHandler(AppDbContext db, AuditScope audit)
{
    /// <summary>The import and its quarantined rows (row order); NotFound for another organisation's import. Reading the rows is logged.</summary>
    public async Task<Result<ImportDetail>> HandleAsync(Guid importId, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.OrganisationId == actor.OrganisationId, ct);
        if (import is null)
        {
            return Fail.NotFound;
        }
        var rows = await db.QuarantinedRows.AsNoTracking().Where(q => q.ImportId == importId).OrderBy(q => q.RowNumber).ToListAsync(ct);
        if (rows.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "Import", importId.ToString(), detail: $"{rows.Count} quarantined rows read");
            await db.SaveChangesAsync(ct);
        }
        return Result<ImportDetail>.Ok(new ImportDetail(import.Id, import.Feed, import.Status, import.RejectionReason, import.ReceivedAt, import.SentBy,
            import.ContentHash, import.RowsRead, import.Created, import.Updated, import.Unchanged, import.Quarantined, import.WarningList,
            [.. rows.Select(q => new QuarantinedRowDetail(q.Id, q.RowNumber, q.ReasonList, q.Status, FeedRow.FromRawJson(q.RowNumber, q.RawContent).Fields, q.Resolution))]));
    }
}
