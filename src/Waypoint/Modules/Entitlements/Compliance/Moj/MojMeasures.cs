using Waypoint.Modules.Entitlements.Compliance.Figures;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Moj;

/// <summary>
/// One of the Ministry of Justice's five quarterly measures (domain.md Part B §9). A computable one is the share of its
/// obligations due in the quarter that were met on time, out of those met on time, met late or overdue; one Waypoint
/// cannot compute yet says why instead of showing 0.
/// </summary>
public sealed record MojMeasure(
    int Number,
    string Name,
    string Rules,
    bool Computable,
    int? Numerator,
    int? Denominator,
    decimal? Percent,
    string? Reason,
    string? DrillRule)
{
    public string PercentText => !Computable ? "Not yet computable" : Percent is { } p ? p.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";
}

public sealed record MojMeasuresReport(Quarter Quarter, bool Complete, IReadOnlyList<MojMeasure> Measures);

/// <summary>The MoJ quarterly Code-compliance return for the actor's organisation, from the same aggregate as the figures.</summary>
internal sealed class MojMeasuresHandler(ComplianceFiguresHandler figures)
{
    public const string VpsReason =
        "Waypoint does not record offers to make a Victim Personal Statement yet. They will be recorded with the court work.";

    public const string ReleaseReason =
        "Waypoint does not record telling victims of an offender's release date yet. It will be recorded with the court and offender work.";

    public async Task<Result<MojMeasuresReport>> HandleAsync(string? quarter, Actor actor, CancellationToken ct)
    {
        if (!ComplianceAccess.CanRead(actor))
        {
            return Fail.Forbidden;
        }
        var today = UkTime.Today(actor.Now);
        Quarter q;
        if (string.IsNullOrWhiteSpace(quarter))
        {
            q = Quarter.LastComplete(today);
        }
        else if (!Quarter.TryParse(quarter, out q))
        {
            return Fail.Rejected("quarter", "Select a quarter from the list, for example 2026-Q3");
        }
        var filter = new ComplianceFilter(ReportPeriod.Of(q), ComplianceGrouping.Rule, OwnerFilter.Any, OwnerFilter.Any);
        var report = await figures.FiguresAsync(filter, actor, ct);
        FigureCounts Sum(Func<string, bool> rule) => report.Rows.Where(r => rule(r.Value)).Aggregate(FigureCounts.Zero, (s, r) => s + r.Counts);

        MojMeasure Computed(int number, string name, string rules, string drillRule, FigureCounts c) =>
            new(number, name, rules, true, c.MetOnTime, c.Measured, c.PercentOnTime, null, drillRule);

        IReadOnlyList<MojMeasure> measures =
        [
            Computed(1, "Written acknowledgement of the report", CodeRules.Acknowledgement, CodeRules.Acknowledgement, Sum(r => r == CodeRules.Acknowledgement)),
            Computed(2, "Referral to support services", CodeRules.Referral, CodeRules.Referral, Sum(r => r == CodeRules.Referral)),
            Computed(3, "Updates within the stated timeframes", "Every R6 rule, including R6-UPD", "R6-*", Sum(r => r.StartsWith("R6-", StringComparison.Ordinal))),
            new(4, "Opportunity to make a Victim Personal Statement", "Not recorded yet", false, null, null, null, VpsReason, null),
            new(5, "Told the offender's release date in advance", "Not recorded yet", false, null, null, null, ReleaseReason, null),
        ];
        return Result<MojMeasuresReport>.Ok(new MojMeasuresReport(q, q.End < today, measures));
    }
}
