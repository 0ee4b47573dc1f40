using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Oversight.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Oversight.ExportAuditLog;

/// <summary>An export ready to stream: its file name, how many entries it holds, and the entries, read lazily.</summary>
public sealed record AuditExport(string FileName, int Count, IAsyncEnumerable<AuditRow> Rows);

/// <summary>
/// Exporting matching log entries as CSV. Handing the log to someone is a disclosure, so the export is itself logged,
/// with its recipient, its filters and its row count, before any row leaves.
/// </summary>
internal sealed class ExportAuditLogHandler(AppDbContext db, AuditScope audit, AuditLogFilter filters)
{
    public async Task<Result<AuditExport>> HandleAsync(AuditLogQuery query, string? recipient, Actor actor, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Auditor))
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        errors.Required(recipient, "recipient", "Enter who the export is for");
        errors.MaxLength(recipient, 400, "recipient", "Who the export is for");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var resolved = await filters.ResolveAsync(query, actor, ct);
        if (resolved.Value is not { } filter)
        {
            return Result<AuditExport>.From(resolved);
        }

        // Fix the export to the chain as it stands now, so the count logged is the count sent and the
        // disclosure entry written below is not part of its own export.
        var upTo = await db.AuditChainHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.Sequence).SingleOrDefaultAsync(ct) ?? 0;
        var entries = filters.Apply(filter, actor).Where(e => e.Sequence <= upTo);
        var count = await entries.CountAsync(ct);

        audit.Record(AuditOperation.Disclosure, "AuditLog", null,
            personId: filter.PersonIds is { Count: 1 } one ? one[0] : null,
            recipient: recipient!.Trim(),
            detail: $"Audit log exported as CSV: {count} {(count == 1 ? "entry" : "entries")} up to entry {upTo}; filters: {filter.Describe()}");
        await db.SaveChangesAsync(ct);

        var fileName = $"audit-log-{UkTime.Today(actor.Now):yyyy-MM-dd}.csv";
        return Result<AuditExport>.Ok(new AuditExport(fileName, count, filters.Rows(entries).AsAsyncEnumerable()));
    }
}

/// <summary>Writes entries as CSV: a header row, UTF-8, ISO 8601 UTC times, spreadsheet formulas neutralised.</summary>
internal static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
    [
        "sequence", "occurred_at_utc", "operation", "user_name", "user_id", "organisation", "organisation_id", "record_type", "record_id",
        "person_id", "field", "old_value", "new_value", "recipient", "detail", "channel", "correlation_id", "hash",
    ];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<AuditRow> rows, CancellationToken ct)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var r in rows.WithCancellation(ct))
        {
            csv.WriteField(r.Sequence);
            csv.WriteField(r.OccurredAt);
            csv.WriteField(r.Operation.ToString());
            csv.WriteField(r.UserName);
            csv.WriteField(r.UserId?.ToString());
            csv.WriteField(r.OrganisationName);
            csv.WriteField(r.OrganisationId?.ToString());
            csv.WriteField(r.RecordType);
            csv.WriteField(r.RecordId);
            csv.WriteField(r.PersonId?.ToString());
            csv.WriteField(r.Field);
            csv.WriteField(r.OldValue);
            csv.WriteField(r.NewValue);
            csv.WriteField(r.Recipient);
            csv.WriteField(r.Detail);
            csv.WriteField(r.Channel);
            csv.WriteField(r.CorrelationId);
            csv.WriteField(r.Hash);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    public static IResult Stream(AuditExport export, CancellationToken ct) =>
        TypedResults.Stream(body => WriteAsync(body, export.Rows, ct), ContentType, export.FileName);
}
