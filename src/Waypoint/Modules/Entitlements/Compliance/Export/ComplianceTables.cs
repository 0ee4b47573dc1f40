using System.Globalization;
using Waypoint.Modules.Entitlements.Compliance.Drilldown;
using Waypoint.Modules.Entitlements.Compliance.Figures;
using Waypoint.Modules.Entitlements.Compliance.Moj;
using Waypoint.Modules.Entitlements.Compliance.Shared;

namespace Waypoint.Modules.Entitlements.Compliance.Export;

/// <summary>The figures, the drill-down and the MoJ measures as tables for CSV and Excel.</summary>
internal static class ComplianceTables
{
    public static ExportTable Figures(ComplianceFiguresReport report, string organisation)
    {
        var group = ComplianceFilter.GroupingCode(report.Filter.GroupBy);
        var rows = report.Rows.Select(r => Row(r.Value, r.Name, r.Counts))
            .Append(Row("total", "All", report.Total));
        return new ExportTable(
            $"waypoint-compliance-{report.Filter.Period.Slug}",
            "Compliance",
            [group, "name", "due", "met_on_time", "met_late", "overdue", "not_yet_due", "not_applicable", "percent_on_time"],
            rows.ToAsyncEnumerable(),
            About(organisation, report.Filter, report.Today, report.TeamName, report.OfficerName, [("Grouped by", group)]));

        static object?[] Row(string key, string name, FigureCounts c) =>
            [key, name, c.Due, c.MetOnTime, c.MetLate, c.Overdue, c.NotYetDue, c.NotApplicable, c.PercentOnTime];
    }

    public static ExportTable Cases(ComplianceCasesExport export, string organisation, DateOnly today)
    {
        var rows = export.Rows.Select(r => new object?[]
        {
            r.CaseId.ToString(), r.VictimName, r.CrimeReference, r.Rule, r.DueOn, r.StateCode, r.CompletedOn, r.OfficerName, r.TeamName,
        });
        var extra = new List<(string, string)>
        {
            ("Rule", export.Rule ?? (export.Right is { } right ? $"Right {right}" : "All rules")),
            ("Outcome", Outcomes.Describe(export.Outcome)),
            ("Obligations behind the figure", export.Figure.ToString(CultureInfo.InvariantCulture)),
            ("Listed", export.Visible.ToString(CultureInfo.InvariantCulture)),
        };
        if (export.Hidden > 0)
        {
            extra.Add(("Left out", $"{export.Hidden} on cases you cannot see (restricted, or outside your teams)"));
        }
        return new ExportTable(
            $"waypoint-compliance-cases-{export.Filter.Period.Slug}",
            "Cases",
            ["case_id", "victim_name", "crime_reference", "rule", "due_on", "status", "met_or_not_applicable_on", "officer", "team"],
            rows,
            About(organisation, export.Filter, today, null, null, extra));
    }

    public static ExportTable Moj(MojMeasuresReport report, string organisation, DateOnly today)
    {
        var rows = report.Measures.Select(m => new object?[]
        {
            m.Number, m.Name, m.Rules, m.Computable ? "yes" : "no", m.Numerator, m.Denominator, m.Percent, m.Reason,
        });
        var period = ReportPeriod.Of(report.Quarter);
        return new ExportTable(
            $"waypoint-moj-measures-{report.Quarter}",
            "Measures",
            ["measure", "name", "rules", "computable", "numerator", "denominator", "percent", "reason"],
            rows.ToAsyncEnumerable(),
            [
                ("Organisation", organisation),
                ("Quarter", period.Describe()),
                ("Produced on", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("Numerator", "Obligations of the measure's rules due in the quarter and met on time."),
                ("Denominator", "Those met on time, met late or overdue (not applicable and not yet due ones are left out)."),
                ("Not yet computable", "Measures Waypoint does not record yet are marked so, never shown as 0."),
            ]);
    }

    private static List<(string, string)> About(string organisation, ComplianceFilter filter, DateOnly today, string? team, string? officer,
        IEnumerable<(string, string)> extra)
    {
        var lines = new List<(string, string)>
        {
            ("Organisation", organisation),
            ("Period", filter.Period.Describe()),
            ("Produced on", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        if (team is not null)
        {
            lines.Add(("Team", team));
        }
        if (officer is not null)
        {
            lines.Add(("Officer", officer));
        }
        lines.AddRange(extra);
        lines.Add(("Counting", Definitions.Period));
        lines.AddRange(Definitions.All.Select(d => (d.Term, d.Meaning)));
        return lines;
    }
}
