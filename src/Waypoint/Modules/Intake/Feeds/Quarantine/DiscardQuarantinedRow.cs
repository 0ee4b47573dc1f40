using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Quarantine;

/// <summary>Why a quarantined row is being discarded.</summary>
public sealed record DiscardRequest(string? Reason);

/// <summary>Discards a quarantined row of the actor's organisation, with a reason; audited.</summary>
internal sealed class DiscardQuarantinedRowHandler(AppDbContext db, AuditScope audit)
{
    /// <summary>
    /// Discards quarantined row <paramref name="quarantinedRowId"/>: the reason is required and kept as its resolution.
    /// NotFound for another organisation's row; Rejected without a reason or when the row is already resolved.
    /// </summary>
    public async Task<Result> DiscardAsync(Guid quarantinedRowId, string? reason, Actor actor, CancellationToken ct)
    {
        if (!FeedAccess.CanWrite(actor))
        {
            return Result.Forbidden();
        }
        var row = await db.QuarantinedRows.SingleOrDefaultAsync(q => q.Id == quarantinedRowId && q.OrganisationId == actor.OrganisationId, ct);
        if (row is null)
        {
            return Result.NotFound();
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Rejected(nameof(DiscardRequest.Reason), "Enter why you are discarding this row");
        }
        if (reason.Trim().Length > 2000)
        {
            return Result.Rejected(nameof(DiscardRequest.Reason), "Reason must be 2000 characters or fewer");
        }
        if (!row.IsOpen)
        {
            return Result.Rejected("This row has already been re-processed or discarded.");
        }
        row.Discard(reason, actor.Name, actor.Now);
        audit.Record(AuditOperation.Administration, "QuarantinedRow", row.Id.ToString(), detail: "Discarded: " + reason.Trim());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
