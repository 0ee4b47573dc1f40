using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.QuarantineReview;

/// <summary>Which open rows to list: a feed and/or one of the two open statuses (null: any).</summary>
public sealed record QuarantineQuery(FeedKind? Feed, QuarantineStatus? Status, int Page = 1);

public sealed record QuarantineListItem(Guid Id, Guid ImportId, FeedKind Feed, int RowNumber, QuarantineStatus Status, IReadOnlyList<string> Reasons, DateTime CreatedAt, string? FileName, DateTime ImportReceivedAt);

/// <summary>The open quarantined rows (waiting for a correction, or for their crime) of the actor's organisation, newest first.</summary>
internal sealed class ListQuarantineHandler(AppDbContext db, AuditScope audit)
{
    public const int PageSize = 25;

    public async Task<Result<Paged<QuarantineListItem>>> HandleAsync(QuarantineQuery query, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var page = Math.Max(1, query.Page);
        var rows = db.QuarantinedRows.AsNoTracking().Where(q => q.OrganisationId == actor.OrganisationId);
        rows = query.Status is QuarantineStatus.Open or QuarantineStatus.WaitingForCrime
            ? rows.Where(q => q.Status == query.Status)
            : rows.Where(q => q.Status == QuarantineStatus.Open || q.Status == QuarantineStatus.WaitingForCrime);
        if (query.Feed is { } feed)
        {
            rows = rows.Where(q => q.Feed == feed);
        }
        var total = await rows.CountAsync(ct);
        var found = await (from q in rows
                           join i in db.Imports on q.ImportId equals i.Id
                           orderby q.CreatedAt descending, q.ImportId descending, q.RowNumber
                           select new { q.Id, q.ImportId, q.Feed, q.RowNumber, q.Status, q.Reasons, q.CreatedAt, i.FileName, i.ReceivedAt })
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        if (found.Count > 0)
        {
            // The reasons quote the values that failed, which may be personal data.
            audit.Record(AuditOperation.Consultation, "QuarantinedRow", null, detail: $"{found.Count} quarantined rows listed");
            await db.SaveChangesAsync(ct);
        }
        var items = found.Select(q => new QuarantineListItem(q.Id, q.ImportId, q.Feed, q.RowNumber, q.Status,
            q.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries), q.CreatedAt, q.FileName, q.ReceivedAt)).ToList();
        return Result<Paged<QuarantineListItem>>.Ok(new Paged<QuarantineListItem>(items, total, page, PageSize));
    }
}
