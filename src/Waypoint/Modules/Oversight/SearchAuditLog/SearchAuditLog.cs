using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Oversight.Shared;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Oversight.SearchAuditLog;

/// <summary>One page of matching log entries, newest first, with the total before paging.</summary>
public sealed record AuditLogResults(IReadOnlyList<AuditRow> Items, int Total, int Page, int PageSize, AuditFilter Filter)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Searching the data-protection log of the auditor's own organisation.</summary>
internal sealed class SearchAuditLogHandler(AuditLogFilter filters)
{
    public const int DefaultPageSize = 50;

    public async Task<Result<AuditLogResults>> HandleAsync(AuditLogQuery query, Actor actor, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Auditor))
        {
            return Fail.Forbidden;
        }
        var resolved = await filters.ResolveAsync(query, actor, ct);
        if (resolved.Value is not { } filter)
        {
            return Result<AuditLogResults>.From(resolved);
        }
        var pageSize = Math.Clamp(query.PageSize ?? DefaultPageSize, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);
        var entries = filters.Apply(filter, actor);
        var total = await entries.CountAsync(ct);
        var items = await filters.Rows(entries).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return Result<AuditLogResults>.Ok(new AuditLogResults(items, total, page, pageSize, filter));
    }
}
