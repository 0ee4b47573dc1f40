using System.Globalization;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Waypoint.BrowserTests.Infrastructure;

/// <summary>
/// One test, one fresh browser context and page on the shared <see cref="WaypointServer"/>. When the test fails, a
/// full-page screenshot of where it stopped is saved under <see cref="ScreenshotFolder"/> and its path written to the test output.
/// </summary>
public abstract class BrowserTest(WaypointServer server) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected WaypointServer Server { get; } = server;

    protected TestData Data => Server.Data;

    protected IPage Page => _page ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Whether this test's browser runs scripts; a test class overrides it to prove pages work without.</summary>
    protected virtual bool JavaScriptEnabled => true;

    public virtual async ValueTask InitializeAsync()
    {
        _context = await Server.NewContextAsync(JavaScriptEnabled);
        _context.SetDefaultTimeout(10_000);
        _context.SetDefaultNavigationTimeout(15_000);
        _page = await _context.NewPageAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_page is not null && TestContext.Current.TestState?.Result is TestResult.Failed)
        {
            await SaveScreenshotAsync(_page);
        }
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Signs in through the sign-in page as a person would, and waits for the signed-in header.</summary>
    protected async Task SignInAsync(TestUser user, IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username").FillAsync(user.UserName);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (user.AuthenticatorKey is { } key)
        {
            // Roles that must use two-factor authentication (Unit Administrator, Auditor) enter the authenticator's code.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code from your authenticator app" })).ToBeVisibleAsync();
            await page.GetByLabel("6-digit code").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
        await Assertions.Expect(page.GetByText($"Signed in as Officer {user.UserName}")).ToBeVisibleAsync();
    }

    /// <summary>Runs axe-core on the current page and fails listing every serious or critical violation.</summary>
    protected async Task AssertNoSeriousAccessibilityViolationsAsync(string pageName)
    {
        var result = await Page.RunAxe();
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"axe ({minor.Impact}) {minor.Id}: {minor.Help} at {string.Join("; ", minor.Nodes.Select(n => n.Target.ToString()))}");
        }
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0)
        {
            return;
        }
        var message = new StringBuilder($"axe-core found {serious.Count} serious or critical accessibility violation(s) on {pageName} ({Page.Url}):");
        foreach (var v in serious)
        {
            message.AppendLine().Append(CultureInfo.InvariantCulture, $"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                message.AppendLine().Append(CultureInfo.InvariantCulture, $"    at {node.Target}: {node.Html}");
            }
        }
        Assert.Fail(message.ToString());
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        try
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var name = TestContext.Current.Test?.TestDisplayName ?? "test";
            foreach (var c in Path.GetInvalidFileNameChars().Append(' '))
            {
                name = name.Replace(c, '_');
            }
            var file = Path.Combine(ScreenshotFolder, $"{name[..Math.Min(name.Length, 150)]}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 5_000 });
            TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot of the failed page ({page.Url}): {file}");
            Console.Error.WriteLine($"Screenshot of the failed test {name}: {file}");
        }
        catch (PlaywrightException e)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"No screenshot: {e.Message}");
        }
    }
}
