using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.QuarantineReview;

/// <summary>A quarantined row as it now stands: every reason, the fields as received (or as last corrected), and what was done with it.</summary>
public sealed record QuarantinedRowView(
    Guid Id,
    Guid ImportId,
    FeedKind Feed,
    int RowNumber,
    QuarantineStatus Status,
    IReadOnlyList<string> Reasons,
    IReadOnlyDictionary<string, string?> Fields,
    string? Resolution,
    string? ResolvedBy,
    DateTime? ResolvedAt,
    string? FileName,
    DateTime ImportReceivedAt)
{
    public bool IsOpen => Status is QuarantineStatus.Open or QuarantineStatus.WaitingForCrime;
}

/// <summary>One quarantined row of the actor's organisation (NotFound for another's); reading it is logged.</summary>
internal sealed class GetQuarantinedRowHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<QuarantinedRowView>> HandleAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var found = await (from q in db.QuarantinedRows.AsNoTracking()
                           join i in db.Imports.AsNoTracking() on q.ImportId equals i.Id
                           where q.Id == id && q.OrganisationId == actor.OrganisationId
                           select new { Row = q, i.FileName, i.ReceivedAt }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return Fail.NotFound;
        }
        audit.Record(AuditOperation.Consultation, "QuarantinedRow", id.ToString(), detail: $"Row {found.Row.RowNumber} read");
        await db.SaveChangesAsync(ct);
        var row = found.Row;
        return Result<QuarantinedRowView>.Ok(new QuarantinedRowView(row.Id, row.ImportId, row.Feed, row.RowNumber, row.Status, row.ReasonList,
            FeedRow.FromRawJson(row.RowNumber, row.RawContent).Fields, row.Resolution, row.ResolvedBy, row.ResolvedAt, found.FileName, found.ReceivedAt));
    }
}
