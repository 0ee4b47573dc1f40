using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Waypoint.Platform.Calendar;

/// <summary>A bank holiday in England and Wales (substitute days included). Data, editable by administrators.</summary>
public sealed class BankHoliday
{
    private BankHoliday() { }

    public BankHoliday(DateOnly date, string name)
    {
        Date = date;
        Name = name.Trim();
    }

    public const int NameMaxLength = 100;

    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>A day's name is corrected or made more precise ("(substitute day)"); its date is its identity and never changes.</summary>
    public void Rename(string name) => Name = name.Trim();

    /// <summary>England and Wales, 2024-2028, as published by GOV.UK: shipped with the product (domain.md A1).</summary>
    public static IReadOnlyList<BankHoliday> EnglandAndWales2024To2028 { get; } =
    [
        new(new(2024, 1, 1), "New Year's Day"), new(new(2024, 3, 29), "Good Friday"), new(new(2024, 4, 1), "Easter Monday"),
        new(new(2024, 5, 6), "Early May bank holiday"), new(new(2024, 5, 27), "Spring bank holiday"), new(new(2024, 8, 26), "Summer bank holiday"),
        new(new(2024, 12, 25), "Christmas Day"), new(new(2024, 12, 26), "Boxing Day"),
        new(new(2025, 1, 1), "New Year's Day"), new(new(2025, 4, 18), "Good Friday"), new(new(2025, 4, 21), "Easter Monday"),
        new(new(2025, 5, 5), "Early May bank holiday"), new(new(2025, 5, 26), "Spring bank holiday"), new(new(2025, 8, 25), "Summer bank holiday"),
        new(new(2025, 12, 25), "Christmas Day"), new(new(2025, 12, 26), "Boxing Day"),
        new(new(2026, 1, 1), "New Year's Day"), new(new(2026, 4, 3), "Good Friday"), new(new(2026, 4, 6), "Easter Monday"),
        new(new(2026, 5, 4), "Early May bank holiday"), new(new(2026, 5, 25), "Spring bank holiday"), new(new(2026, 8, 31), "Summer bank holiday"),
        new(new(2026, 12, 25), "Christmas Day"), new(new(2026, 12, 28), "Boxing Day (substitute day)"),
        new(new(2027, 1, 1), "New Year's Day"), new(new(2027, 3, 26), "Good Friday"), new(new(2027, 3, 29), "Easter Monday"),
        new(new(2027, 5, 3), "Early May bank holiday"), new(new(2027, 5, 31), "Spring bank holiday"), new(new(2027, 8, 30), "Summer bank holiday"),
        new(new(2027, 12, 27), "Christmas Day (substitute day)"), new(new(2027, 12, 28), "Boxing Day (substitute day)"),
        new(new(2028, 1, 3), "New Year's Day (substitute day)"), new(new(2028, 4, 14), "Good Friday"), new(new(2028, 4, 17), "Easter Monday"),
        new(new(2028, 5, 1), "Early May bank holiday"), new(new(2028, 5, 29), "Spring bank holiday"), new(new(2028, 8, 28), "Summer bank holiday"),
        new(new(2028, 12, 25), "Christmas Day"), new(new(2028, 12, 26), "Boxing Day"),
    ];
}

internal sealed class BankHolidayConfiguration : IEntityTypeConfiguration<BankHoliday>
{
    public void Configure(EntityTypeBuilder<BankHoliday> b)
    {
        b.ToTable("bank_holidays");
        b.HasKey(h => h.Date);
        b.Property(h => h.Name).HasMaxLength(BankHoliday.NameMaxLength);
        b.HasData(BankHoliday.EnglandAndWales2024To2028.Select(h => new { h.Date, h.Name }));
    }
}
