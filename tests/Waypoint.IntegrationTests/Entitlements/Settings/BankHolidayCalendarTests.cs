using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Entitlements.Settings;

/// <summary>The bank-holiday calendar is one table shared by every organisation: these tests share one database and change it.</summary>
public sealed class BankHolidayCalendarTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> DayFields(DateOnly date, string name) => new()
    {
        ["Input.Date.Day"] = date.Day.ToString(CultureInfo.InvariantCulture),
        ["Input.Date.Month"] = date.Month.ToString(CultureInfo.InvariantCulture),
        ["Input.Date.Year"] = date.Year.ToString(CultureInfo.InvariantCulture),
        ["Input.Name"] = name,
    };

    private Task<Obligation> ReferralOfAsync(Guid caseId) =>
        app.Data.QueryAsync(db => db.Obligations.AsNoTracking().SingleAsync(o => o.CaseId == caseId && o.Rule == CodeRules.Referral));

    [Fact]
    public async Task A_bank_holiday_added_by_an_administrator_moves_the_due_date_of_cases_recorded_afterwards_only()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);
        var before = await ReferralOfAsync(await app.Data.CaseAsync(org, "Before"));
        var holidays = await app.Data.QueryAsync(db => db.BankHolidays.Select(h => h.Date).ToListAsync());
        var day = before.TriggerDate.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(day))
        {
            day = day.AddDays(1);
        }

        var added = await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", DayFields(day, "Proclaimed holiday"));

        Assert.Equal($"/admin/calendar?year={day.Year}&done=added", Forms.Location(added));
        var list = await client.GetStringAsync($"/admin/calendar?year={day.Year}&done=added");
        Assert.Contains("Bank holiday added", list, StringComparison.Ordinal);
        Assert.Contains($"data-date=\"{Key(day)}\"", list, StringComparison.Ordinal);
        var after = await ReferralOfAsync(await app.Data.CaseAsync(org, "After"));
        Assert.Equal(before.TriggerDate, after.TriggerDate);
        Assert.True(after.DueOn > before.DueOn, $"{after.DueOn} should be after {before.DueOn}");
        Assert.Equal(before.DueOn, (await ReferralOfAsync(before.CaseId)).DueOn);
        var entry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e =>
            e.Operation == AuditOperation.Administration && e.RecordType == "BankHoliday" && e.RecordId == Key(day)));
        Assert.Equal((null, "Proclaimed holiday", admin.Id), (entry.OldValue, entry.NewValue, entry.UserId));
    }

    [Fact]
    public async Task The_calendar_page_shows_a_years_days_says_it_is_shared_and_when_changes_apply()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));

        var html = await client.GetStringAsync("/admin/calendar?year=2026");

        Assert.Contains("England and Wales", html, StringComparison.Ordinal);
        Assert.Contains("shared by every unit", html, StringComparison.Ordinal);
        Assert.Contains("Due dates already worked out are not recalculated", html, StringComparison.Ordinal);
        Assert.Contains("Friday 25 December 2026", html, StringComparison.Ordinal);
        Assert.Contains("Boxing Day (substitute day)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("25 December 2025", html, StringComparison.Ordinal);
        foreach (var year in new[] { 2024, 2025, 2027, 2028 })
        {
            Assert.Contains($"href=\"/admin/calendar?year={year}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("aria-current=\"page\" href=\"/admin/calendar?year=2026\"", html, StringComparison.Ordinal);
        Assert.Contains("No bank holidays are recorded for 2035", await client.GetStringAsync("/admin/calendar?year=2035"), StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/calendar\"", await client.GetStringAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_date_a_weekend_and_an_incomplete_date_are_refused_with_reasons()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));

        var duplicate = await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", DayFields(new DateOnly(2026, 12, 25), "Christmas again"));
        var weekend = await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", DayFields(new DateOnly(2031, 11, 15), "A Saturday"));
        var incomplete = await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", new()
        {
            ["Input.Date.Day"] = "3",
            ["Input.Date.Month"] = "",
            ["Input.Date.Year"] = "2031",
            ["Input.Name"] = "",
        });
        var unreal = await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", new()
        {
            ["Input.Date.Day"] = "31",
            ["Input.Date.Month"] = "2",
            ["Input.Date.Year"] = "2031",
            ["Input.Name"] = "Never",
        });

        var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Error: Add a bank holiday", duplicateHtml, StringComparison.Ordinal);
        Assert.Contains("Friday 25 December 2026 is already a bank holiday (Christmas Day)", duplicateHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#Date\"", duplicateHtml, StringComparison.Ordinal);
        Assert.Contains("15 November 2031 is a Saturday: weekends are never working days, so a bank holiday on one would change nothing",
            WebUtility.HtmlDecode(await weekend.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var incompleteHtml = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("The date of the bank holiday must include a month", incompleteHtml, StringComparison.Ordinal);
        Assert.Contains("Enter the name of the bank holiday", incompleteHtml, StringComparison.Ordinal);
        Assert.Contains("The date of the bank holiday must be a real date", await unreal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Christmas Day", await app.Data.QueryAsync(db => db.BankHolidays.Where(h => h.Date == new DateOnly(2026, 12, 25)).Select(h => h.Name).SingleAsync()));
        Assert.False(await app.Data.QueryAsync(db => db.BankHolidays.AnyAsync(h => h.Date.Year == 2031)));
    }

    [Fact]
    public async Task An_administrator_renames_and_removes_a_day_after_confirming_and_both_are_audited_with_the_old_and_new_names()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));
        var day = new DateOnly(2032, 6, 4);
        await Forms.PostAsync(client, "/admin/calendar/new", "add-bank-holiday", DayFields(day, "Jubilee"));

        var renamed = await Forms.PostAsync(client, $"/admin/calendar/{Key(day)}", "rename-bank-holiday", new() { ["Input.Name"] = "Platinum Jubilee bank holiday" });

        Assert.Equal("/admin/calendar?year=2032&done=renamed", Forms.Location(renamed));
        var confirm = await client.GetStringAsync($"/admin/calendar/{Key(day)}/remove");
        Assert.Contains("Are you sure you want to remove Platinum Jubilee bank holiday, Friday 4 June 2032?", confirm, StringComparison.Ordinal);
        var removed = await Forms.PostAsync(client, $"/admin/calendar/{Key(day)}/remove", "remove-bank-holiday", new() { ["Confirm.Date"] = Key(day) });
        Assert.Equal("/admin/calendar?year=2032&done=removed", Forms.Location(removed));
        Assert.False(await app.Data.QueryAsync(db => db.BankHolidays.AnyAsync(h => h.Date == day)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/calendar/{Key(day)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/calendar/not-a-date")).StatusCode);
        var entries = await app.Data.QueryAsync(db => db.AuditEntries
            .Where(e => e.Operation == AuditOperation.Administration && e.RecordType == "BankHoliday" && e.RecordId == Key(day))
            .OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(
            [(null, "Jubilee"), ("Jubilee", "Platinum Jubilee bank holiday"), ("Platinum Jubilee bank holiday", null)],
            entries.Select(e => (e.OldValue, e.NewValue)));
        Assert.All(entries, e => Assert.Contains("4 June 2032", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_lists_a_year_adds_renames_and_removes_a_day()
    {
        var org = await app.Data.OrganisationAsync();
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.UnitAdministrator));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", Forms.TokenFrom(await client.GetStringAsync("/admin/calendar/new")));

        var year = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/bank-holidays?year=2027");

        Assert.Equal(8, year.GetArrayLength());
        Assert.Equal("2027-01-01", year[0].GetProperty("date").GetString());
        Assert.Equal("New Year's Day", year[0].GetProperty("name").GetString());
        Assert.Equal("friday", year[0].GetProperty("weekday").GetString());
        var created = await client.PostAsJsonAsync("/api/v1/admin/bank-holidays", new { date = "2033-09-19", name = "State funeral" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/admin/bank-holidays/2033-09-19", created.Headers.Location?.ToString());
        Assert.Equal("State funeral", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var duplicate = await client.PostAsJsonAsync("/api/v1/admin/bank-holidays", new { date = "2033-09-19", name = "Again" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Date", out _));
        var weekend = await client.PostAsJsonAsync("/api/v1/admin/bank-holidays", new { date = "2033-09-17", name = "Saturday" });
        Assert.Equal(HttpStatusCode.BadRequest, weekend.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/v1/admin/bank-holidays/2033-09-19", new { name = "State funeral bank holiday" })).StatusCode);
        Assert.Equal("State funeral bank holiday", (await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/bank-holidays/2033-09-19")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/admin/bank-holidays/2033-09-19")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/admin/bank-holidays/2033-09-19")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/admin/bank-holidays/someday")).StatusCode);
        var entries = await app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.RecordType == "BankHoliday" && e.RecordId == "2033-09-19").ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("api", e.Channel));
    }

    [Fact]
    public async Task Other_roles_and_machine_clients_are_refused_the_calendar()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.TeamLeader));

        foreach (var url in new[] { "/admin/calendar", "/admin/calendar/new", "/admin/calendar/2026-12-25", "/admin/calendar/2026-12-25/remove" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/forbidden", Forms.Location(response), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/bank-holidays")).StatusCode);
        var machine = app.Api(await app.Data.TokenAsync(org, admin));
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/admin/bank-holidays")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.DeleteAsync("/api/v1/admin/bank-holidays/2026-12-25")).StatusCode);
        Assert.True(await app.Data.QueryAsync(db => db.BankHolidays.AnyAsync(h => h.Date == new DateOnly(2026, 12, 25))));
    }
}
