using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Intake.Feeds;

public sealed record QuarantineItem(int Row, List<string> Reasons);

public sealed record FeedResult(Guid ImportId, int RowsRead, int Created, int Updated, int Unchanged, int Quarantined, List<string> Warnings, List<QuarantineItem> Quarantine)
{
    public List<string> ReasonsOf(int row) => Quarantine.Single(q => q.Row == row).Reasons;
}

/// <summary>A force with an API token that may send feeds, and feed files built from rows of field name to text.</summary>
public sealed class FeedSender(WaypointApp app, Organisation force, HttpClient api)
{
    public Organisation Force { get; } = force;
    public HttpClient Api { get; } = api;

    public static async Task<FeedSender> ForNewForceAsync(WaypointApp app, string? code = null)
    {
        var force = await app.Data.OrganisationAsync(code ?? "F" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant());
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        return new FeedSender(app, force, app.Api(await app.Data.TokenAsync(force, admin, Permissions.FeedsWrite, Permissions.CasesRead)));
    }

    public WaypointApp App => app;

    /// <summary>A valid victims row on this force; override or add fields with (name, value), a null value removes the field.</summary>
    public Dictionary<string, string?> Victim(string crime, string person, params (string Field, string? Value)[] changes)
    {
        var row = new Dictionary<string, string?>
        {
            ["force_code"] = Force.Code,
            ["crime_reference"] = crime,
            ["person_reference"] = person,
            ["role"] = "victim",
            ["date_reported"] = "2026-03-02",
            ["date_of_offence"] = "2026-03-01",
            ["offence_code"] = "8N",
            ["offence_description"] = "Assault occasioning actual bodily harm",
            ["offence_flags"] = "",
            ["first_name"] = "Alex",
            ["last_name"] = "Morgan",
            ["date_of_birth"] = "1985-06-01",
            ["mobile"] = "07700 900123",
            ["email"] = "alex@example.org",
            ["postcode"] = "NS1 1AB",
            ["preferred_language"] = "en",
            ["interpreter_required"] = "no",
            ["consent_to_referral"] = "not_asked",
        };
        return Change(row, changes);
    }

    public Dictionary<string, string?> Event(string crime, string eventId, params (string Field, string? Value)[] changes) => Change(new Dictionary<string, string?>
    {
        ["force_code"] = Force.Code,
        ["crime_reference"] = crime,
        ["event_id"] = eventId,
        ["event_type"] = "suspect_arrested",
        ["event_at"] = "2026-03-05T14:30",
        ["details"] = "Arrested at home address",
        ["suspect_reference"] = "SUSPECT-42",
    }, changes);

    private static Dictionary<string, string?> Change(Dictionary<string, string?> row, (string Field, string? Value)[] changes)
    {
        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                row.Remove(field);
            }
            else
            {
                row[field] = value;
            }
        }
        return row;
    }

    public static string Csv(IEnumerable<Dictionary<string, string?>> rows)
    {
        var list = rows.ToList();
        var columns = list.SelectMany(r => r.Keys).Distinct().ToList();
        var s = new StringBuilder();
        s.Append(string.Join(',', columns.Select(Quote))).Append("\r\n");
        foreach (var row in list)
        {
            s.Append(string.Join(',', columns.Select(c => Quote(row.GetValueOrDefault(c) ?? "")))).Append("\r\n");
        }
        return s.ToString();
    }

    public static string Json(IEnumerable<Dictionary<string, string?>> rows) => JsonSerializer.Serialize(rows);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public Task<HttpResponseMessage> PostAsync(string feed, string body, string contentType = "text/csv") =>
        Api.PostAsync($"/api/v1/feeds/{feed}", new StringContent(body, new UTF8Encoding(false), contentType));

    public Task<HttpResponseMessage> PostAsync(string feed, byte[] body, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return Api.PostAsync($"/api/v1/feeds/{feed}", content);
    }

    public async Task<FeedResult> VictimsAsync(params Dictionary<string, string?>[] rows) => await ResultAsync(await PostAsync("victims", Csv(rows)));

    public async Task<FeedResult> EventsAsync(params Dictionary<string, string?>[] rows) => await ResultAsync(await PostAsync("investigation-events", Csv(rows)));

    public static async Task<FeedResult> ResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var result = JsonSerializer.Deserialize<FeedResult>(body, JsonSerializerOptions.Web)!;
        Assert.Equal(result.RowsRead, result.Created + result.Updated + result.Unchanged + result.Quarantined);
        return result;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string NewRef(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}
