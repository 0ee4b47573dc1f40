using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Worklists;

/// <summary>Whose obligations: mine, my teams', or the organisation's with no team (for Team Leaders).</summary>
public enum WorklistScope
{
    Mine,
    Team,
    Unallocated,
}

/// <summary>Which open obligations: due before today, due today, or due from today to the end of the working week.</summary>
public enum WorklistWhen
{
    Overdue,
    Today,
    Week,
}

/// <summary>A worklist request, as the page and the API receive it (query string).</summary>
public sealed class WorklistQuery
{
    public string? Scope { get; set; }
    public string? When { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

/// <summary>One open obligation on a worklist.</summary>
public sealed record WorklistRow(
    Guid ObligationId,
    Guid CaseId,
    string VictimName,
    string? CrimeReference,
    string Rule,
    string RuleTitle,
    int Right,
    string RightName,
    DateOnly DueOn,
    int DaysOverdue,
    string? OfficerName);

/// <summary>How many open obligations each tab holds. "Week" includes today's.</summary>
public sealed record WorklistCounts(int Overdue, int Today, int Week)
{
    public static readonly WorklistCounts None = new(0, 0, 0);

    public int this[WorklistWhen when] => when switch
    {
        WorklistWhen.Overdue => Overdue,
        WorklistWhen.Today => Today,
        _ => Week,
    };
}

public sealed record Worklist(WorklistScope Scope, WorklistWhen When, DateOnly Today, DateOnly WeekEnds, WorklistCounts Counts, Paged<WorklistRow> Rows);

/// <summary>
/// What is due: open obligations of one scope and period, only of cases the user can see. The obligations are
/// narrowed first on the worklist indexes (owner, status, due date), then joined to the visible cases, ordered by
/// due date and paged, so PostgreSQL walks the index and stops after one page.
/// </summary>
internal sealed class ObligationWorklistHandler(AppDbContext db, AuditScope audit)
{
    public const int DefaultPageSize = 25;

    public static string Code(WorklistScope scope) => scope.ToString().ToLowerInvariant();

    public static string Code(WorklistWhen when) => when.ToString().ToLowerInvariant();

    public static WorklistScope? ParseScope(string? text) =>
        string.IsNullOrWhiteSpace(text) ? WorklistScope.Mine
        : Enum.TryParse<WorklistScope>(text.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s : null;

    public static WorklistWhen? ParseWhen(string? text) =>
        string.IsNullOrWhiteSpace(text) ? WorklistWhen.Overdue
        : Enum.TryParse<WorklistWhen>(text.Trim(), ignoreCase: true, out var w) && Enum.IsDefined(w) && !int.TryParse(text, out _) ? w : null;

    /// <summary>The last day of "this week": the Friday on or after today (at a weekend, the coming Friday).</summary>
    public static DateOnly WeekEnds(DateOnly today) => today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);

    public static bool MayUse(WorklistScope scope, Actor actor) =>
        actor.CanReadCases && (scope != WorklistScope.Unallocated || actor.IsInRole(Roles.TeamLeader));

    public async Task<Result<Worklist>> HandleAsync(WorklistQuery query, Actor actor, CancellationToken ct)
    {
        if (ParseScope(query.Scope) is not { } scope)
        {
            return Fail.Rejected("scope", "Scope must be mine, team or unallocated");
        }
        if (ParseWhen(query.When) is not { } when)
        {
            return Fail.Rejected("when", "When must be overdue, today or week");
        }
        if (!MayUse(scope, actor))
        {
            return Fail.Forbidden;
        }
        var pageSize = Math.Clamp(query.PageSize ?? DefaultPageSize, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);
        var today = UkTime.Today(actor.Now);
        var weekEnds = WeekEnds(today);

        var counts = await CountsAsync(scope, actor, ct);
        var (from, to) = when switch
        {
            WorklistWhen.Overdue => ((DateOnly?)null, today.AddDays(-1)),
            WorklistWhen.Today => (today, today),
            _ => (today, weekEnds),
        };
        var obligations = Owned(scope, actor).Where(o => o.DueOn <= to);
        if (from is { } start)
        {
            obligations = obligations.Where(o => o.DueOn >= start);
        }
        // The page of obligations first (index order, restricted cases the actor may not see left out), then their
        // cases' details for just those rows.
        var pageOfObligations = obligations.OrderBy(o => o.DueOn).ThenBy(o => o.CaseId).ThenBy(o => o.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize);
        var rows = await (
                from o in pageOfObligations
                join c in db.Cases.AsNoTracking() on o.CaseId equals c.Id
                orderby o.DueOn, o.CaseId, o.Id
                select new
                {
                    o.Id,
                    o.CaseId,
                    c.Person.FirstName,
                    c.Person.LastName,
                    c.Person.BusinessName,
                    c.Crime.CrimeReference,
                    o.Rule,
                    o.Right,
                    o.DueOn,
                    Officer = db.Users.Where(u => u.Id == o.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(ct);

        var items = rows.Select(r => new WorklistRow(
            r.Id, r.CaseId, Person.FullName(r.FirstName, r.LastName, r.BusinessName), r.CrimeReference,
            r.Rule, CodeRules.Find(r.Rule)?.Title ?? r.Rule, r.Right, CodeRules.RightName(r.Right),
            r.DueOn, Math.Max(0, today.DayNumber - r.DueOn.DayNumber), r.Officer)).ToList();

        // Listing victims' names is consultation of their data: one entry per list shown, naming the cases.
        if (items.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "Worklist", null, null,
                detail: $"Obligations scope={Code(scope)} when={Code(when)} page={page}: {items.Count} of {counts[when]} shown: " +
                        string.Join(",", items.Select(i => i.CaseId).Distinct()));
            await db.SaveChangesAsync(ct);
        }
        return Result<Worklist>.Ok(new Worklist(scope, when, today, weekEnds, counts, new Paged<WorklistRow>(items, counts[when], page, pageSize)));
    }

    /// <summary>The three tabs' counts in one pass over the index range up to the end of the week.</summary>
    public async Task<WorklistCounts> CountsAsync(WorklistScope scope, Actor actor, CancellationToken ct)
    {
        if (!MayUse(scope, actor))
        {
            return WorklistCounts.None;
        }
        var today = UkTime.Today(actor.Now);
        var weekEnds = WeekEnds(today);
        var counts = await Owned(scope, actor).Where(o => o.DueOn <= weekEnds)
            .Select(o => o.DueOn)
            .GroupBy(_ => 1)
            .Select(g => new WorklistCounts(g.Count(d => d < today), g.Count(d => d == today), g.Count(d => d >= today)))
            .FirstOrDefaultAsync(ct);
        return counts ?? WorklistCounts.None;
    }

    /// <summary>
    /// Open obligations of the scope, on the column the index leads with. An owner scope already stands inside the
    /// actor's organisation and teams (the owner is the case's team and officer, kept in step with allocation), so of
    /// the visibility rule only restricted cases are left to take out.
    /// </summary>
    private IQueryable<Obligation> Owned(WorklistScope scope, Actor actor)
    {
        var hidden = db.Cases.AsNoTracking().HiddenRestricted(actor);
        var ownOrg = actor.OrganisationId;
        var open = db.Obligations.AsNoTracking().Where(o => o.OrganisationId == ownOrg && !hidden.Any(c => c.Id == o.CaseId));
        switch (scope)
        {
            case WorklistScope.Mine:
                var me = actor.UserId;
                return me is null ? open.Where(o => false) : open.Where(o => o.OwnerUserId == me && o.Status == ObligationStatus.Open);
            case WorklistScope.Team:
                var teams = actor.TeamIds.ToList();
                if (teams.Count == 1)
                {
                    // One value, not a list: PostgreSQL then reads the index in due-date order and stops after a page.
                    var team = teams[0];
                    return open.Where(o => o.OwnerTeamId == team && o.Status == ObligationStatus.Open);
                }
                return teams.Count == 0
                    ? open.Where(o => false)
                    : open.Where(o => o.OwnerTeamId != null && teams.Contains(o.OwnerTeamId.Value) && o.Status == ObligationStatus.Open);
            default:
                var org = actor.OrganisationId;
                return open.Where(o => o.OrganisationId == org && o.Status == ObligationStatus.Open && o.OwnerTeamId == null);
        }
    }
}
