using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Settings.BankHolidays;

/// <summary>A bank holiday of the England and Wales calendar.</summary>
public sealed record BankHolidayRow(DateOnly Date, string Name, DayOfWeek Weekday);

public sealed class BankHolidayRequest
{
    public DateOnly? Date { get; set; }
    public string? Name { get; set; }
}

public sealed class RenameBankHolidayRequest
{
    public string? Name { get; set; }
}

/// <summary>
/// The England and Wales bank-holiday calendar, one table shared by every organisation: any Unit Administrator may
/// add a day (one-off holidays are proclaimed at short notice), rename or remove one. Clocks started afterwards use
/// the new calendar; due dates already worked out stay as they were.
/// </summary>
internal sealed class BankHolidaysHandler(AppDbContext db, AuditScope audit)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The days of one year, or every day when no year is given.</summary>
    public async Task<Result<IReadOnlyList<BankHolidayRow>>> ListAsync(int? year, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var days = db.BankHolidays.AsNoTracking();
        if (year is { } y)
        {
            if (y is < FirstYear or > LastYear)
            {
                return Result<IReadOnlyList<BankHolidayRow>>.Ok([]);
            }
            var from = new DateOnly(y, 1, 1);
            var to = from.AddYears(1);
            days = days.Where(h => h.Date >= from && h.Date < to);
        }
        var rows = await days.Select(h => new { h.Date, h.Name }).ToListAsync(ct);
        return Result<IReadOnlyList<BankHolidayRow>>.Ok(rows.OrderBy(r => r.Date).Select(r => new BankHolidayRow(r.Date, r.Name, r.Date.DayOfWeek)).ToList());
    }

    /// <summary>The years that have days, and the current one, for the year picker.</summary>
    public async Task<Result<IReadOnlyList<int>>> YearsAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var dates = await db.BankHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        var years = dates.Select(d => d.Year).Append(UkTime.Today(actor.Now).Year).Distinct().Order().ToList();
        return Result<IReadOnlyList<int>>.Ok(years);
    }

    public async Task<Result<BankHolidayRow>> GetAsync(DateOnly date, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var day = await db.BankHolidays.AsNoTracking().SingleOrDefaultAsync(h => h.Date == date, ct);
        return day is null ? Fail.NotFound : Result<BankHolidayRow>.Ok(Row(day));
    }

    public async Task<Result<BankHolidayRow>> AddAsync(BankHolidayRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var errors = new Dictionary<string, string[]>();
        if (r.Date is not { } date)
        {
            errors[nameof(r.Date)] = ["Enter the date of the bank holiday"];
        }
        else if (DateProblem(date) is { } problem)
        {
            errors[nameof(r.Date)] = [problem];
        }
        else if (await db.BankHolidays.AnyAsync(h => h.Date == date, ct))
        {
            var existing = await db.BankHolidays.AsNoTracking().Where(h => h.Date == date).Select(h => h.Name).SingleAsync(ct);
            errors[nameof(r.Date)] = [$"{Display(date)} is already a bank holiday ({existing}): change its name instead"];
        }
        if (NameProblem(r.Name) is { } nameProblem)
        {
            errors[nameof(r.Name)] = [nameProblem];
        }
        if (errors.Count > 0)
        {
            return Fail.Rejected(errors);
        }
        var day = new BankHoliday(r.Date!.Value, r.Name!);
        db.BankHolidays.Add(day);
        audit.Record(AuditOperation.Administration, "BankHoliday", Key(day.Date),
            detail: $"Bank holiday {Display(day.Date)} added: '{day.Name}'", field: nameof(BankHoliday.Name), newValue: day.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator added the same day in between: the date is the key.
            return Fail.Rejected(nameof(r.Date), $"{Display(day.Date)} is already a bank holiday: change its name instead");
        }
        return Result<BankHolidayRow>.Created(Row(day));
    }

    public async Task<Result> RenameAsync(DateOnly date, RenameBankHolidayRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var day = await db.BankHolidays.SingleOrDefaultAsync(h => h.Date == date, ct);
        if (day is null)
        {
            return Result.NotFound();
        }
        if (NameProblem(r.Name) is { } problem)
        {
            return Result.Rejected(nameof(r.Name), problem);
        }
        var before = day.Name;
        day.Rename(r.Name!);
        if (day.Name == before)
        {
            return Result.Ok();
        }
        audit.Record(AuditOperation.Administration, "BankHoliday", Key(date),
            detail: $"Bank holiday {Display(date)} renamed: '{before}' -> '{day.Name}'", field: nameof(BankHoliday.Name), oldValue: before, newValue: day.Name);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> RemoveAsync(DateOnly date, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var day = await db.BankHolidays.SingleOrDefaultAsync(h => h.Date == date, ct);
        if (day is null)
        {
            return Result.NotFound();
        }
        db.BankHolidays.Remove(day);
        audit.Record(AuditOperation.Administration, "BankHoliday", Key(date),
            detail: $"Bank holiday {Display(date)} removed: '{day.Name}'", field: nameof(BankHoliday.Name), oldValue: day.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else removed it first: the outcome the person wanted.
            return Result.Ok();
        }
        return Result.Ok();
    }

    /// <summary>Why a date cannot be a bank holiday, or null. A weekend is never a working day, so it would change nothing.</summary>
    public static string? DateProblem(DateOnly date)
    {
        if (date.Year is < FirstYear or > LastYear)
        {
            return $"The date must be between {FirstYear} and {LastYear}";
        }
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return $"{date.ToString("d MMMM yyyy", EnGb)} is a {date.DayOfWeek}: weekends are never working days, so a bank holiday on one would change nothing. Enter the weekday it is observed on (the substitute day)";
        }
        return null;
    }

    private static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Enter the name of the bank holiday";
        }
        return name.Trim().Length > BankHoliday.NameMaxLength ? $"The name must be {BankHoliday.NameMaxLength} characters or fewer" : null;
    }

    /// <summary>The date as an address and a record id: 2026-12-25.</summary>
    public static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseKey(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string Display(DateOnly date) => date.ToString("dddd d MMMM yyyy", EnGb);

    private static BankHolidayRow Row(BankHoliday day) => new(day.Date, day.Name, day.Date.DayOfWeek);
}
