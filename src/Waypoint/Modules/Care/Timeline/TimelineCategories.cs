using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Timeline;

/// <summary>The groups the full timeline filters by (item 11).</summary>
public enum TimelineCategory
{
    ArrivalAndTriage,
    Contact,
    AssessmentAndRisk,
    SupportAndReferrals,
    Messages,
    CodeObligations,
    Court,
    CaseChanges,
}

/// <summary>
/// The one place that says which category each <see cref="TimelineKind"/> belongs to, with the categories' names and
/// the codes used in query strings (<c>?category=contact</c>).
/// </summary>
public static class TimelineCategories
{
    public static readonly IReadOnlyList<TimelineCategory> All = Enum.GetValues<TimelineCategory>();

    public static TimelineCategory Of(TimelineKind kind) => kind switch
    {
        TimelineKind.Recorded or TimelineKind.Triaged => TimelineCategory.ArrivalAndTriage,
        TimelineKind.Contact or TimelineKind.SafeContact => TimelineCategory.Contact,
        TimelineKind.Assessment or TimelineKind.Risk or TimelineKind.Intelligence => TimelineCategory.AssessmentAndRisk,
        TimelineKind.Referral or TimelineKind.Consent or TimelineKind.Signposting or TimelineKind.Plan => TimelineCategory.SupportAndReferrals,
        TimelineKind.Message => TimelineCategory.Messages,
        TimelineKind.Obligation or TimelineKind.ActionRecorded or TimelineKind.Contract => TimelineCategory.CodeObligations,
        TimelineKind.InvestigationEvent or TimelineKind.Court => TimelineCategory.Court,
        TimelineKind.DetailsChanged or TimelineKind.Allocated or TimelineKind.Restricted or TimelineKind.BreakGlass or TimelineKind.FeedUpdate
            or TimelineKind.Note or TimelineKind.Closure or TimelineKind.Equality => TimelineCategory.CaseChanges,
        _ => TimelineCategory.CaseChanges,
    };

    /// <summary>The kinds of a set of categories, for the database filter.</summary>
    public static IReadOnlyList<TimelineKind> KindsOf(IEnumerable<TimelineCategory> categories)
    {
        var wanted = categories.ToHashSet();
        return Enum.GetValues<TimelineKind>().Where(k => wanted.Contains(Of(k))).ToList();
    }

    public static string Code(TimelineCategory category) => category switch
    {
        TimelineCategory.ArrivalAndTriage => "arrival",
        TimelineCategory.Contact => "contact",
        TimelineCategory.AssessmentAndRisk => "assessment",
        TimelineCategory.SupportAndReferrals => "support",
        TimelineCategory.Messages => "messages",
        TimelineCategory.CodeObligations => "code",
        TimelineCategory.Court => "court",
        TimelineCategory.CaseChanges => "changes",
        _ => category.ToString(),
    };

    public static TimelineCategory? Parse(string? code) =>
        All.Cast<TimelineCategory?>().FirstOrDefault(c => string.Equals(Code(c!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(c!.Value.ToString(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Name(TimelineCategory category) => category switch
    {
        TimelineCategory.ArrivalAndTriage => "Arrival and triage",
        TimelineCategory.Contact => "Contact",
        TimelineCategory.AssessmentAndRisk => "Assessment and risk",
        TimelineCategory.SupportAndReferrals => "Support and referrals",
        TimelineCategory.Messages => "Messages",
        TimelineCategory.CodeObligations => "Victims' Code obligations",
        TimelineCategory.Court => "Investigation and court",
        TimelineCategory.CaseChanges => "Case changes",
        _ => category.ToString(),
    };
}
