using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Assessment.Dash;

/// <summary>One DASH question of the configuration: a stable id (answers are kept against it) and its wording.</summary>
public sealed class DashQuestion
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>
/// Configuration <c>Waypoint:Care:Dash</c>: the questions (default: the ACPO DASH RIC 2009 used by police, 27
/// questions) and the thresholds. <see cref="HighThreshold"/> is the SafeLives MARAC "visible high risk" criterion (14
/// or more yes answers); <see cref="MediumThreshold"/> is a local banding (Plymouth SCB: 10-13 medium), set it above
/// the high threshold to have no medium band.
/// </summary>
public sealed class DashOptions
{
    public List<DashQuestion> Questions { get; set; } = [];
    public int HighThreshold { get; set; } = 14;
    public int MediumThreshold { get; set; } = 10;

    /// <summary>Working days to make the MARAC referral a high-risk DASH raises.</summary>
    public int MaracTaskWorkingDays { get; set; } = 1;

    /// <summary>How far back a MARAC referral makes a new incident a repeat MARAC referral (SafeLives: 12 months).</summary>
    public int RepeatMaracMonths { get; set; } = 12;
}

/// <summary>The pure DASH rules: the score is the number of "yes" answers; the level follows the thresholds; professional judgement may raise it, never lower it.</summary>
public static class DashScoring
{
    public static int Score(IEnumerable<DashAnswer> answers) => answers.Count(a => a == DashAnswer.Yes);

    public static RiskLevel LevelFor(int score, int highThreshold = 14, int mediumThreshold = 10) =>
        score >= highThreshold ? RiskLevel.High : score >= mediumThreshold ? RiskLevel.Medium : RiskLevel.Standard;

    /// <summary>
    /// The level to record: the computed one, or <paramref name="judged"/> when professional judgement raises it. A
    /// judged level below the computed one is refused: the reason is returned and the level is null.
    /// </summary>
    public static (RiskLevel? Level, string? Refusal) Apply(RiskLevel computed, RiskLevel? judged)
    {
        if (judged is not { } j || j == computed)
        {
            return (computed, null);
        }
        if (j < computed)
        {
            return (null, $"Professional judgement can raise the risk level but never lower it: the answers give {VictimCase.RiskName(computed).ToLowerInvariant()} risk, "
                + $"so the level cannot be {VictimCase.RiskName(j).ToLowerInvariant()}");
        }
        return (j, null);
    }
}
