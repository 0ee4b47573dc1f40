using System.Net;
using System.Text.RegularExpressions;

namespace Waypoint.IntegrationTests.Infrastructure;

/// <summary>Submits server-rendered forms the way a browser without JavaScript does: GET the page, POST with its antiforgery token.</summary>
public static partial class Forms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Where a redirect points, as a path and query, whether the server sent it absolute or relative.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static string TokenFrom(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token:\n" + html[..Math.Min(html.Length, 2000)]);
    }

    /// <summary>GETs <paramref name="url"/>, then POSTs the named form to it with the given fields.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)page.StatusCode}");
        }
        return await PostWithTokenAsync(client, url, formName, TokenFrom(html), fields.Select(kv => KeyValuePair.Create(kv.Key, kv.Value)));
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string url, string formName, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", token) };
        all.AddRange(fields);
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(url, content);
    }
}
