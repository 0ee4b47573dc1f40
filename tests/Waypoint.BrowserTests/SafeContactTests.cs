using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests;

public sealed class SafeContactTests(WaypointServer server) : BrowserTest(server)
{
    [Fact]
    public async Task An_officer_completes_the_domestic_abuse_protocol_and_records_a_phone_contact_on_accessible_pages()
    {
        var force = await Data.OrganisationAsync();
        var caseId = await Data.CaseAsync(force, "Nancarrow");
        await Data.QueryAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Crime).Include(x => x.Person).SingleAsync(x => x.Id == caseId);
            db.Entry(c.Crime).Property("OffenceFlags").CurrentValue = "domestic_abuse";
            db.Entry(c.Person).Property("ContactRestrictions").CurrentValue = "no_voicemail";
            return await db.SaveChangesAsync();
        });
        await SignInAsync(await Data.UserAsync(force, Roles.VictimCareOfficer));

        await Page.GotoAsync($"/cases/{caseId}");
        var safe = Page.GetByTestId("safe-contact");
        await Expect(safe.GetByRole(AriaRole.Heading, new() { Name = "How to contact safely", Level = 2 })).ToBeVisibleAsync();
        await Expect(safe.GetByTestId("safe-contact-forbidden")).ToContainTextAsync("No voicemail");
        await Expect(safe.GetByTestId("protocols")).ToContainTextAsync("Not completed");

        await safe.GetByRole(AriaRole.Link, new() { Name = "View or change the safe-contact profile" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Safe-contact profile", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the safe-contact profile page");
        await Page.GetByLabel("Code word (optional)").FillAsync("Harbour");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(Page.GetByText("Safe-contact profile saved")).ToBeVisibleAsync();

        await Page.GotoAsync($"/cases/{caseId}/contacts/new");
        await Expect(Page.GetByTestId("protocol-warning")).ToBeVisibleAsync();
        await Page.GetByTestId("protocol-warning").GetByRole(AriaRole.Link, new() { Name = "Domestic abuse protocol" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Domestic abuse contact protocol", Level = 1 })).ToBeVisibleAsync();
        var items = Page.Locator("input[name='Input.Confirmed']");
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).CheckAsync();
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Complete protocol" }).ClickAsync();
        await Expect(Page.GetByText("Contact protocol completed", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("protocols")).ToContainTextAsync("Completed");

        await Page.GetByTestId("record-contact-link").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Record a contact", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("protocol-warning")).ToHaveCountAsync(0);
        await AssertNoSeriousAccessibilityViolationsAsync("the record-contact page");
        await Page.GetByLabel("Phone", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Spoke to them").CheckAsync();
        await Page.GetByLabel("Notes (optional)").FillAsync("First contact: safe to talk, code word agreed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record contact" }).ClickAsync();

        await Expect(Page.GetByText("Contact recorded", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("contact-log")).ToContainTextAsync("Spoke to them");
        await Expect(Page.GetByTestId("safe-contact")).Not.ToContainTextAsync("Harbour");
    }
}
