using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Shared;

/// <summary>How the figures are grouped.</summary>
public enum ComplianceGrouping
{
    Rule,
    Right,
    Team,
    Officer,
}

/// <summary>
/// The filters of the figures, the drill-down and their exports, as they arrive in a query string: the page's GET form,
/// its links and the API share the names. Dates are ISO (2026-07-01); a quarter (2026-Q3) wins over dates; team and
/// officer are an id or "none" (no team, no officer).
/// </summary>
public class ComplianceQuery
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Quarter { get; set; }
    public string? GroupBy { get; set; }
    public string? TeamId { get; set; }
    public string? OfficerId { get; set; }
}

/// <summary>The drill-down's extra filters: which rule (or R6-* for every Right 6 rule), which right, which outcome, which page.</summary>
public sealed class ComplianceCasesQuery : ComplianceQuery
{
    public string? Rule { get; set; }
    public int? Right { get; set; }
    public string? Outcome { get; set; }
    public int? Page { get; set; }
}

/// <summary>A team or officer filter: any, none (unallocated), or one.</summary>
public readonly record struct OwnerFilter(bool Unallocated, Guid? Id)
{
    public static readonly OwnerFilter Any = new(false, null);
    public bool IsSet => Unallocated || Id is not null;
    public string? QueryValue => Unallocated ? "none" : Id?.ToString();

    public static bool TryParse(string? text, out OwnerFilter filter)
    {
        filter = Any;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            filter = new(true, null);
            return true;
        }
        if (Guid.TryParse(text, out var id))
        {
            filter = new(false, id);
            return true;
        }
        return false;
    }

    public static OwnerFilter For(Guid? id) => id is null ? new(true, null) : new(false, id);
}

/// <summary>The outcomes a figure counts, as the drill-down and the API spell them.</summary>
public static class Outcomes
{
    public const string Due = "due";
    public const string Met = "met";
    public const string Late = "late";
    public const string Overdue = "overdue";
    public const string Open = "open";
    public const string NotApplicable = "not_applicable";

    /// <summary>Met on time, met late or overdue: the obligations the percentage on time is taken over.</summary>
    public const string Measured = "measured";

    public static readonly IReadOnlyList<string> All = [Due, Met, Late, Overdue, Open, NotApplicable, Measured];

    public static string Describe(string outcome) => outcome switch
    {
        Due => "Due",
        Met => "Met on time",
        Late => "Met late",
        Overdue => "Overdue",
        Open => "Not yet due",
        NotApplicable => "Not applicable",
        Measured => "Met on time, met late or overdue",
        _ => outcome,
    };
}

/// <summary>The filters, checked: a period, a grouping, and optional team and officer.</summary>
public sealed record ComplianceFilter(ReportPeriod Period, ComplianceGrouping GroupBy, OwnerFilter Team, OwnerFilter Officer)
{
    /// <summary>Longest period one request may ask for; a benchmark targets a year.</summary>
    public const int MaxDays = 3 * 366;

    public static Result<ComplianceFilter> Parse(ComplianceQuery query, Actor actor)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var today = UkTime.Today(actor.Now);
        ReportPeriod? period = null;
        if (!string.IsNullOrWhiteSpace(query.Quarter))
        {
            if (Shared.Quarter.TryParse(query.Quarter, out var q))
            {
                period = ReportPeriod.Of(q);
            }
            else
            {
                errors["quarter"] = ["Select a quarter from the list, for example 2026-Q3"];
            }
        }
        else
        {
            var from = ParseDate(query.From, "from", "Start date", errors);
            var to = ParseDate(query.To, "to", "End date", errors);
            if (errors.Count == 0)
            {
                var current = Shared.Quarter.Of(today);
                var start = from ?? (to is { } t ? Shared.Quarter.Of(t).Start : current.Start);
                var end = to ?? (from is { } f ? Shared.Quarter.Of(f).End : current.End);
                if (end < start)
                {
                    errors["to"] = ["End date must be the same as or after the start date"];
                }
                else if (end.DayNumber - start.DayNumber > MaxDays)
                {
                    errors["to"] = ["The period must be 3 years or shorter"];
                }
                else
                {
                    period = new ReportPeriod(start, end);
                }
            }
        }
        var grouping = ComplianceGrouping.Rule;
        if (!string.IsNullOrWhiteSpace(query.GroupBy) && !TryGrouping(query.GroupBy, out grouping))
        {
            errors["groupBy"] = ["Select how to group the figures: by rule, right, team or officer"];
        }
        if (!OwnerFilter.TryParse(query.TeamId, out var team))
        {
            errors["teamId"] = ["Select a team from the list"];
        }
        if (!OwnerFilter.TryParse(query.OfficerId, out var officer))
        {
            errors["officerId"] = ["Select an officer from the list"];
        }
        if (errors.Count > 0 || period is null)
        {
            return Fail.Rejected(errors);
        }
        return Result<ComplianceFilter>.Ok(new ComplianceFilter(period, grouping, team, officer));
    }

    public static bool TryGrouping(string text, out ComplianceGrouping grouping) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out grouping) && Enum.IsDefined(grouping);

    public static string GroupingCode(ComplianceGrouping g) => g.ToString().ToLowerInvariant();

    private static DateOnly? ParseDate(string? text, string field, string label, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = [$"{label} must be a real date, for example 2026-07-01"];
        return null;
    }

    /// <summary>The query-string values that reproduce these filters (a quarter as a quarter, other periods as dates).</summary>
    public Dictionary<string, string?> ToQuery() => new(StringComparer.Ordinal)
    {
        ["quarter"] = Period.AsQuarter?.ToString(),
        ["from"] = Period.AsQuarter is null ? Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["to"] = Period.AsQuarter is null ? Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["groupBy"] = GroupingCode(GroupBy),
        ["teamId"] = Team.QueryValue,
        ["officerId"] = Officer.QueryValue,
    };

    public static string Link(string path, IEnumerable<KeyValuePair<string, string?>> values) =>
        QueryHelpers.AddQueryString(path, values.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    /// <summary>The obligations of the actor's organisation due in the period, narrowed to the team and officer asked for.</summary>
    public IQueryable<Obligation> Apply(IQueryable<Obligation> obligations, Guid organisationId)
    {
        var (from, to) = (Period.From, Period.To);
        var q = obligations.Where(o => o.OrganisationId == organisationId && o.DueOn >= from && o.DueOn <= to);
        if (Team.Unallocated)
        {
            q = q.Where(o => o.OwnerTeamId == null);
        }
        else if (Team.Id is { } teamId)
        {
            q = q.Where(o => o.OwnerTeamId == teamId);
        }
        if (Officer.Unallocated)
        {
            q = q.Where(o => o.OwnerUserId == null);
        }
        else if (Officer.Id is { } officerId)
        {
            q = q.Where(o => o.OwnerUserId == officerId);
        }
        return q;
    }
}
