using System.Net;
using System.Text.RegularExpressions;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Administration;

/// <summary>Form posts with repeated fields (checkboxes), and reading what a page shows once.</summary>
internal static partial class AdminForms
{
    [GeneratedRegex("data-testid=\"(?:temporary-password|token-secret)\">([^<]+)<")]
    private static partial Regex SecretPattern();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, params (string Name, string Value)[] fields)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)page.StatusCode}");
        }
        return await Forms.PostWithTokenAsync(client, url, formName, Forms.TokenFrom(html), fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
    }

    /// <summary>The password or token a page shows once, or null when it shows none.</summary>
    public static string? SecretIn(string html)
    {
        var match = SecretPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    public static Guid IdIn(string location, int segment) => Guid.Parse(location.Split('/', '?')[segment]);
}
