using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.ImportHistory;

/// <summary>One import in the history: who or what sent it, when, and what became of its rows.</summary>
public sealed record ImportListItem(
    Guid Id,
    DateTime ReceivedAt,
    FeedKind Feed,
    ImportSource Source,
    string SentBy,
    string? FileName,
    ImportStatus Status,
    int RowsRead,
    int Created,
    int Updated,
    int Unchanged,
    int Quarantined,
    string ContentHash);

/// <summary>The imports of the actor's organisation, newest first, a page at a time.</summary>
internal sealed class ListImportsHandler(AppDbContext db)
{
    public const int PageSize = 25;

    public async Task<Result<Paged<ImportListItem>>> HandleAsync(int page, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        page = Math.Max(1, page);
        var imports = db.Imports.AsNoTracking().Where(i => i.OrganisationId == actor.OrganisationId);
        var total = await imports.CountAsync(ct);
        var items = await imports.OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(i => new ImportListItem(i.Id, i.ReceivedAt, i.Feed, i.Source, i.SentBy, i.FileName, i.Status,
                i.RowsRead, i.Created, i.Updated, i.Unchanged, i.Quarantined, i.ContentHash))
            .ToListAsync(ct);
        return Result<Paged<ImportListItem>>.Ok(new Paged<ImportListItem>(items, total, page, PageSize));
    }
}

/// <summary>How the import pages name feeds, sources and statuses.</summary>
internal static class ImportText
{
    public static string Feed(FeedKind feed) => feed == FeedKind.Victims ? "Victims and witnesses" : "Investigation events";

    public static string Source(ImportSource source) => source switch
    {
        ImportSource.Upload => "Upload",
        ImportSource.Api => "API",
        _ => "Drop folder",
    };

    public static string ShortHash(string hash) => hash.Length <= 12 ? hash : hash[..12];

    public static string QuarantineStatus(QuarantineStatus status) => status switch
    {
        Domain.QuarantineStatus.Open => "Needs correcting",
        Domain.QuarantineStatus.WaitingForCrime => "Waiting for the crime",
        Domain.QuarantineStatus.Reprocessed => "Re-processed",
        _ => "Discarded",
    };

    public static string QuarantineTag(QuarantineStatus status) => status switch
    {
        Domain.QuarantineStatus.Open => "govuk-tag--orange",
        Domain.QuarantineStatus.WaitingForCrime => "govuk-tag--blue",
        Domain.QuarantineStatus.Reprocessed => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };
}
