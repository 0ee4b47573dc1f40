using CsCheck;
using Waypoint.Modules.Care.Assessment.Dash;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.UnitTests.Care;

public sealed class DashScoringTests
{
    [Fact]
    public void The_score_counts_only_yes_answers()
    {
        DashAnswer[] answers = [DashAnswer.Yes, DashAnswer.No, DashAnswer.NotKnown, DashAnswer.Yes, DashAnswer.NotKnown];
        Assert.Equal(2, DashScoring.Score(answers));
        Assert.Equal(0, DashScoring.Score([]));
    }

    [Theory]
    [InlineData(0, RiskLevel.Standard)]
    [InlineData(9, RiskLevel.Standard)]
    [InlineData(10, RiskLevel.Medium)]
    [InlineData(13, RiskLevel.Medium)]
    [InlineData(14, RiskLevel.High)]
    [InlineData(27, RiskLevel.High)]
    public void Fourteen_or_more_is_high_and_ten_to_thirteen_medium(int score, RiskLevel expected) =>
        Assert.Equal(expected, DashScoring.LevelFor(score));

    [Fact]
    public void A_medium_threshold_above_the_high_one_leaves_no_medium_band()
    {
        Assert.Equal(RiskLevel.Standard, DashScoring.LevelFor(13, highThreshold: 14, mediumThreshold: 99));
        Assert.Equal(RiskLevel.High, DashScoring.LevelFor(14, highThreshold: 14, mediumThreshold: 99));
    }

    [Fact]
    public void Judgement_can_raise_the_level()
    {
        Assert.Equal((RiskLevel.High, (string?)null), DashScoring.Apply(RiskLevel.Standard, RiskLevel.High));
        Assert.Equal((RiskLevel.Medium, (string?)null), DashScoring.Apply(RiskLevel.Medium, null));
    }

    [Fact]
    public void Judgement_never_lowers_the_level_and_says_why()
    {
        var (level, refusal) = DashScoring.Apply(RiskLevel.High, RiskLevel.Medium);
        Assert.Null(level);
        Assert.Equal("Professional judgement can raise the risk level but never lower it: the answers give high risk, so the level cannot be medium", refusal);
    }

    [Fact]
    public void The_recorded_level_is_never_below_the_computed_one_for_any_answers_and_judgement()
    {
        var answers = Gen.Enum<DashAnswer>().Array[0, 27];
        var judgements = Gen.Int[-1, 2].Select(i => i < 0 ? (RiskLevel?)null : (RiskLevel)i);
        Gen.Select(answers, judgements).Sample((a, judged) =>
        {
            var computed = DashScoring.LevelFor(DashScoring.Score(a));
            var (level, refusal) = DashScoring.Apply(computed, judged);
            return level is { } l ? l >= computed && refusal is null && (judged is null || l == judged) : refusal is not null && judged < computed;
        });
    }
}
