using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Cohort;

/// <summary>
/// The filters of the cohort: the period (London dates, default the daily cohort), team, priority, offence flag,
/// enhanced only, unallocated (no officer) only. Page and API use the same names.
/// </summary>
public sealed class CohortQuery
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? TeamId { get; set; }
    public int? Priority { get; set; }

    /// <summary>An offence flag code (see Flags.Offence), e.g. domestic_abuse.</summary>
    public string? Offence { get; set; }
    public bool? Enhanced { get; set; }
    public bool? Unallocated { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

public sealed record CohortRow(
    Guid Id,
    string? FirstName,
    string? LastName,
    string? BusinessName,
    PersonRole Role,
    int Priority,
    EntitlementLevel EntitlementLevel,
    bool RepeatVictim,
    string Offence,
    string? CrimeReference,
    DateTime CreatedAt,
    Guid? TeamId,
    string? TeamName,
    Guid? OfficerId,
    string? OfficerName,
    CaseStatus Status,
    bool Restricted)
{
    public string Name => Person.FullName(FirstName, LastName, BusinessName);
}

/// <summary>One page of the cohort, its total, and how many cases of each priority the filter matches (whatever the priority filter).</summary>
public sealed record CohortResults(
    CohortPeriod Period,
    IReadOnlyList<CohortRow> Items,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyDictionary<int, int> CountsByPriority)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class FindCohortHandler(AppDbContext db, AuditScope audit, WorkingDays workingDays)
{
    /// <summary>The most cases one "allocate all matching" or automatic allocation takes in one go.</summary>
    public const int MaxBatch = 500;

    public async Task<Result<CohortResults>> HandleAsync(CohortQuery query, Actor actor, CancellationToken ct)
    {
        if (!actor.CanReadCases)
        {
            return Fail.Forbidden;
        }
        var period = await PeriodAsync(query, actor, ct);
        if (period is null)
        {
            return Fail.Rejected(nameof(CohortQuery.From), "The start date must be the same as or before the end date");
        }
        var pageSize = Math.Clamp(query.PageSize ?? 50, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);

        var withoutPriority = Filter(query, period, actor, includePriority: false);
        var counts = (await withoutPriority.GroupBy(c => c.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        var cases = Filter(query, period, actor, includePriority: true);
        var total = query.Priority is { } p ? counts.GetValueOrDefault(p) : counts.Values.Sum();

        var items = await Project(Ordered(cases).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);

        // Listing names is consultation of those people's data: one entry per page shown, naming the cases.
        if (items.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "Cohort", null, null,
                detail: $"Cohort {period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd} team={query.TeamId} priority={query.Priority} offence={query.Offence} " +
                        $"enhanced={query.Enhanced} unallocated={query.Unallocated} page={page}: {items.Count} of {total} cases shown: " +
                        string.Join(",", items.Select(i => i.Id)));
            await db.SaveChangesAsync(ct);
        }
        return Result<CohortResults>.Ok(new CohortResults(period, items, total, page, pageSize, counts));
    }

    /// <summary>The ids of the cases the filter matches, in cohort order, at most <see cref="MaxBatch"/>: for "allocate all matching".</summary>
    public async Task<Result<IReadOnlyList<Guid>>> MatchingIdsAsync(CohortQuery query, Actor actor, CancellationToken ct)
    {
        if (!actor.CanReadCases)
        {
            return Fail.Forbidden;
        }
        var period = await PeriodAsync(query, actor, ct);
        if (period is null)
        {
            return Fail.Rejected(nameof(CohortQuery.From), "The start date must be the same as or before the end date");
        }
        var ids = await Ordered(Filter(query, period, actor, includePriority: true)).Select(c => c.Id).Take(MaxBatch).ToListAsync(ct);
        return Result<IReadOnlyList<Guid>>.Ok(ids);
    }

    /// <summary>How many cases the filter matches; no names are read, so nothing to log.</summary>
    public async Task<int> CountAsync(CohortQuery query, Actor actor, CancellationToken ct)
    {
        var period = await PeriodAsync(query, actor, ct);
        return period is null ? 0 : await Filter(query, period, actor, includePriority: true).CountAsync(ct);
    }

    /// <summary>The daily cohort's period for this actor's today.</summary>
    public async Task<CohortPeriod> DefaultPeriodAsync(Actor actor, CancellationToken ct) =>
        CohortPeriod.Default(UkTime.Today(actor.Now), await workingDays.CalendarAsync(ct));

    private async Task<CohortPeriod?> PeriodAsync(CohortQuery query, Actor actor, CancellationToken ct) =>
        CohortPeriod.Resolve(UkTime.Today(actor.Now), await workingDays.CalendarAsync(ct), query.From, query.To);

    private IQueryable<VictimCase> Filter(CohortQuery query, CohortPeriod period, Actor actor, bool includePriority)
    {
        var (from, to) = (period.FromUtc, period.ToUtcExclusive);
        var cases = db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.CreatedAt >= from && c.CreatedAt < to);
        if (query.TeamId is { } teamId)
        {
            cases = cases.Where(c => c.TeamId == teamId);
        }
        if (includePriority && query.Priority is { } priority)
        {
            cases = cases.Where(c => c.Priority == priority);
        }
        if (!string.IsNullOrWhiteSpace(query.Offence))
        {
            // Stored flags are ';'-joined codes: match a whole code, not a part of one.
            var flag = ";" + query.Offence.Trim().ToLowerInvariant() + ";";
            cases = cases.Where(c => (";" + c.Crime.OffenceFlags + ";").Contains(flag));
        }
        if (query.Enhanced == true)
        {
            cases = cases.Where(c => c.EntitlementLevel == EntitlementLevel.Enhanced);
        }
        if (query.Unallocated == true)
        {
            cases = cases.Where(c => c.AllocatedOfficerId == null && c.Status != CaseStatus.Closed);
        }
        return cases;
    }

    /// <summary>
    /// "New to you": open cases allocated to the officer since the start of the last working day, in cohort order.
    /// Logged as consultation when any are shown.
    /// </summary>
    public async Task<(IReadOnlyList<CohortRow> Items, int Total)> NewToYouAsync(Actor actor, int take, CancellationToken ct)
    {
        if (!actor.CanReadCases || actor.UserId is not { } me)
        {
            return ([], 0);
        }
        var since = (await DefaultPeriodAsync(actor, ct)).FromUtc;
        var cases = db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.AllocatedOfficerId == me && c.Status != CaseStatus.Closed && c.AllocatedAt >= since);
        var total = await cases.CountAsync(ct);
        var items = total == 0 ? [] : await Project(Ordered(cases).Take(take)).ToListAsync(ct);
        if (items.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "Cohort", null, null,
                detail: $"New to you: {items.Count} of {total} cases shown: " + string.Join(",", items.Select(i => i.Id)));
            await db.SaveChangesAsync(ct);
        }
        return (items, total);
    }

    private IQueryable<CohortRow> Project(IQueryable<VictimCase> cases) => cases.Select(c => new CohortRow(
        c.Id,
        c.Person.FirstName,
        c.Person.LastName,
        c.Person.BusinessName,
        c.Role,
        c.Priority,
        c.EntitlementLevel,
        c.RepeatVictim,
        c.Crime.OffenceDescription,
        c.Crime.CrimeReference,
        c.CreatedAt,
        c.TeamId,
        db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault(),
        c.AllocatedOfficerId,
        db.Users.Where(u => u.Id == c.AllocatedOfficerId).Select(u => u.DisplayName).FirstOrDefault(),
        c.Status,
        c.Restricted));

    private static IQueryable<VictimCase> Ordered(IQueryable<VictimCase> cases) =>
        cases.OrderBy(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id);

    public static string PriorityTagClass(int priority) => priority switch
    {
        1 => "govuk-tag--red",
        2 => "govuk-tag--orange",
        3 => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
