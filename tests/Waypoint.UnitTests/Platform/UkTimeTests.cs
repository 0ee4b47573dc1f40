using CsCheck;
using Waypoint.Platform.Calendar;

namespace Waypoint.UnitTests.Platform;

public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2026-11-23T23:30:00Z", "2026-11-23")] // GMT: UTC and London agree
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")] // BST: half past midnight in London is the next day
    [InlineData("2026-03-28T23:59:59Z", "2026-03-28")] // the night the clocks go forward: still GMT
    [InlineData("2026-03-29T23:00:00Z", "2026-03-30")] // the first BST midnight
    [InlineData("2026-10-24T23:00:00Z", "2026-10-25")] // last BST midnight
    [InlineData("2026-10-25T23:00:00Z", "2026-10-25")] // back on GMT: 11pm is still the 25th
    public void Today_is_the_date_on_a_London_clock_not_in_UTC(string utc, string expected)
    {
        var instant = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkTime.Today(instant));
    }

    [Fact]
    public void The_London_date_is_the_UTC_date_or_the_day_after_never_before()
    {
        Gen.DateTime[new DateTime(2024, 1, 1), new DateTime(2028, 12, 31)].Sample(t =>
        {
            var utc = DateTime.SpecifyKind(t, DateTimeKind.Utc);
            var diff = UkTime.Today(utc).DayNumber - DateOnly.FromDateTime(utc).DayNumber;
            return diff is 0 or 1;
        });
    }

    [Fact]
    public void Local_time_is_one_hour_ahead_in_summer_and_equal_in_winter()
    {
        var summer = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        var winter = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(13, UkTime.ToLocal(summer).Hour);
        Assert.Equal(12, UkTime.ToLocal(winter).Hour);
    }
}
