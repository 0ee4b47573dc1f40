using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Database;

namespace Waypoint.Platform.Calendar;

/// <summary>
/// The working-day rule of domain.md A1: Monday to Friday, not a bank holiday in England and Wales, counted on
/// Europe/London local dates. "Within N working days of an event" is the end of the N-th working day after the
/// event's local date; the event's own day never counts.
/// </summary>
public sealed class WorkingDayCalendar(IReadOnlySet<DateOnly> holidays)
{
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>The due date of something that must happen within <paramref name="days"/> working days of <paramref name="eventUtc"/>.</summary>
    public DateOnly DueDate(DateTime eventUtc, int days) => AddWorkingDays(UkTime.Today(eventUtc), days);

    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }
        return date;
    }

    /// <summary>The last working day strictly before <paramref name="date"/>: where "new since the last working day" starts.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        var d = date.AddDays(-1);
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(-1);
        }
        return d;
    }
}

/// <summary>Loads the calendar from the bank-holiday table (small: a few dozen rows), once per request scope.</summary>
public sealed class WorkingDays(AppDbContext db)
{
    private WorkingDayCalendar? _calendar;

    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct = default) =>
        _calendar ??= new WorkingDayCalendar((await db.BankHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct)).ToHashSet());
}
