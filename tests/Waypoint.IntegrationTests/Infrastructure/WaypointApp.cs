using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Waypoint.IntegrationTests.Infrastructure;

/// <summary>
/// The real Waypoint, in process, on a fresh real database (SQLite or PostgreSQL, see <see cref="TestDatabase"/>).
/// One per test class; seed with <see cref="Data"/>, then talk to it over HTTP as a signed-in user or an API client.
/// </summary>
public class WaypointApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public TestData Data => new(Services);

    /// <summary>Settings a test class may change (e.g. rate limits); applied on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // Starting the host applies the migrations and creates the roles.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider,
            ["ConnectionStrings:Waypoint"] = Database.ConnectionString,
            ["Waypoint:Demo:Enabled"] = "false",
            ["Waypoint:Demo:AllowSkipTwoFactor"] = "false",
            ["Waypoint:RateLimits:SignInPerMinute"] = "100000",
            ["Waypoint:RateLimits:ApiPerMinute"] = "100000",
            // Messages sent by the default (folder) sender go to a temporary folder, never into the source tree.
            ["Waypoint:Messages:Folder:Path"] = Path.Combine(Path.GetTempPath(), "waypoint-tests", "messages", Database.Provider),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "Error",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real sign-in form (and the two-factor step when the user has it).</summary>
    public async Task<HttpClient> SignedInAsync(TestUser user)
    {
        var client = Browser();
        var response = await Forms.PostAsync(client, "/account/sign-in", "sign-in", new()
        {
            ["Input.UserName"] = user.UserName,
            ["Input.Password"] = user.Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {user.UserName} failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }
        if (Forms.Location(response).StartsWith("/account/two-factor", StringComparison.Ordinal))
        {
            response = await Forms.PostAsync(client, Forms.Location(response), "two-factor", new()
            {
                ["Input.Code"] = Totp.Code(user.AuthenticatorKey ?? throw new InvalidOperationException("The user has no authenticator key.")),
            });
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Two-factor sign-in of {user.UserName} failed: {response.StatusCode}");
            }
        }
        return client;
    }

    /// <summary>A machine client holding a bearer token.</summary>
    public HttpClient Api(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
