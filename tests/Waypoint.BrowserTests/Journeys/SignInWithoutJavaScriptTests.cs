using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests.Journeys;

public sealed class SignInWithoutJavaScriptTests(WaypointServer server) : BrowserTest(server)
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task A_person_whose_browser_runs_no_javascript_can_sign_in()
    {
        var force = await Data.OrganisationAsync();
        var officer = await Data.UserAsync(force, Roles.VictimCareOfficer);

        await Page.GotoAsync("/account/sign-in");
        // The page's own script never ran.
        await Expect(Page.Locator("body")).Not.ToHaveClassAsync(new Regex("js-enabled"));

        await SignInAsync(officer);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));
    }

    [Fact]
    public async Task Without_javascript_a_wrong_password_is_refused_with_an_error_summary()
    {
        var force = await Data.OrganisationAsync();
        var officer = await Data.UserAsync(force, Roles.VictimCareOfficer);

        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Username").FillAsync(officer.UserName);
        await Page.GetByLabel("Password").FillAsync("not the password at all");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveTitleAsync("Error: Sign in - Waypoint");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a correct username and password");
        await Expect(Page.GetByLabel("Username")).ToHaveValueAsync(officer.UserName);
    }
}
