using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Care.Plan;

/// <summary>What the support plan and closure tests share: forms filled in as a browser without JavaScript would.</summary>
public static class CareSteps
{
    public static readonly string[] Questions = ["coping", "safety", "health", "informed", "justice"];

    public static string D(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Date(string prefix, DateOnly date) => new()
    {
        [prefix + "Day"] = D(date.Day),
        [prefix + "Month"] = D(date.Month),
        [prefix + "Year"] = D(date.Year),
    };

    /// <summary>Form fields answering every question: one score each, in question order ("none" for did not answer).</summary>
    public static Dictionary<string, string> Answers(string prefix, params string[] scores) =>
        Questions.Zip(scores).ToDictionary(p => $"{prefix}[{p.First}]", p => p.Second);

    public static Dictionary<string, string> With(this Dictionary<string, string> fields, Dictionary<string, string> more)
    {
        foreach (var (k, v) in more)
        {
            fields[k] = v;
        }
        return fields;
    }

    public static Task<HttpResponseMessage> StartPlanAsync(HttpClient client, Guid caseId, DateOnly nextReview) =>
        Forms.PostAsync(client, $"/cases/{caseId}/plan", "create-plan", Date("Input.", nextReview));

    public static Task<HttpResponseMessage> AddGoalAsync(HttpClient client, Guid caseId, string text) =>
        Forms.PostAsync(client, $"/cases/{caseId}/plan/goals/new", "goal", new() { ["Input.Text"] = text });

    /// <summary>Posts a browser session's JSON call to the API with the antiforgery token of a page it has read.</summary>
    public static async Task<HttpResponseMessage> SessionPostAsync(HttpClient client, string pageUrl, string apiUrl, object body)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, apiUrl) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", Forms.TokenFrom(await page.Content.ReadAsStringAsync()));
        return await client.SendAsync(request);
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
