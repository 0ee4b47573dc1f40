using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Timeline;

/// <summary>
/// What to show of a case's timeline: categories (codes such as <c>contact</c>, <c>messages</c>; none means all), a
/// date range in UK dates (both ends included; <c>27/3/2026</c> or <c>2026-03-27</c>) and a page.
/// </summary>
public sealed class TimelineQuery
{
    public IReadOnlyList<string>? Categories { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public int? Page { get; init; }
}

public sealed record TimelineItem(Guid Id, DateTime At, TimelineKind Kind, string Category, string CategoryName, string Summary, string ActorName);

public sealed record CaseTimelinePage(
    Guid CaseId,
    string Name,
    IReadOnlyList<string> Categories,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<TimelineItem> Items,
    int Total,
    int Page,
    int Pages,
    int PageSize);

/// <summary>
/// The full timeline of a case, newest first, filtered by category and date and paged. Reading it is a consultation
/// of the case, logged like reading the case page; a case the actor cannot see is 404.
/// </summary>
internal sealed class CaseTimelineHandler(AppDbContext db, AuditScope audit)
{
    public const int PageSize = 50;

    private static readonly string[] DateFormats = ["d/M/yyyy", "d/M/yy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d M yyyy"];

    public async Task<Result<CaseTimelinePage>> HandleAsync(Guid caseId, TimelineQuery q, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.PersonId, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return Fail.NotFound;
        }

        var errors = new ValidationErrors();
        var categories = new List<TimelineCategory>();
        foreach (var code in (q.Categories ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (TimelineCategories.Parse(code) is { } category)
            {
                if (!categories.Contains(category))
                {
                    categories.Add(category);
                }
            }
            else
            {
                errors.Add("category", $"'{code}' is not a timeline category: use {string.Join(", ", TimelineCategories.All.Select(TimelineCategories.Code))}");
            }
        }
        var from = ParseDate(q.From, "from", "The date from", errors);
        var to = ParseDate(q.To, "to", "The date to", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add("to", "The date to must be the same as or after the date from");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var query = db.TimelineEntries.AsNoTracking().Where(t => t.CaseId == caseId);
        if (categories.Count > 0 && categories.Count < TimelineCategories.All.Count)
        {
            var kinds = TimelineCategories.KindsOf(categories).ToList();
            query = query.Where(t => kinds.Contains(t.Kind));
        }
        if (from is { } fromDate)
        {
            var start = UkTime.StartOfDay(fromDate);
            query = query.Where(t => t.At >= start);
        }
        if (to is { } toDate)
        {
            var end = UkTime.StartOfDay(toDate.AddDays(1));
            query = query.Where(t => t.At < end);
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(q.Page ?? 1, 1, pages);
        var rows = await query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(t => new { t.Id, t.At, t.Kind, t.Summary, t.ActorName })
            .ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var category = TimelineCategories.Of(r.Kind);
            return new TimelineItem(r.Id, r.At, r.Kind, TimelineCategories.Code(category), TimelineCategories.Name(category), r.Summary, r.ActorName);
        }).ToList();

        var codes = categories.Select(TimelineCategories.Code).ToList();
        audit.Record(AuditOperation.Consultation, "CaseTimeline", caseId.ToString(), c.PersonId,
            detail: $"Timeline of case {caseId} read, page {page}" + (codes.Count == 0 ? "" : "; categories " + string.Join(",", codes))
                    + (from is null ? "" : $"; from {from:yyyy-MM-dd}") + (to is null ? "" : $"; to {to:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return Result<CaseTimelinePage>.Ok(new CaseTimelinePage(caseId, Person.FullName(c.FirstName, c.LastName, c.BusinessName), codes, from, to,
            items, total, page, pages, PageSize));
    }

    private static DateOnly? ParseDate(string? text, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(field, $"{label} must be a real date, like 27/3/2026");
        return null;
    }
}
