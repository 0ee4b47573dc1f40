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

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\b(name|value|type)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AttributePattern();

    /// <summary>
    /// The values a browser would submit from a page's inputs: text and hidden inputs as filled in, radios and
    /// checkboxes only when checked. Enough for the server-rendered forms here (no selects or textareas are read).
    /// </summary>
    public static Dictionary<string, string> FieldsFrom(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            var attributes = AttributePattern().Matches(tag).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            if (!attributes.TryGetValue("name", out var name) || name.StartsWith('_'))
            {
                continue;
            }
            var type = attributes.GetValueOrDefault("type", "text").ToLowerInvariant();
            if (type is "radio" or "checkbox" && !tag.Contains(" checked", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            fields[name] = attributes.GetValueOrDefault("value", "");
        }
        return fields;
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
