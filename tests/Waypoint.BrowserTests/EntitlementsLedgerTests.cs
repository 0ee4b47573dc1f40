using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests;

public sealed class EntitlementsLedgerTests(WaypointServer server) : BrowserTest(server)
{
    [Fact]
    public async Task An_officer_records_a_letter_that_meets_the_acknowledgement_and_sees_it_met_in_the_ledger_on_accessible_pages()
    {
        var force = await Data.OrganisationAsync();
        var caseId = await Data.CaseAsync(force, "Pendarves");
        await SignInAsync(await Data.UserAsync(force, Roles.VictimCareOfficer));

        await Page.GotoAsync($"/cases/{caseId}");
        var ledger = Page.GetByTestId("ledger");
        await Expect(ledger.GetByRole(AriaRole.Heading, new() { Name = "Victims' Code entitlements", Level = 2 })).ToBeVisibleAsync();
        var ack = Page.GetByTestId("obligation-R3-ACK");
        await Expect(ack.GetByTestId("status")).ToHaveTextAsync("Open");
        await AssertNoSeriousAccessibilityViolationsAsync("the case page with its ledger");

        await ledger.GetByRole(AriaRole.Link, new() { Name = "Record an action", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Record an action", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the record-action page");

        await Page.GetByLabel("Letter").CheckAsync();
        await Page.GetByLabel("What was done?").FillAsync("Acknowledgement letter sent with the crime reference and the officer's details");
        await Page.GetByLabel("R3-ACK: Written acknowledgement of the report").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record action" }).ClickAsync();

        await Expect(Page.GetByTestId("ledger-banner")).ToContainTextAsync("Action recorded: it met 1 obligation");
        await Expect(ack.GetByTestId("status")).ToHaveTextAsync("Met");
        await Expect(ack.GetByTestId("evidence")).ToContainTextAsync("Letter");
        await Expect(ack).ToContainTextAsync("Acknowledgement letter sent with the crime reference");
    }
}
