using System.Globalization;
using Waypoint.Modules.Intake.Cohort;
using Waypoint.Platform.Calendar;

namespace Waypoint.UnitTests.Intake;

public sealed class CohortPeriodTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHoliday.EnglandAndWales2024To2028.Select(h => h.Date).ToHashSet());

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime Utc(string iso) => DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void On_a_Monday_morning_the_daily_cohort_starts_at_midnight_on_Friday_and_takes_in_the_weekend()
    {
        var period = CohortPeriod.Default(D("2026-11-23"), Calendar);

        Assert.Equal(D("2026-11-20"), period.From);
        Assert.Equal(D("2026-11-23"), period.To);
        Assert.Equal(Utc("2026-11-20T00:00:00Z"), period.FromUtc);
        Assert.Equal(Utc("2026-11-24T00:00:00Z"), period.ToUtcExclusive);
    }

    [Fact]
    public void On_a_Tuesday_the_daily_cohort_starts_on_Monday()
    {
        var period = CohortPeriod.Default(D("2026-11-24"), Calendar);

        Assert.Equal(D("2026-11-23"), period.From);
    }

    [Fact]
    public void After_the_Easter_bank_holidays_the_daily_cohort_reaches_back_to_the_Thursday_before()
    {
        var period = CohortPeriod.Default(D("2026-04-07"), Calendar);

        Assert.Equal(D("2026-04-02"), period.From);
    }

    [Fact]
    public void In_summer_time_the_period_starts_at_London_midnight_which_is_eleven_the_evening_before_in_UTC()
    {
        var period = CohortPeriod.Default(D("2026-06-15"), Calendar);

        Assert.Equal(D("2026-06-12"), period.From);
        Assert.Equal(Utc("2026-06-11T23:00:00Z"), period.FromUtc);
        Assert.Equal(Utc("2026-06-15T23:00:00Z"), period.ToUtcExclusive);
    }

    [Fact]
    public void A_period_asked_for_covers_both_whole_days_and_an_open_end_runs_to_today()
    {
        var period = CohortPeriod.Resolve(D("2026-11-23"), Calendar, D("2026-11-02"), D("2026-11-06"))!;
        Assert.Equal(Utc("2026-11-02T00:00:00Z"), period.FromUtc);
        Assert.Equal(Utc("2026-11-07T00:00:00Z"), period.ToUtcExclusive);

        var open = CohortPeriod.Resolve(D("2026-11-23"), Calendar, D("2026-11-02"), null)!;
        Assert.Equal(D("2026-11-23"), open.To);
    }

    [Fact]
    public void Dates_the_wrong_way_round_are_refused()
    {
        Assert.Null(CohortPeriod.Resolve(D("2026-11-23"), Calendar, D("2026-11-10"), D("2026-11-09")));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(5, "5 minutes ago")]
    [InlineData(60, "1 hour ago")]
    [InlineData(150, "2 hours ago")]
    [InlineData(60 * 24, "1 day ago")]
    [InlineData(60 * 24 * 3 + 30, "3 days ago")]
    public void Age_reads_the_way_people_say_it(int minutes, string expected)
    {
        var now = Utc("2026-11-23T10:00:00Z");

        Assert.Equal(expected, CohortPeriod.Age(now.AddMinutes(-minutes), now));
    }
}
