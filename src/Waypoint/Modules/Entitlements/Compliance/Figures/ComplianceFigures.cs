using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Figures;

/// <summary>What one group's obligations came to. The percentage on time is null (shown "-") when nothing was met or overdue.</summary>
public sealed record FigureCounts(int Due, int MetOnTime, int MetLate, int Overdue, int NotYetDue, int NotApplicable)
{
    public static readonly FigureCounts Zero = new(0, 0, 0, 0, 0, 0);

    /// <summary>Met on time + met late + overdue: what the percentage on time is taken over.</summary>
    public int Measured => MetOnTime + MetLate + Overdue;

    public decimal? PercentOnTime => Measured == 0 ? null : Math.Round(100m * MetOnTime / Measured, 1, MidpointRounding.AwayFromZero);

    public string PercentText => PercentOnTime is { } p ? p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";

    public static FigureCounts operator +(FigureCounts a, FigureCounts b) => new(a.Due + b.Due, a.MetOnTime + b.MetOnTime, a.MetLate + b.MetLate,
        a.Overdue + b.Overdue, a.NotYetDue + b.NotYetDue, a.NotApplicable + b.NotApplicable);

    public int Count(string outcome) => outcome switch
    {
        Outcomes.Met => MetOnTime,
        Outcomes.Late => MetLate,
        Outcomes.Overdue => Overdue,
        Outcomes.Open => NotYetDue,
        Outcomes.NotApplicable => NotApplicable,
        Outcomes.Measured => Measured,
        _ => Due,
    };
}

/// <summary>One group: its key as the drill-down filters by it (<paramref name="Param"/>=<paramref name="Value"/>), its name, its counts.</summary>
public sealed record FigureRow(string Param, string Value, string Name, FigureCounts Counts);

public sealed record ComplianceFiguresReport(
    ComplianceFilter Filter,
    DateOnly Today,
    IReadOnlyList<FigureRow> Rows,
    FigureCounts Total,
    string? TeamName,
    string? OfficerName);

/// <summary>
/// The compliance figures of the actor's organisation: obligations due in the period, counted by outcome in one
/// grouped aggregate in the database (conditional sums over the (organisation, due date, rule) index), then named.
/// </summary>
internal sealed class ComplianceFiguresHandler(AppDbContext db)
{
    public async Task<Result<ComplianceFiguresReport>> HandleAsync(ComplianceQuery query, Actor actor, CancellationToken ct)
    {
        if (!ComplianceAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var parsed = ComplianceFilter.Parse(query, actor);
        if (parsed.Value is not { } filter)
        {
            return Result<ComplianceFiguresReport>.From(parsed);
        }
        return Result<ComplianceFiguresReport>.Ok(await FiguresAsync(filter, actor, ct));
    }

    public async Task<ComplianceFiguresReport> FiguresAsync(ComplianceFilter filter, Actor actor, CancellationToken ct)
    {
        var today = UkTime.Today(actor.Now);
        var obligations = filter.Apply(db.Obligations.AsNoTracking(), actor.OrganisationId);
        List<FigureRow> rows;
        switch (filter.GroupBy)
        {
            case ComplianceGrouping.Right:
                rows = [.. (await AggregateAsync(obligations, o => o.Right, today, ct))
                    .OrderBy(r => r.Key)
                    .Select(r => new FigureRow("right", r.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Right {r.Key}: {CodeRules.RightName(r.Key)}", r.Counts))];
                break;
            case ComplianceGrouping.Team:
            {
                var counts = await AggregateAsync(obligations, o => o.OwnerTeamId, today, ct);
                var ids = counts.Where(c => c.Key is not null).Select(c => c.Key!.Value).ToList();
                var names = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == actor.OrganisationId && ids.Contains(t.Id))
                    .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
                rows = Named(counts, "teamId", names, "No team");
                break;
            }
            case ComplianceGrouping.Officer:
            {
                var counts = await AggregateAsync(obligations, o => o.OwnerUserId, today, ct);
                var ids = counts.Where(c => c.Key is not null).Select(c => c.Key!.Value).ToList();
                var names = await db.Users.AsNoTracking().Where(u => u.OrganisationId == actor.OrganisationId && ids.Contains(u.Id))
                    .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
                rows = Named(counts, "officerId", names, "No officer");
                break;
            }
            default:
                rows = [.. (await AggregateAsync(obligations, o => o.Rule, today, ct))
                    .OrderBy(r => RuleOrder(r.Key)).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new FigureRow("rule", r.Key, CodeRules.Find(r.Key) is { } rule ? $"{rule.Id}: {rule.Title}" : r.Key, r.Counts))];
                break;
        }
        var total = rows.Aggregate(FigureCounts.Zero, (sum, r) => sum + r.Counts);
        var teamName = filter.Team.Id is { } teamId
            ? await db.Teams.AsNoTracking().Where(t => t.Id == teamId && t.OrganisationId == actor.OrganisationId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "Unknown team"
            : filter.Team.Unallocated ? "No team" : null;
        var officerName = filter.Officer.Id is { } officerId
            ? await db.Users.AsNoTracking().Where(u => u.Id == officerId && u.OrganisationId == actor.OrganisationId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "Unknown officer"
            : filter.Officer.Unallocated ? "No officer" : null;
        return new ComplianceFiguresReport(filter, today, rows, total, teamName, officerName);
    }

    private static int RuleOrder(string rule)
    {
        for (var i = 0; i < CodeRules.All.Count; i++)
        {
            if (CodeRules.All[i].Id == rule)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    private static List<FigureRow> Named(List<(Guid? Key, FigureCounts Counts)> counts, string param, Dictionary<Guid, string> names, string none) =>
        [.. counts
            .Select(c => new FigureRow(param, c.Key?.ToString() ?? "none", c.Key is { } id ? names.GetValueOrDefault(id, "Unknown") : none, c.Counts))
            .OrderBy(r => r.Value == "none" ? 1 : 0).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];

    private static async Task<List<(TKey Key, FigureCounts Counts)>> AggregateAsync<TKey>(
        IQueryable<Obligation> obligations, Expression<Func<Obligation, TKey>> key, DateOnly today, CancellationToken ct)
    {
        var rows = await Aggregate(obligations, key, today).ToListAsync(ct);
        return [.. rows.Select(r => (r.Key, new FigureCounts(r.Due, r.MetOnTime, r.MetLate, r.Overdue, r.NotYetDue, r.NotApplicable)))];
    }

    /// <summary>
    /// The one aggregate: GROUP BY the key, with a conditional SUM per outcome. "Overdue" and "not yet due" are open
    /// obligations split by today's date, as <see cref="Obligation.StatusOn"/> does.
    /// </summary>
    internal static IQueryable<AggregateRow<TKey>> Aggregate<TKey>(IQueryable<Obligation> obligations, Expression<Func<Obligation, TKey>> key, DateOnly today) =>
        obligations
            .GroupBy(key)
            .Select(g => new AggregateRow<TKey>
            {
                Key = g.Key,
                Due = g.Count(),
                MetOnTime = g.Sum(o => o.Status == ObligationStatus.Met ? 1 : 0),
                MetLate = g.Sum(o => o.Status == ObligationStatus.Late ? 1 : 0),
                Overdue = g.Sum(o => o.Status == ObligationStatus.Open && o.DueOn < today ? 1 : 0),
                NotYetDue = g.Sum(o => o.Status == ObligationStatus.Open && o.DueOn >= today ? 1 : 0),
                NotApplicable = g.Sum(o => o.Status == ObligationStatus.NotApplicable ? 1 : 0),
            });

    internal sealed class AggregateRow<TKey>
    {
        public required TKey Key { get; init; }
        public int Due { get; init; }
        public int MetOnTime { get; init; }
        public int MetLate { get; init; }
        public int Overdue { get; init; }
        public int NotYetDue { get; init; }
        public int NotApplicable { get; init; }
    }
}
