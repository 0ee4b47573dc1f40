using Waypoint.Modules.Entitlements.Settings.BankHolidays;
using Waypoint.Modules.Entitlements.Settings.Shared;
using static Waypoint.UnitTests.Entitlements.EntitlementsTestData;

namespace Waypoint.UnitTests.Entitlements.Settings;

public sealed class CalendarInputTests
{
    [Theory]
    [InlineData("19", "9", "2022", "2022-09-19", null)]
    [InlineData(" 3 ", "05", "2027", "2027-05-03", null)]
    [InlineData("", "", "", null, "Enter the date of the bank holiday")]
    [InlineData("3", "", "2027", null, "The date of the bank holiday must include a month")]
    [InlineData("", "", "2027", null, "The date of the bank holiday must include a day and a month")]
    [InlineData("29", "2", "2027", null, "The date of the bank holiday must be a real date")]
    [InlineData("1", "13", "2027", null, "The date of the bank holiday must be a real date")]
    [InlineData("x", "1", "2027", null, "The date of the bank holiday must be a real date")]
    [InlineData("1", "1", "27", null, "Year must include 4 numbers")]
    public void A_date_typed_in_three_fields_is_read_or_gets_the_GOV_UK_message(string day, string month, string year, string? date, string? error)
    {
        var (read, problem) = new DateParts { Day = day, Month = month, Year = year }.Read("the date of the bank holiday");

        Assert.Equal(date is null ? null : Date(date), read);
        Assert.Equal(error, problem);
    }

    [Fact]
    public void A_weekend_day_cannot_be_a_bank_holiday_because_it_would_change_nothing()
    {
        Assert.Contains("is a Saturday", BankHolidaysHandler.DateProblem(Date("2026-11-14")), StringComparison.Ordinal);
        Assert.Contains("is a Sunday", BankHolidaysHandler.DateProblem(Date("2026-11-15")), StringComparison.Ordinal);
        Assert.Null(BankHolidaysHandler.DateProblem(Date("2026-11-16")));
        Assert.NotNull(BankHolidaysHandler.DateProblem(Date("1999-12-31")));
    }

    [Fact]
    public void A_days_key_is_its_ISO_date_and_nothing_else_parses()
    {
        Assert.Equal("2026-12-28", BankHolidaysHandler.Key(Date("2026-12-28")));
        Assert.Equal(Date("2026-12-28"), BankHolidaysHandler.ParseKey("2026-12-28"));
        Assert.Null(BankHolidaysHandler.ParseKey("28/12/2026"));
        Assert.Null(BankHolidaysHandler.ParseKey("new"));
    }
}
