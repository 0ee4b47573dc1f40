using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Http;
using static Waypoint.UnitTests.Entitlements.EntitlementsTestData;

namespace Waypoint.UnitTests.Entitlements;

public sealed class RuleTargetTests
{
    private static readonly CodeRule Arrest = CodeRules.Get("R6-ARR");

    [Fact]
    public void The_default_is_the_codes_target_with_nobody_behind_it()
    {
        var target = RuleTarget.Default(Org, Arrest);

        Assert.Equal((Org, "R6-ARR", 5, 1), (target.OrganisationId, target.Rule, target.StandardDays, target.EnhancedDays));
        Assert.Equal((1, 5), (target.DaysFor(true), target.DaysFor(false)));
        Assert.Null(target.ChangedAt);
        Assert.Null(target.ChangedByName);
    }

    [Fact]
    public void A_valid_target_records_who_set_it_and_when()
    {
        var officer = Officer();

        var target = RuleTarget.Create(Org, Arrest, 3, 0, officer);

        Assert.True(target.Succeeded);
        Assert.Equal((3, 0), (target.Value!.StandardDays, target.Value.EnhancedDays));
        Assert.Equal((officer.Now, officer.UserId, "Priya Shah"), (target.Value.ChangedAt, target.Value.ChangedById, target.Value.ChangedByName));
    }

    [Theory]
    [InlineData(-1, 0, "StandardDays")]
    [InlineData(61, 1, "StandardDays")]
    [InlineData(5, -1, "EnhancedDays")]
    [InlineData(60, 61, "EnhancedDays")]
    [InlineData(2, 3, "EnhancedDays")]
    public void Days_out_of_range_or_longer_for_enhanced_rights_are_refused_beside_their_field(int standard, int enhanced, string field)
    {
        var result = RuleTarget.Create(Org, Arrest, standard, enhanced, Officer());

        Assert.Equal(ResultKind.Rejected, result.Kind);
        Assert.True(result.Errors.ContainsKey(field), string.Join(", ", result.Errors.Keys));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(60, 60)]
    [InlineData(10, 0)]
    public void The_bounds_are_accepted(int standard, int enhanced) =>
        Assert.True(RuleTarget.Create(Org, Arrest, standard, enhanced, Officer()).Succeeded);

    [Fact]
    public void A_refused_change_leaves_the_target_as_it_was()
    {
        var target = RuleTarget.Create(Org, Arrest, 4, 1, Officer()).Value!;
        var changedAt = target.ChangedAt;

        var result = target.Change(1, 4, Officer(Now.AddDays(1)));

        Assert.False(result.Succeeded);
        Assert.Equal((4, 1, changedAt), (target.StandardDays, target.EnhancedDays, target.ChangedAt));
    }
}
