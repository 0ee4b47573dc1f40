using System.Globalization;
using CsCheck;
using Waypoint.Platform.Calendar;

namespace Waypoint.UnitTests.Calendar;

/// <summary>
/// The A1 counting rule beyond Platform/WorkingDaysTests (which holds the worked examples and the basic properties
/// on the shipped calendar): the minute either side of a London midnight in winter and summer, every instant around
/// both clock changes, and properties that hold for any set of bank holidays, including one an administrator adds.
/// </summary>
public sealed class WorkingDayClockTests
{
    private static readonly HashSet<DateOnly> Shipped = BankHoliday.EnglandAndWales2024To2028.Select(h => h.Date).ToHashSet();
    private static readonly WorkingDayCalendar Calendar = new(Shipped);
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTime Utc(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    // Winter (GMT): London and UTC agree. Thursday 19 November 2026, 23:59 and Friday 20 November, 00:01.
    [InlineData("2026-11-19T23:59:00Z", "2026-11-20")]
    [InlineData("2026-11-20T00:01:00Z", "2026-11-23")]
    // Summer (BST, UTC+1): 23:59 London on Tuesday 7 July is 22:59 UTC; 00:01 London on Wednesday 8 July is 23:01 UTC on the 7th.
    [InlineData("2026-07-07T22:59:00Z", "2026-07-08")]
    [InlineData("2026-07-07T23:01:00Z", "2026-07-09")]
    // In summer, 23:30 UTC is already the next London day: Friday 23:30 UTC is Saturday 00:30, Thursday 23:30 UTC is Friday 00:30.
    [InlineData("2026-07-10T23:30:00Z", "2026-07-13")]
    [InlineData("2026-07-10T22:30:00Z", "2026-07-13")]
    [InlineData("2026-07-09T23:30:00Z", "2026-07-13")]
    public void An_event_a_minute_either_side_of_a_London_midnight_counts_from_its_London_date(string eventUtc, string due) =>
        Assert.Equal(Date(due), Calendar.DueDate(Utc(eventUtc), 1));

    [Theory]
    // The clocks go forward at 01:00 UTC on the last Sunday of March (29 March 2026, 28 March 2027)...
    [InlineData("2026-03-27T23:59:00Z", "2026-03-30")] // Friday 23:59 GMT
    [InlineData("2026-03-29T00:59:00Z", "2026-03-30")] // Sunday 00:59 GMT, a minute before the change
    [InlineData("2026-03-29T01:00:00Z", "2026-03-30")] // Sunday 02:00 BST
    [InlineData("2026-03-29T22:59:00Z", "2026-03-30")] // Sunday 23:59 BST
    [InlineData("2026-03-29T23:00:00Z", "2026-03-31")] // Monday 00:00 BST
    [InlineData("2027-03-27T23:30:00Z", "2027-03-30")] // Saturday 23:30 GMT before the 2027 change; Easter Monday 29 March 2027 skipped
    [InlineData("2027-03-28T23:30:00Z", "2027-03-30")] // Monday 00:30 BST, Easter Monday itself: due Tuesday
    // ...and back at 01:00 UTC on the last Sunday of October (25 October 2026, 31 October 2027).
    [InlineData("2026-10-23T22:59:00Z", "2026-10-26")] // Friday 23:59 BST
    [InlineData("2026-10-23T23:01:00Z", "2026-10-26")] // Saturday 00:01 BST
    [InlineData("2026-10-25T00:59:00Z", "2026-10-26")] // Sunday 01:59 BST, the first of the two 01:xx hours
    [InlineData("2026-10-25T01:30:00Z", "2026-10-26")] // Sunday 01:30 GMT, the second
    [InlineData("2026-10-25T23:59:00Z", "2026-10-26")] // Sunday 23:59 GMT
    [InlineData("2026-10-26T00:01:00Z", "2026-10-27")] // Monday 00:01 GMT
    [InlineData("2027-10-29T23:30:00Z", "2027-11-01")] // Saturday 00:30 BST before the 2027 change
    public void Events_around_the_last_Sundays_of_March_and_October_count_from_their_London_date(string eventUtc, string due) =>
        Assert.Equal(Date(due), Calendar.DueDate(Utc(eventUtc), 1));

    [Fact]
    public void Every_minute_of_the_clock_change_weekends_counts_from_the_date_a_London_clock_shows()
    {
        foreach (var start in new[] { Utc("2026-03-27T00:00:00Z"), Utc("2026-10-23T00:00:00Z"), Utc("2027-03-26T00:00:00Z"), Utc("2027-10-29T00:00:00Z") })
        {
            for (var t = start; t < start.AddDays(4); t = t.AddMinutes(1))
            {
                var london = TimeZoneInfo.ConvertTimeFromUtc(t, London);
                Assert.Equal(Calendar.AddWorkingDays(DateOnly.FromDateTime(london), 2), Calendar.DueDate(t, 2));
            }
        }
    }

    // Any calendar: the shipped days, or some of them, with others an administrator might add.
    private static readonly Gen<DateOnly> Dates = Gen.Int[new DateOnly(2024, 1, 1).DayNumber, new DateOnly(2028, 12, 31).DayNumber].Select(DateOnly.FromDayNumber);
    private static readonly Gen<HashSet<DateOnly>> Holidays = Gen.Select(Gen.Bool.Array[Shipped.Count], Dates.Array[0, 12],
        (keep, extra) => Shipped.Order().Where((_, i) => keep[i]).Concat(extra).ToHashSet());
    private static readonly Gen<DateTime> Instants = Gen.DateTime[new DateTime(2024, 1, 1), new DateTime(2028, 10, 31)].Select(t => DateTime.SpecifyKind(t, DateTimeKind.Utc));

    [Fact]
    public void On_any_calendar_the_due_date_is_a_working_day_strictly_after_the_events_London_date()
    {
        Gen.Select(Holidays, Instants, Gen.Int[0, 25]).Sample((holidays, instant, days) =>
        {
            var calendar = new WorkingDayCalendar(holidays);
            var due = calendar.DueDate(instant, days);
            return days == 0 ? due == UkTime.Today(instant) : due > UkTime.Today(instant) && calendar.IsWorkingDay(due);
        });
    }

    [Fact]
    public void On_any_calendar_exactly_n_working_days_lie_in_the_event_date_exclusive_to_the_due_date_inclusive()
    {
        Gen.Select(Holidays, Instants, Gen.Int[0, 25]).Sample((holidays, instant, days) =>
        {
            var calendar = new WorkingDayCalendar(holidays);
            var from = UkTime.Today(instant);
            var due = calendar.DueDate(instant, days);
            var counted = 0;
            for (var d = from.AddDays(1); d <= due; d = d.AddDays(1))
            {
                counted += calendar.IsWorkingDay(d) ? 1 : 0;
            }
            return counted == days;
        });
    }

    [Fact]
    public void The_due_date_grows_strictly_with_the_number_of_working_days()
    {
        Gen.Select(Holidays, Instants, Gen.Int[0, 30]).Sample((holidays, instant, days) =>
        {
            var calendar = new WorkingDayCalendar(holidays);
            return calendar.DueDate(instant, days) < calendar.DueDate(instant, days + 1);
        });
    }

    [Fact]
    public void Adding_a_bank_holiday_never_makes_a_due_date_earlier()
    {
        Gen.Select(Holidays, Dates, Instants, Gen.Int[0, 25]).Sample((holidays, added, instant, days) =>
        {
            var before = new WorkingDayCalendar(holidays).DueDate(instant, days);
            var after = new WorkingDayCalendar(holidays.Append(added).ToHashSet()).DueDate(instant, days);
            return after >= before;
        });
    }

    [Fact]
    public void Adding_a_bank_holiday_in_the_counted_days_moves_the_due_date_to_the_next_working_day()
    {
        Gen.Select(Instants, Gen.Int[1, 15], Gen.Int[0, 14]).Sample((instant, days, pick) =>
        {
            var from = UkTime.Today(instant);
            var counted = Enumerable.Range(1, 40).Select(from.AddDays).Where(Calendar.IsWorkingDay).Take(days).ToList();
            var added = counted[pick % counted.Count];
            var before = Calendar.DueDate(instant, days);
            var calendar = new WorkingDayCalendar(Shipped.Append(added).ToHashSet());
            return calendar.DueDate(instant, days) == calendar.AddWorkingDays(before, 1);
        });
    }

    [Fact]
    public void A_bank_holiday_at_a_weekend_changes_no_due_date()
    {
        Gen.Select(Dates.Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday), Instants, Gen.Int[0, 25]).Sample((weekend, instant, days) =>
            new WorkingDayCalendar(Shipped.Append(weekend).ToHashSet()).DueDate(instant, days) == Calendar.DueDate(instant, days));
    }
}
