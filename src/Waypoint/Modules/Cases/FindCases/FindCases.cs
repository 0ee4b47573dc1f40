using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.FindCases;

/// <summary>Finding cases: free-text search over name, crime reference and person reference; filters; paging; sorting.</summary>
public sealed class FindCasesQuery
{
    public string? Q { get; set; }
    public CaseStatus? Status { get; set; }
    public Guid? TeamId { get; set; }
    public string? ForceCode { get; set; }
    public string? CrimeReference { get; set; }
    public string? PersonReference { get; set; }
    public bool? Unallocated { get; set; }

    /// <summary>Only cases allocated to the signed-in officer.</summary>
    public bool? Mine { get; set; }
    public string? Sort { get; set; }
    public string? Dir { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

public sealed record CaseRow(
    Guid Id,
    string? ForceCode,
    string? CrimeReference,
    string? PersonReference,
    PersonRole Role,
    string? FirstName,
    string? LastName,
    string? BusinessName,
    CaseStatus Status,
    string Offence,
    DateOnly? DateReported,
    string? TeamName,
    string? OfficerName,
    bool Restricted,
    DateTime CreatedAt,
    EntitlementLevel EntitlementLevel = EntitlementLevel.Standard,
    string EnhancedReasons = "",
    int Priority = 4)
{
    public string Name => Person.FullName(FirstName, LastName, BusinessName);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class FindCasesHandler(AppDbContext db, AuditScope audit)
{
    public static readonly IReadOnlyList<string> SortKeys = ["name", "crime", "status", "reported", "team", "officer", "created"];

    public async Task<Result<Paged<CaseRow>>> HandleAsync(FindCasesQuery query, Actor actor, CancellationToken ct)
    {
        if (!actor.CanReadCases)
        {
            return Fail.Forbidden;
        }
        var pageSize = Math.Clamp(query.PageSize ?? 25, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);
        var cases = db.Cases.AsNoTracking().VisibleTo(actor);

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToLowerInvariant();
            var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
            {
                var (first, last) = (parts[0], parts[^1]);
                cases = cases.Where(c => c.Person.FirstName!.ToLower().StartsWith(first) && c.Person.LastName!.ToLower().StartsWith(last));
            }
            else
            {
                cases = cases.Where(c =>
                    c.Person.LastName!.ToLower().StartsWith(term) ||
                    c.Person.FirstName!.ToLower().StartsWith(term) ||
                    c.Person.BusinessName!.ToLower().Contains(term) ||
                    c.Crime.CrimeReference!.ToLower().Contains(term) ||
                    c.Person.PersonReference!.ToLower() == term);
            }
        }
        if (query.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }
        if (query.TeamId is { } teamId)
        {
            cases = cases.Where(c => c.TeamId == teamId);
        }
        if (query.Mine == true)
        {
            var me = actor.UserId;
            cases = cases.Where(c => c.AllocatedOfficerId == me && c.Status != CaseStatus.Closed);
        }
        if (query.Unallocated == true)
        {
            cases = cases.Where(c => c.AllocatedOfficerId == null);
        }
        if (!string.IsNullOrWhiteSpace(query.ForceCode))
        {
            var code = query.ForceCode.Trim().ToUpperInvariant();
            var forceId = await db.Organisations.Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
            cases = cases.Where(c => c.Crime.ForceOrganisationId == forceId);
        }
        if (!string.IsNullOrWhiteSpace(query.CrimeReference))
        {
            var crimeRef = query.CrimeReference.Trim();
            cases = cases.Where(c => c.Crime.CrimeReference == crimeRef);
        }
        if (!string.IsNullOrWhiteSpace(query.PersonReference))
        {
            var personRef = query.PersonReference.Trim();
            cases = cases.Where(c => c.Person.PersonReference == personRef);
        }

        var total = await cases.CountAsync(ct);
        var desc = string.Equals(query.Dir, "desc", StringComparison.OrdinalIgnoreCase);
        IOrderedQueryable<VictimCase> ordered = (query.Sort ?? "created") switch
        {
            "name" => desc ? cases.OrderByDescending(c => c.Person.LastName).ThenByDescending(c => c.Person.FirstName) : cases.OrderBy(c => c.Person.LastName).ThenBy(c => c.Person.FirstName),
            "crime" => desc ? cases.OrderByDescending(c => c.Crime.CrimeReference) : cases.OrderBy(c => c.Crime.CrimeReference),
            "status" => desc ? cases.OrderByDescending(c => c.Status) : cases.OrderBy(c => c.Status),
            "reported" => desc ? cases.OrderByDescending(c => c.Crime.DateReported) : cases.OrderBy(c => c.Crime.DateReported),
            "team" => desc ? cases.OrderByDescending(c => db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault())
                           : cases.OrderBy(c => db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault()),
            "officer" => desc ? cases.OrderByDescending(c => db.Users.Where(u => u.Id == c.AllocatedOfficerId).Select(u => u.DisplayName).FirstOrDefault())
                              : cases.OrderBy(c => db.Users.Where(u => u.Id == c.AllocatedOfficerId).Select(u => u.DisplayName).FirstOrDefault()),
            _ => desc ? cases.OrderBy(c => c.CreatedAt) : cases.OrderByDescending(c => c.CreatedAt),
        };
        var items = await ordered
            .ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => new CaseRow(
                c.Id,
                db.Organisations.Where(o => o.Id == c.Crime.ForceOrganisationId).Select(o => o.Code).FirstOrDefault(),
                c.Crime.CrimeReference,
                c.Person.PersonReference,
                c.Role,
                c.Person.FirstName,
                c.Person.LastName,
                c.Person.BusinessName,
                c.Status,
                c.Crime.OffenceDescription,
                c.Crime.DateReported,
                db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == c.AllocatedOfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.Restricted,
                c.CreatedAt,
                c.EntitlementLevel,
                c.EnhancedReasons,
                c.Priority))
            .ToListAsync(ct);

        // Listing names is consultation of those people's data: one entry per search, naming the cases shown.
        if (items.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "CaseSearch", null, null,
                detail: $"Search '{query.Q}' status={query.Status} team={query.TeamId} page={page}: {items.Count} of {total} cases shown: " +
                        string.Join(",", items.Select(i => i.Id)));
            await db.SaveChangesAsync(ct);
        }
        return Result<Paged<CaseRow>>.Ok(new Paged<CaseRow>(items, total, page, pageSize));
    }
}
