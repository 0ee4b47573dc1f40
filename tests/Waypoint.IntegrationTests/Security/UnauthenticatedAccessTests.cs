using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Security;

/// <summary>Walks every endpoint the app maps, so a page or API added later is covered without editing this test.</summary>
public sealed class UnauthenticatedAccessTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    // Public by design: signing in and its steps, the error and status pages, health probes, the API description, the self-referral form.
    private static readonly string[] PublicPrefixes = ["/account/sign-in", "/account/signed-out", "/account/two-factor", "/account/recovery-code", "/account/sign-out", "/error", "/forbidden", "/status", "/health", "/openapi", "/api-reference", "/not-found", "/refer"];

    public static IEnumerable<(string Method, string Url, bool Anonymous)> Endpoints(IServiceProvider services)
    {
        var sources = services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var url = Url(endpoint.RoutePattern);
            if (url is null)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "DELETE" or "PATCH"))
            {
                yield return (method, url, anonymous);
            }
        }
    }

    private static string? Url(RoutePattern pattern)
    {
        var parts = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter:
                        if (parameter.IsCatchAll)
                        {
                            return null;
                        }
                        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
                        text += constraints.Contains("guid") ? Guid.NewGuid().ToString()
                            : constraints.Contains("int") || constraints.Contains("long") ? "1"
                            : parameter.Name == "documentName" ? "v1" : "x";
                        break;
                }
            }
            parts.Add(text);
        }
        return "/" + string.Join('/', parts);
    }

    [Fact]
    public async Task Every_page_and_endpoint_that_is_not_public_refuses_a_visitor_who_has_not_signed_in()
    {
        var client = app.Browser();
        var endpoints = Endpoints(app.Services).Where(e => !e.Anonymous).Distinct().ToList();
        Assert.True(endpoints.Count > 15, $"Only {endpoints.Count} protected endpoints were found: the walk is broken.");
        var problems = new List<string>();
        foreach (var (method, url, _) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            var response = await client.SendAsync(request);
            var refused = url.StartsWith("/api", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                  || (response.StatusCode == HttpStatusCode.Redirect && Forms.Location(response).StartsWith("/account/sign-in", StringComparison.Ordinal));
            if (!refused)
            {
                problems.Add($"{method} {url} answered {(int)response.StatusCode}");
            }
        }
        Assert.True(problems.Count == 0, "Reachable without signing in:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Every_endpoint_open_to_visitors_is_one_of_the_known_public_ones()
    {
        var open = Endpoints(app.Services).Where(e => e.Anonymous).Select(e => e.Url).Distinct()
            .Where(url => !PublicPrefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        Assert.True(open.Count == 0, "Unexpected anonymous endpoints:\n" + string.Join('\n', open));
    }

    [Fact]
    public async Task A_forged_or_expired_bearer_token_is_refused()
    {
        var api = app.Api("wpt_not-a-real-token");

        var response = await api.GetAsync("/api/v1/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
