using System.Globalization;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Http;
using Waypoint.Platform.Ui;

namespace Waypoint.Modules.Care.Plan.Shared;

/// <summary>What the plan and closure pages share: tags, option lists, and taking a handler's refusal into a form.</summary>
public static class PlanText
{
    public static string GoalTag(GoalStatus status) => status switch
    {
        GoalStatus.Achieved => "govuk-tag--green",
        GoalStatus.NoLongerNeeded => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };

    public static string InterventionTag(InterventionStatus status) => status switch
    {
        InterventionStatus.Done => "govuk-tag--green",
        InterventionStatus.InProgress => "govuk-tag--yellow",
        InterventionStatus.Cancelled => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };

    public static readonly IReadOnlyList<(string Value, string Text)> GoalStatuses =
        Enum.GetValues<GoalStatus>().Select(s => (s.ToString(), SupportPlan.GoalStatusName(s))).ToList();

    public static readonly IReadOnlyList<(string Value, string Text)> InterventionStatuses =
        Enum.GetValues<InterventionStatus>().Select(s => (s.ToString(), SupportPlan.InterventionStatusName(s))).ToList();

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static string D(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Score(int? score) => score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "Not answered";

    /// <summary>Takes a refusal into the form, leaving out fields the page has already reported (its own date errors).</summary>
    public static void Take(FormState form, Result result, params string[] alreadyReported)
    {
        foreach (var (field, messages) in result.Errors)
        {
            if (alreadyReported.Contains(field) && form.ErrorFor(field) is not null)
            {
                continue;
            }
            foreach (var message in messages)
            {
                form.Add(field, message);
            }
        }
        if (result.Errors.Count == 0)
        {
            form.Summary = result.Reason;
        }
    }
}
