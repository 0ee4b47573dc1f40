using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests.Journeys;

public sealed partial class CaseJourneyTests(WaypointServer server) : BrowserTest(server)
{
    [Fact]
    public async Task A_victim_care_officer_records_a_victim_finds_the_case_changes_the_mobile_and_signs_out()
    {
        var force = await Data.OrganisationAsync();
        var team = await Data.TeamAsync(force);
        var officer = await Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var reported = DateTime.UtcNow.AddDays(-1).ToString("d/M/yyyy", CultureInfo.InvariantCulture);

        await SignInAsync(officer);

        // Record a victim from the main navigation.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Record a victim" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Record a victim", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Phone call").CheckAsync();
        await Page.GetByLabel("First name").FillAsync("Morwenna");
        await Page.GetByLabel("Last name").FillAsync("Penhaligon");
        await Page.GetByLabel("Date of birth (optional)").FillAsync("14/2/1986");
        await Page.GetByLabel("Mobile (optional)").FillAsync("07700 900456");
        await Page.GetByLabel("Postcode (optional)").FillAsync("NS1 2AB");
        await Page.GetByLabel("Offence", new() { Exact = true }).FillAsync("Theft from a vehicle");
        await Page.GetByLabel("Date reported").FillAsync(reported);
        await Page.GetByLabel("Recording force").SelectOptionAsync(new SelectOptionValue { Label = force.Name });
        await Page.GetByLabel("Crime reference (if reported)").FillAsync($"{force.Code}/26/000777");
        await Page.GetByLabel("Team (optional)").SelectOptionAsync(new SelectOptionValue { Label = team.Name });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record victim" }).ClickAsync();

        // Lands on the new case page.
        await Expect(Page).ToHaveURLAsync(CasePageUrl());
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Victim recorded");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Morwenna Penhaligon", Level = 1 })).ToBeVisibleAsync();
        var caseUrl = new Uri(Page.Url).AbsolutePath;

        // Finds it again in the case list by surname, and opens it.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
        await Page.GetByLabel("Name, crime reference or person reference").FillAsync("Penhaligon");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 case found");
        var results = Page.GetByRole(AriaRole.Table, new() { Name = "Matching cases" });
        await results.GetByRole(AriaRole.Link, new() { Name = "Morwenna Penhaligon" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(caseUrl) + "$"));

        // Changes the mobile number.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit details" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Edit details", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Mobile (optional)")).ToHaveValueAsync("07700 900456");
        await Page.GetByLabel("Mobile (optional)").FillAsync("07700 900999");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        // Sees the change.
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(caseUrl) + @"\?saved=1$"));
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Details saved");
        var contactDetails = Page.GetByTestId("contact-details");
        await Expect(contactDetails).ToContainTextAsync("07700 900999");
        await Expect(contactDetails).Not.ToContainTextAsync("07700 900456");

        // Signs out from the header.
        await Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await Page.GotoAsync(caseUrl);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Waypoint" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_of_another_organisation_gets_page_not_found_for_the_case_address()
    {
        var force = await Data.OrganisationAsync();
        var caseId = await Data.CaseAsync(force, "Carew");
        var other = await Data.OrganisationAsync();
        var outsider = await Data.UserAsync(other, Roles.VictimCareOfficer);

        await SignInAsync(outsider);
        var response = await Page.GotoAsync($"/cases/{caseId}");

        Assert.Equal(404, response?.Status);
        await Expect(Page).ToHaveTitleAsync("Page not found - Waypoint");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("Carew")).ToHaveCountAsync(0);

        var edit = await Page.GotoAsync($"/cases/{caseId}/edit");
        Assert.Equal(404, edit?.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/cases/[0-9a-f-]{36}\?recorded=1$")]
    private static partial Regex CasePageUrl();
}
