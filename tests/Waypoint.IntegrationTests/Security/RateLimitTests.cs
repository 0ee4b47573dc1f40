using System.Net;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Security;

/// <summary>The app with low limits, so that the limits can be reached in a test.</summary>
public sealed class LowRateLimitApp : WaypointApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:RateLimits:SignInPerMinute"] = "3",
        ["Waypoint:RateLimits:ApiPerMinute"] = "5",
    };
}

public sealed class RateLimitTests(LowRateLimitApp app) : IClassFixture<LowRateLimitApp>
{
    [Fact]
    public async Task Repeated_sign_in_attempts_from_one_address_are_slowed_with_429_and_a_page_that_says_so()
    {
        var client = app.Browser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await Forms.PostAsync(client, "/account/sign-in", "sign-in", new() { ["Input.UserName"] = "nobody", ["Input.Password"] = "not the password at all" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Too many attempts", await last!.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_client_over_its_limit_gets_429()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await api.GetAsync("/api/v1/cases")).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
