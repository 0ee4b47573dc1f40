using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Intake.Cohort;

internal static class CohortJson
{
    /// <summary>GET /api/v1/cohort?query: the rows' last names in order, and X-Total-Count.</summary>
    public static async Task<(List<string> LastNames, int Total)> CohortAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/cohort?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await response.Content.ReadFromJsonAsync<List<Dictionary<string, JsonElement>>>();
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        return (rows!.Select(r => r["lastName"].GetString()!).ToList(), total);
    }

    /// <summary>GETs the cohort page at <paramref name="url"/> for its antiforgery token, then posts the allocation form there.</summary>
    public static async Task<HttpResponseMessage> PostCohortFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(url);
        return await Forms.PostWithTokenAsync(client, url, "cohort-allocate", Forms.TokenFrom(html), fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
    }
}
