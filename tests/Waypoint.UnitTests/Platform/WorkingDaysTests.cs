using CsCheck;
using Waypoint.Platform.Calendar;

namespace Waypoint.UnitTests.Platform;

public sealed class WorkingDaysTests
{
    private static readonly WorkingDayCalendar Calendar = new(BankHoliday.EnglandAndWales2024To2028.Select(h => h.Date).ToHashSet());

    private static DateTime Utc(string text) =>
        DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    // The worked examples of domain.md A1.
    [Theory]
    [InlineData("2026-11-09T10:00:00Z", 1, "2026-11-10")] // Monday -> Tuesday
    [InlineData("2026-11-13T10:00:00Z", 1, "2026-11-16")] // Friday -> Monday
    [InlineData("2026-11-14T10:00:00Z", 1, "2026-11-16")] // Saturday -> Monday: the event's own day never counts
    [InlineData("2026-12-24T10:00:00Z", 2, "2026-12-30")] // Christmas Eve, 2 WD: 25th, 28th (substitute Boxing Day) and the weekend skipped
    public void The_worked_examples_of_the_domain_rules(string eventUtc, int days, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Calendar.DueDate(Utc(eventUtc), days));

    [Theory]
    [InlineData("2026-06-30T22:59:59Z", "2026-07-01")] // 23:59:59 London on Tuesday 30 June: due Wednesday
    [InlineData("2026-06-30T23:00:00Z", "2026-07-02")] // 00:00 London on Wednesday 1 July: due Thursday
    [InlineData("2026-12-31T23:59:59Z", "2027-01-04")] // New Year's Eve (GMT): 1 Jan holiday, then the weekend
    [InlineData("2026-03-29T00:30:00Z", "2026-03-30")] // the night the clocks go forward (Sunday): due Monday
    [InlineData("2026-10-24T23:30:00Z", "2026-10-26")] // 00:30 BST on Sunday 25 October: due Monday
    [InlineData("2026-10-25T23:30:00Z", "2026-10-26")] // 23:30 GMT on Sunday 25 October, after the change: still Sunday
    public void Events_around_midnight_and_the_clock_changes_count_from_the_London_date(string eventUtc, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Calendar.DueDate(Utc(eventUtc), 1));

    [Fact]
    public void Easter_and_the_substitute_days_are_not_working_days()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 3, 26)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 3, 29)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 12, 27)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2028, 1, 3)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void The_previous_working_day_of_a_monday_is_the_friday_before()
    {
        Assert.Equal(new DateOnly(2026, 11, 20), Calendar.PreviousWorkingDay(new DateOnly(2026, 11, 23)));
        Assert.Equal(new DateOnly(2026, 12, 24), Calendar.PreviousWorkingDay(new DateOnly(2026, 12, 29)));
    }

    private static readonly Gen<DateOnly> Dates = Gen.Int[new DateOnly(2024, 1, 1).DayNumber, new DateOnly(2028, 11, 30).DayNumber].Select(DateOnly.FromDayNumber);

    [Fact]
    public void A_due_date_is_always_a_working_day_after_the_event()
    {
        Gen.Select(Dates, Gen.Int[1, 30]).Sample((date, days) =>
        {
            var due = Calendar.AddWorkingDays(date, days);
            return due > date && Calendar.IsWorkingDay(due);
        });
    }

    [Fact]
    public void Exactly_n_working_days_lie_between_the_event_and_its_due_date()
    {
        Gen.Select(Dates, Gen.Int[0, 30]).Sample((date, days) =>
        {
            var due = Calendar.AddWorkingDays(date, days);
            var counted = 0;
            for (var d = date.AddDays(1); d <= due; d = d.AddDays(1))
            {
                counted += Calendar.IsWorkingDay(d) ? 1 : 0;
            }
            return counted == days;
        });
    }

    [Fact]
    public void Adding_working_days_in_two_steps_is_the_same_as_in_one()
    {
        Gen.Select(Dates, Gen.Int[0, 15], Gen.Int[0, 15]).Sample((date, a, b) =>
            Calendar.AddWorkingDays(Calendar.AddWorkingDays(date, a), b) == Calendar.AddWorkingDays(date, a + b) || !Calendar.IsWorkingDay(date) && a == 0);
    }

    [Fact]
    public void An_enhanced_deadline_is_never_later_than_a_standard_one()
    {
        Gen.Select(Dates, Gen.Int[0, 86_399]).Sample((date, second) =>
        {
            var instant = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(second);
            return Calendar.DueDate(instant, 1) <= Calendar.DueDate(instant, 5);
        });
    }

    [Fact]
    public void The_shipped_calendar_has_eight_bank_holidays_each_year_none_at_a_weekend()
    {
        foreach (var year in Enumerable.Range(2024, 5))
        {
            var days = BankHoliday.EnglandAndWales2024To2028.Where(h => h.Date.Year == year).ToList();
            Assert.Equal(8, days.Count);
            Assert.All(days, h => Assert.True(h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{h.Name} {h.Date} falls at a weekend"));
        }
    }
}
