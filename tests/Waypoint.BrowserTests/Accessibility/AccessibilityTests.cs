using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests.Accessibility;

public sealed class AccessibilityTests(WaypointServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violations()
    {
        await Page.GotoAsync("/account/sign-in");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Waypoint" })).ToBeVisibleAsync();

        await AssertNoSeriousAccessibilityViolationsAsync("the sign-in page");
    }

    [Fact]
    public async Task The_case_list_with_results_has_no_serious_or_critical_accessibility_violations()
    {
        var force = await Data.OrganisationAsync();
        await Data.CaseAsync(force, "Rosewarne");
        await Data.CaseAsync(force, "Tregothnan", firstName: "Jory");
        await SignInAsync(await Data.UserAsync(force, Roles.VictimCareOfficer));

        await Page.GotoAsync("/cases");
        await Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Matching cases" })).ToBeVisibleAsync();

        await AssertNoSeriousAccessibilityViolationsAsync("the case list");
    }

    [Fact]
    public async Task The_case_page_has_no_serious_or_critical_accessibility_violations()
    {
        var force = await Data.OrganisationAsync();
        var caseId = await Data.CaseAsync(force, "Rosewarne");
        await SignInAsync(await Data.UserAsync(force, Roles.VictimCareOfficer));

        await Page.GotoAsync($"/cases/{caseId}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Alex Rosewarne", Level = 1 })).ToBeVisibleAsync();

        await AssertNoSeriousAccessibilityViolationsAsync("the case page");
    }

    [Theory]
    [InlineData(Roles.TeamLeader, "/reports/outcomes")]
    [InlineData(Roles.TeamLeader, "/reports/equality")]
    [InlineData(Roles.VictimCareOfficer, "/intelligence")]
    [InlineData(Roles.VictimCareOfficer, "/services")]
    [InlineData(Roles.VictimCareOfficer, "/")]
    [InlineData(Roles.UnitAdministrator, "/admin/services")]
    [InlineData(Roles.UnitAdministrator, "/admin/message-templates")]
    [InlineData(Roles.UnitAdministrator, "/admin/message-templates/new")]
    [InlineData(Roles.UnitAdministrator, "/admin/outbox")]
    public async Task The_unit_wide_care_pages_have_no_serious_or_critical_accessibility_violations(string role, string path)
    {
        var force = await Data.OrganisationAsync();
        await Data.CaseAsync(force, "Rosewarne");
        await SignInAsync(await Data.UserAsync(force, role));

        var response = await Page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();

        await AssertNoSeriousAccessibilityViolationsAsync(path);
    }

    [Fact]
    public async Task The_accessibility_check_fails_naming_the_rule_and_the_element_when_a_page_has_a_serious_problem()
    {
        await Page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><main><h1>Broken</h1>" +
            "<input type=\"text\" id=\"unlabelled\"></main></body></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AssertNoSeriousAccessibilityViolationsAsync("a deliberately broken page"));

        Assert.Contains("label [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unlabelled", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content()
    {
        await Page.GotoAsync("/account/sign-in");
        await AssertSkipLinkWorksAsync();
    }

    [Fact]
    public async Task The_skip_link_passes_the_header_and_navigation_of_a_signed_in_page()
    {
        var force = await Data.OrganisationAsync();
        await SignInAsync(await Data.UserAsync(force, Roles.VictimCareOfficer));
        await Page.GotoAsync("/cases");

        await AssertSkipLinkWorksAsync();

        // The next tab stop is inside the main content, not back in the header.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Name, crime reference or person reference")).ToBeFocusedAsync();
    }

    private async Task AssertSkipLinkWorksAsync()
    {
        await Page.Keyboard.PressAsync("Tab");
        var skipLink = Page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }
}
