using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;

namespace Waypoint.IntegrationTests.Entitlements.Ledger;

/// <summary>What the ledger tests share: the case's obligations as stored, the working-day calendar, and the record-action form.</summary>
public static class LedgerSteps
{
    public static Task<List<Obligation>> ObligationsAsync(WaypointApp app, Guid caseId) =>
        app.Data.QueryAsync(db => db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId).OrderBy(o => o.CreatedAt).ThenBy(o => o.Rule).ToListAsync());

    public static async Task<Obligation> ObligationAsync(WaypointApp app, Guid caseId, string rule) =>
        (await ObligationsAsync(app, caseId)).Single(o => o.Rule == rule);

    public static async Task<WorkingDayCalendar> CalendarAsync(WaypointApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkingDays>().CalendarAsync();
    }

    public static Task<List<string>> TimelineAsync(WaypointApp app, Guid caseId) =>
        app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).OrderBy(t => t.At).Select(t => t.Summary).ToListAsync());

    public static DateOnly Today => UkTime.Today(DateTime.UtcNow);

    /// <summary>Fills in the record-action form as a browser without JavaScript would, ticking <paramref name="meets"/>.</summary>
    public static async Task<HttpResponseMessage> RecordActionAsync(HttpClient client, Guid caseId, string kind, DateOnly on, string summary, params Guid[] meets)
    {
        var url = $"/cases/{caseId}/actions/new";
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Kind", kind),
            new("Input.Day", on.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Month", on.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Year", on.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Summary", summary),
        };
        fields.AddRange(meets.Select(m => new KeyValuePair<string, string>("Input.Meets", m.ToString())));
        return await Forms.PostWithTokenAsync(client, url, "record-action", Forms.TokenFrom(await page.Content.ReadAsStringAsync()), fields);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
