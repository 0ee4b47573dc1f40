using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Oversight;

/// <summary>An audit entry as the API returns it.</summary>
public sealed record AuditEntryJson(
    long Sequence, DateTime OccurredAt, string Operation, Guid? UserId, string UserName, Guid? OrganisationId, string? OrganisationName,
    string? RecordType, string? RecordId, Guid? PersonId, string? Field, string? OldValue, string? NewValue, string? Recipient,
    string? Detail, string Channel, string? CorrelationId, string Hash);

public sealed record VerificationJson(bool Intact, long EntriesChecked, long? FirstBadSequence, string? Problem);

internal static class AuditTestHelpers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>GET /api/v1/audit/entries with a query string; the entries and X-Total-Count.</summary>
    public static async Task<(List<AuditEntryJson> Entries, int Total)> EntriesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/audit/entries?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = JsonSerializer.Deserialize<List<AuditEntryJson>>(await response.Content.ReadAsStringAsync(), Json)!;
        return (entries, int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<VerificationJson> VerificationAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/audit/verification");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<VerificationJson>(await response.Content.ReadAsStringAsync(), Json)!;
    }

    /// <summary>The status a browser ends on, following one redirect (to the forbidden page, for instance).</summary>
    public static async Task<HttpStatusCode> FinalStatusAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            response = await client.GetAsync(Forms.Location(response));
        }
        return response.StatusCode;
    }

    public static Task<Guid> PersonOfCaseAsync(WaypointApp app, Guid caseId) =>
        app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.PersonId).SingleAsync());

    public static int RowCount(string html) => html.Split("data-sequence=\"").Length - 1;
}
