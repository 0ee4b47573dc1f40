using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Drilldown;

/// <summary>One obligation behind a figure, with its case.</summary>
public sealed record ComplianceCaseRow(
    Guid ObligationId,
    Guid CaseId,
    string VictimName,
    string? CrimeReference,
    string Rule,
    int Right,
    DateOnly DueOn,
    ObligationState State,
    DateOnly? CompletedOn,
    string? OfficerName,
    string? TeamName)
{
    public string StateText => Obligation.Describe(State);
    public string StateCode => Obligation.Code(State);
}

/// <summary>
/// The obligations behind a figure that this user may see, a page of them, and how many more are behind the figure
/// on cases hidden from them (restricted, or outside their teams), so the count is never silently different.
/// </summary>
public sealed record ComplianceCasesReport(
    ComplianceFilter Filter,
    string? Rule,
    int? Right,
    string Outcome,
    int Figure,
    int Visible,
    IReadOnlyList<ComplianceCaseRow> Rows,
    int Page,
    int PageSize)
{
    public int Hidden => Figure - Visible;
    public int Pages => Math.Max(1, (Visible + PageSize - 1) / PageSize);

    public string Describe()
    {
        var what = Rule is null ? Right is { } r ? $"Right {r}" : "All rules" : Rule.EndsWith('*') ? $"Every {Rule.TrimEnd('*').TrimEnd('-')} rule" : Rule;
        return $"{what}, {Outcomes.Describe(Outcome).ToLowerInvariant()}";
    }
}

/// <summary>An export of the drill-down: the same facts as the page, with every row, read lazily.</summary>
public sealed record ComplianceCasesExport(
    ComplianceFilter Filter,
    string? Rule,
    int? Right,
    string Outcome,
    int Figure,
    int Visible,
    IAsyncEnumerable<ComplianceCaseRow> Rows)
{
    public int Hidden => Figure - Visible;
}

/// <summary>The drill-down: the same filters as the figures, plus a rule (R6-* for every Right 6 rule), a right and an outcome.</summary>
internal sealed class ComplianceCasesHandler(AppDbContext db, AuditScope audit)
{
    public const int DefaultPageSize = 50;

    public async Task<Result<ComplianceCasesReport>> HandleAsync(ComplianceCasesQuery query, Actor actor, CancellationToken ct)
    {
        var prepared = Prepare(query, actor);
        if (prepared.Value is not { } p)
        {
            return Result<ComplianceCasesReport>.From(prepared);
        }
        var figure = await p.Obligations.CountAsync(ct);
        var count = await p.Visible.CountAsync(ct);
        var page = Math.Max(1, query.Page ?? 1);
        var items = await Rows(p.Visible).Skip((page - 1) * DefaultPageSize).Take(DefaultPageSize).ToListAsync(ct);
        var rows = items.Select(r => r.ToRow(p.Today)).ToList();
        if (rows.Count > 0)
        {
            // Listing victims' names is consultation of their data: one entry per page shown, naming the cases.
            audit.Record(AuditOperation.Consultation, "ComplianceCases", null, null,
                detail: $"Compliance drill-down {p.Describe()} page={page}: {rows.Count} of {count} obligations shown, cases: " +
                        string.Join(",", rows.Select(i => i.CaseId).Distinct()));
            await db.SaveChangesAsync(ct);
        }
        return Result<ComplianceCasesReport>.Ok(new ComplianceCasesReport(p.Filter, p.Rule, p.Right, p.Outcome, figure, count, rows, page, DefaultPageSize));
    }

    /// <summary>
    /// Every row, for an export, read lazily. Handing victims' data out in a file is a disclosure: it is logged, with its
    /// filters and count, before any row leaves.
    /// </summary>
    public async Task<Result<ComplianceCasesExport>> ExportAsync(ComplianceCasesQuery query, string format, Actor actor, CancellationToken ct)
    {
        var prepared = Prepare(query, actor);
        if (prepared.Value is not { } p)
        {
            return Result<ComplianceCasesExport>.From(prepared);
        }
        var figure = await p.Obligations.CountAsync(ct);
        var count = await p.Visible.CountAsync(ct);
        audit.Record(AuditOperation.Disclosure, "ComplianceCases", null, null,
            recipient: $"{actor.Name} (download)",
            detail: $"Compliance drill-down exported as {format}: {count} obligations ({figure - count} on cases hidden from the user left out); {p.Describe()}");
        await db.SaveChangesAsync(ct);
        var today = p.Today;
        var rows = Rows(p.Visible).AsAsyncEnumerable().Select(r => r.ToRow(today));
        return Result<ComplianceCasesExport>.Ok(new ComplianceCasesExport(p.Filter, p.Rule, p.Right, p.Outcome, figure, count, rows));
    }

    private sealed record Prepared(ComplianceFilter Filter, string? Rule, int? Right, string Outcome, DateOnly Today,
        IQueryable<Obligation> Obligations, IQueryable<Obligation> Visible)
    {
        public string Describe() =>
            $"period {Filter.Period.Slug}, rule={Rule}, right={Right}, outcome={Outcome}, team={Filter.Team.QueryValue}, officer={Filter.Officer.QueryValue}";
    }

    private Result<Prepared> Prepare(ComplianceCasesQuery query, Actor actor)
    {
        if (!ComplianceAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var parsed = ComplianceFilter.Parse(query, actor);
        if (parsed.Value is not { } filter)
        {
            return Result<Prepared>.From(parsed);
        }
        var outcome = string.IsNullOrWhiteSpace(query.Outcome) ? Outcomes.Due : query.Outcome.Trim().ToLowerInvariant();
        if (!Outcomes.All.Contains(outcome))
        {
            return Fail.Rejected("outcome", "Select an outcome: due, met, late, overdue, open or not_applicable");
        }
        var rule = string.IsNullOrWhiteSpace(query.Rule) ? null : query.Rule.Trim().ToUpperInvariant();
        if (rule is not null && !(rule.EndsWith('*') ? CodeRules.All.Any(r => r.Id.StartsWith(rule.TrimEnd('*'), StringComparison.Ordinal)) : CodeRules.Find(rule) is not null))
        {
            return Fail.Rejected("rule", "Select a rule of the Victims' Code, for example R4-REF or R6-*");
        }
        var today = UkTime.Today(actor.Now);
        var obligations = Narrow(filter.Apply(db.Obligations.AsNoTracking(), actor.OrganisationId), rule, query.Right, outcome, today);
        var visibleCases = db.Cases.AsNoTracking().VisibleTo(actor);
        var visible = obligations.Where(o => visibleCases.Any(c => c.Id == o.CaseId));
        return Result<Prepared>.Ok(new Prepared(filter, rule, query.Right, outcome, today, obligations, visible));
    }

    private sealed record RawRow(Guid Id, Guid CaseId, string? FirstName, string? LastName, string? BusinessName, string? CrimeReference,
        string Rule, int Right, DateOnly DueOn, ObligationStatus Status, DateTime? CompletedAt, string? Officer, string? Team)
    {
        public ComplianceCaseRow ToRow(DateOnly today) => new(Id, CaseId, Person.FullName(FirstName, LastName, BusinessName), CrimeReference, Rule, Right,
            DueOn, State(Status, DueOn, today), CompletedAt is { } at ? UkTime.Today(at) : null, Officer, Team);
    }

    private IQueryable<RawRow> Rows(IQueryable<Obligation> visible) =>
        from o in visible
        join c in db.Cases on o.CaseId equals c.Id
        orderby o.DueOn, o.Rule, o.Id
        select new RawRow(
            o.Id,
            o.CaseId,
            c.Person.FirstName,
            c.Person.LastName,
            c.Person.BusinessName,
            c.Crime.CrimeReference,
            o.Rule,
            o.Right,
            o.DueOn,
            o.Status,
            o.CompletedAt,
            db.Users.Where(u => u.Id == o.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Teams.Where(t => t.Id == o.OwnerTeamId).Select(t => t.Name).FirstOrDefault());

    private static ObligationState State(ObligationStatus status, DateOnly dueOn, DateOnly today) => status switch
    {
        ObligationStatus.Open when dueOn < today => ObligationState.Overdue,
        ObligationStatus.Open => ObligationState.Open,
        ObligationStatus.Met => ObligationState.Met,
        ObligationStatus.Late => ObligationState.Late,
        _ => ObligationState.NotApplicable,
    };

    private static IQueryable<Obligation> Narrow(IQueryable<Obligation> q, string? rule, int? right, string outcome, DateOnly today)
    {
        if (rule is not null)
        {
            if (rule.EndsWith('*'))
            {
                var prefix = rule.TrimEnd('*');
                q = q.Where(o => o.Rule.StartsWith(prefix));
            }
            else
            {
                q = q.Where(o => o.Rule == rule);
            }
        }
        if (right is { } r)
        {
            q = q.Where(o => o.Right == r);
        }
        return outcome switch
        {
            Outcomes.Met => q.Where(o => o.Status == ObligationStatus.Met),
            Outcomes.Late => q.Where(o => o.Status == ObligationStatus.Late),
            Outcomes.Overdue => q.Where(o => o.Status == ObligationStatus.Open && o.DueOn < today),
            Outcomes.Open => q.Where(o => o.Status == ObligationStatus.Open && o.DueOn >= today),
            Outcomes.NotApplicable => q.Where(o => o.Status == ObligationStatus.NotApplicable),
            Outcomes.Measured => q.Where(o => o.Status == ObligationStatus.Met || o.Status == ObligationStatus.Late || (o.Status == ObligationStatus.Open && o.DueOn < today)),
            _ => q,
        };
    }
}
