using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests.Journeys;

/// <summary>
/// Issue 5's journey: a victim care officer works a domestic-abuse case from first contact to a referral with
/// consent and an investigation-update letter, through the pages only, checking the Care pages with axe-core.
/// </summary>
public sealed partial class CareJourneyTests(WaypointServer server) : BrowserTest(server)
{
    private const string ServiceName = "Nightingale Domestic Abuse Service";
    private const string TemplateName = "Investigation update letter";

    [Fact]
    public async Task An_officer_works_a_domestic_abuse_case_from_first_contact_to_a_referral_with_consent_and_an_update_letter()
    {
        var (force, officer, caseId, crimeReference) = await DomesticAbuseCaseAsync("Penhallow");
        await SeedServiceAndTemplateAsync(force);
        await SignInAsync(officer);

        // 1. Opens the case and sets the safe-contact profile: phone and letter allowed, safe hours around now.
        await Page.GotoAsync($"/cases/{caseId}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Alex Penhallow", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByTestId("safe-contact").GetByRole(AriaRole.Link, new() { Name = "View or change the safe-contact profile" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Safe-contact profile", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Phone", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Letter", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Email", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Text message", new() { Exact = true }).UncheckAsync();
        await Page.GetByLabel("Home visit", new() { Exact = true }).UncheckAsync();
        var (from, to) = SafeHoursAroundNow();
        await Page.GetByLabel("Safe from (optional)").FillAsync(from);
        await Page.GetByLabel("Safe until (optional)").FillAsync(to);
        await Page.GetByLabel("Note about safe times (optional)").FillAsync("Only while the partner is at work");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(Page.GetByText("Safe-contact profile saved")).ToBeVisibleAsync();

        // ... completes the domestic-abuse protocol and records the first contact by phone.
        await Page.GotoAsync($"/cases/{caseId}/contacts/new");
        await Page.GetByTestId("protocol-warning").GetByRole(AriaRole.Link, new() { Name = "Domestic abuse protocol" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Domestic abuse contact protocol", Level = 1 })).ToBeVisibleAsync();
        var items = Page.Locator("input[name='Input.Confirmed']");
        await Expect(items.First).ToBeVisibleAsync();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).CheckAsync();
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Complete protocol" }).ClickAsync();
        await Expect(Page.GetByText("Contact protocol completed", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByTestId("record-contact-link").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Record a contact", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Phone", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Spoke to them").CheckAsync();
        await Page.GetByLabel("Notes (optional)").FillAsync("First contact: safe to talk, partner at work");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record contact" }).ClickAsync();
        await Expect(Page.GetByText("Contact recorded", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("contact-log")).ToContainTextAsync("Spoke to them");

        // 2. THRIVE, then a DASH with 15 "yes" answers: high risk and a MARAC referral task.
        await Page.GotoAsync($"/cases/{caseId}");
        var risk = Page.GetByTestId("risk-and-needs");
        await Expect(risk.GetByTestId("thrive-due")).ToBeVisibleAsync();
        await risk.GetByRole(AriaRole.Link, new() { Name = "Record THRIVE" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "THRIVE assessment", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the THRIVE page");
        await Page.GetByLabel("Threat", new() { Exact = true }).FillAsync("Ex-partner has threatened to come to the house");
        await Page.GetByLabel("Harm", new() { Exact = true }).FillAsync("Physical injury at the last incident");
        await Page.GetByLabel("Risk", new() { Exact = true }).FillAsync("Likely to recur soon: bail conditions end next week");
        await Page.GetByLabel("Investigation", new() { Exact = true }).FillAsync("Doorbell footage requested");
        await Page.GetByLabel("Vulnerability", new() { Exact = true }).FillAsync("Lives alone with two young children");
        await Page.GetByLabel("Engagement", new() { Exact = true }).FillAsync("Engaging, prefers calls while at work");
        await Page.GetByLabel("Priority response").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record THRIVE" }).ClickAsync();
        await Expect(Page.GetByText("THRIVE recorded", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(risk.GetByTestId("thrive-due")).ToHaveCountAsync(0);

        await risk.GetByRole(AriaRole.Link, new() { Name = "Record DASH" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "DASH risk assessment", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the DASH page");
        var questions = Page.Locator("fieldset").Filter(new() { Has = Page.Locator("input[type='radio'][name^='Input.Answers']") });
        var count = await questions.CountAsync();
        Assert.True(count >= 15, $"Expected at least 15 DASH questions, found {count}.");
        for (var i = 0; i < count; i++)
        {
            await questions.Nth(i).GetByLabel(i < 15 ? "Yes" : "No", new() { Exact = true }).CheckAsync();
        }
        await Page.GetByLabel("This DASH is about a new incident").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record DASH" }).ClickAsync();
        await Expect(Page.GetByText("DASH recorded", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(risk.GetByTestId("risk-level")).ToHaveTextAsync("High");
        await Expect(risk.GetByTestId("dash-latest")).ToContainTextAsync("15 yes answers: high risk");
        var marac = risk.GetByTestId("tasks").GetByRole(AriaRole.Link, new() { Name = "Make a MARAC referral" });
        await Expect(marac).ToBeVisibleAsync();

        // The MARAC task's page.
        await marac.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Make a MARAC referral", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("task")).ToContainTextAsync("15 yes answers");
        await AssertNoSeriousAccessibilityViolationsAsync("the task page");

        // 3. Records consent to share with the service, then refers, meeting R4-REF.
        await Page.GotoAsync($"/cases/{caseId}");
        await Expect(Page.GetByTestId("obligation-R4-REF").GetByTestId("status")).Not.ToHaveTextAsync("Met");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Record consent", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Record consent to share", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the consent page");
        await Page.GetByLabel("Which service did the victim agree to share their details with?").SelectOptionAsync(new SelectOptionValue { Label = $"{ServiceName} (IDVA)" });
        await Page.GetByLabel("Name and contact details").CheckAsync();
        await Page.GetByLabel("Details of the crime").CheckAsync();
        await Page.GetByLabel("Risk assessment").CheckAsync();
        await Page.GetByLabel("Verbally by phone").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Expect(Page.GetByTestId("consents")).ToContainTextAsync(ServiceName);
        await Expect(Page.GetByTestId("consents")).ToContainTextAsync("In force");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Refer to a service", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Refer to a service", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("Which service?").SelectOptionAsync(new SelectOptionValue { Label = $"{ServiceName} (IDVA)" });
        await Page.GetByLabel("Note (optional)").FillAsync("High-risk DASH; IDVA support requested");
        var meetsReferral = Page.GetByLabel(R4RefLabel());
        await Expect(meetsReferral).ToBeVisibleAsync();
        await meetsReferral.CheckAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the referral page");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Expect(Page.GetByTestId("referrals")).ToContainTextAsync(ServiceName);
        await Expect(Page.GetByTestId("referrals")).ToContainTextAsync("Sent");
        await Expect(Page.GetByTestId("obligation-R4-REF").GetByTestId("status")).ToHaveTextAsync("Met");
        await Expect(Page.GetByTestId("obligation-R4-REF").GetByTestId("evidence")).ToContainTextAsync("Referral");

        // 4. Agrees an update plan (the victim contract): every 28 days, by letter.
        await Page.GetByTestId("victim-contract").GetByRole(AriaRole.Link, new() { Name = "Agree an update plan" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Update plan", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("How often will the victim be updated, in days?").FillAsync("28");
        await Page.GetByLabel("Letter", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Preferred times (optional)").FillAsync("Letters are safe: the partner has moved out");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Agree update plan" }).ClickAsync();
        await Expect(Page.GetByTestId("victim-contract")).ToContainTextAsync("Every 28 days by letter");
        await Expect(Page.GetByTestId("obligation-R6-UPD")).ToHaveCountAsync(1);

        // 5. Composes the investigation-update letter: the preview shows the merged text; sends it, meeting R6-UPD.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Send a message", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Send a message", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel($"{TemplateName} (letter; English)").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Preview", Level = 2 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("preview-subject")).ToHaveTextAsync($"Your case {crimeReference}: an update");
        var body = Page.GetByTestId("preview-body");
        await Expect(body).ToContainTextAsync("Dear Alex Penhallow,");
        await Expect(body).ToContainTextAsync($"the investigation of crime {crimeReference} (Assault occasioning actual bodily harm)");
        await Expect(body).ToContainTextAsync("Yours sincerely,");
        await Expect(body).ToContainTextAsync(force.Name.Trim());
        await Expect(body).Not.ToContainTextAsync("((");
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("1 Test Street");
        await Expect(Page.GetByTestId("refusal")).ToHaveCountAsync(0);
        await Page.GetByTestId("meets").GetByLabel(new Regex("^R6-UPD:")).CheckAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the message compose page with its preview");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        var messages = Page.GetByTestId("messages");
        var letterRow = messages.GetByRole(AriaRole.Row).Filter(new() { HasText = TemplateName });
        await Expect(letterRow).ToHaveCountAsync(1);
        await Expect(letterRow).ToContainTextAsync("Letter in English");
        await Expect(letterRow).ToContainTextAsync(QueuedOrSent());
        await Expect(Page.GetByTestId("obligation-R6-UPD").Filter(new() { Has = Page.GetByTestId("status").GetByText("Met", new() { Exact = true }) }))
            .ToHaveCountAsync(1);

        // ... and opens its print page.
        await letterRow.GetByRole(AriaRole.Link, new() { Name = TemplateName }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = TemplateName, Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("message-status")).ToContainTextAsync(QueuedOrSent());
        var letter = Page.GetByTestId("letter");
        await Expect(letter).ToContainTextAsync("1 Test Street");
        await Expect(letter).ToContainTextAsync("Dear Alex Penhallow,");
        await Expect(letter).ToContainTextAsync(crimeReference);

        // 6. The full timeline shows the contact, the assessment, the referral and the message; a category filters it.
        await Page.GotoAsync($"/cases/{caseId}");
        await Page.GetByTestId("full-timeline-link").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Timeline", Level = 1 })).ToBeVisibleAsync();
        var timeline = Page.GetByTestId("full-timeline");
        await Expect(timeline).ToContainTextAsync("Contact recorded: Phone (to the victim): spoke to them");
        await Expect(timeline).ToContainTextAsync("THRIVE recorded: priority response");
        await Expect(timeline).ToContainTextAsync("DASH 15 yes answers");
        await Expect(timeline).ToContainTextAsync($"Referred to {ServiceName} with consent");
        await Expect(timeline).ToContainTextAsync($"Letter \"{TemplateName}\" queued to send");
        await AssertNoSeriousAccessibilityViolationsAsync("the timeline page");

        var filter = Page.GetByTestId("timeline-filter");
        await filter.GetByLabel("Messages", new() { Exact = true }).CheckAsync();
        await filter.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("category=messages"));
        await Expect(filter.GetByLabel("Messages", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(timeline).ToContainTextAsync($"Letter \"{TemplateName}\" queued to send");
        await Expect(timeline).Not.ToContainTextAsync("Contact recorded");
        await Expect(timeline).Not.ToContainTextAsync("Referred to");
        await Expect(timeline.Locator(".moj-timeline__item:not([data-category='messages'])")).ToHaveCountAsync(0);

        // The support plan and close-case pages of the same (high-risk) case.
        await Page.GotoAsync($"/cases/{caseId}/plan");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Support plan", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the support plan page");

        await Page.GotoAsync($"/cases/{caseId}/close");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Close the case", Level = 1 })).ToBeVisibleAsync();
        await AssertNoSeriousAccessibilityViolationsAsync("the close-case page");
    }

    [Fact]
    public async Task A_letter_the_profile_forbids_is_refused_with_the_reason_and_sent_only_with_an_override_reason()
    {
        var (force, officer, caseId, _) = await DomesticAbuseCaseAsync("Trelawny");
        await SeedServiceAndTemplateAsync(force);
        await SignInAsync(officer);

        // The victim said no letters home.
        await Page.GotoAsync($"/cases/{caseId}/contact-profile");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Safe-contact profile", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByLabel("No letters to their address").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(Page.GetByText("Safe-contact profile saved")).ToBeVisibleAsync();

        await Page.GotoAsync($"/cases/{caseId}/messages/new");
        await Page.GetByLabel($"{TemplateName} (letter; English)").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("refusal")).ToContainTextAsync("No letters may be sent to the victim's address.");

        // Sending without a reason is refused, and the preview stays with the reason asked for.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("To send it anyway, enter why you are going against the safe-contact profile");
        await Expect(Page.GetByTestId("refusal")).ToContainTextAsync("No letters may be sent to the victim's address.");
        await Expect(Page.GetByTestId("preview-body")).ToContainTextAsync("Dear Alex Trelawny,");

        await Page.GetByLabel("Reason for sending against the safe-contact profile").FillAsync("The victim asked for this one letter at a refuge address today");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        var row = Page.GetByTestId("messages").GetByRole(AriaRole.Row).Filter(new() { HasText = TemplateName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("sent against the safe-contact profile");
        await Expect(row).ToContainTextAsync(QueuedOrSent());
        await row.GetByRole(AriaRole.Link, new() { Name = TemplateName }).ClickAsync();
        await Expect(Page.GetByTestId("message-status")).ToContainTextAsync("The victim asked for this one letter at a refuge address today");
    }

    /// <summary>A domestic-abuse case allocated to a Victim Care Officer of a team, with its Code clocks started.</summary>
    private async Task<(Organisation Force, TestUser Officer, Guid CaseId, string CrimeReference)> DomesticAbuseCaseAsync(string lastName)
    {
        var force = await Data.OrganisationAsync();
        var team = await Data.TeamAsync(force);
        var officer = await Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var crimeReference = $"{force.Code}/26/{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var caseId = await Data.CaseAsync(force, lastName, team, officer, crimeReference: crimeReference, startClocks: true);
        await Data.QueryAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Crime).SingleAsync(x => x.Id == caseId);
            db.Entry(c.Crime).Property("OffenceFlags").CurrentValue = "domestic_abuse";
            return await db.SaveChangesAsync();
        });
        return (force, officer, caseId, crimeReference);
    }

    /// <summary>An IDVA service in the directory and an English investigation-update letter template, as a Unit Administrator keeps them.</summary>
    private Task<int> SeedServiceAndTemplateAsync(Organisation force) => Data.QueryAsync(async db =>
    {
        var actor = Actor.System(force.Id, DateTime.UtcNow, "test seed");
        db.SupportServices.Add(new SupportService(force.Id, ServiceName, actor.Now)
        {
            ServiceType = "IDVA",
            Area = "Ashbury",
            Eligibility = "High-risk victims of domestic abuse",
            HowToRefer = "Email the referral form",
            ReferralEmail = "referrals@nightingale.example.org",
            Commissioned = true,
        });
        var template = new MessageTemplate(force.Id, TemplateName, ContactChannel.Letter, MessagePurpose.InvestigationUpdate, actor);
        template.SetVersions([(Languages.English, "Your case ((crime_reference)): an update",
            "Dear ((victim_name)),\n\nWe are writing with news of the investigation of crime ((crime_reference)) (((offence))).\n\nYours sincerely,\n((unit_name))")]);
        db.MessageTemplates.Add(template);
        return await db.SaveChangesAsync();
    });

    /// <summary>Safe hours from two hours ago to four hours from now (UK time), so the test's contacts fall inside them whenever it runs.</summary>
    private static (string From, string To) SafeHoursAroundNow()
    {
        var now = TimeOnly.FromDateTime(UkTime.ToLocal(DateTime.UtcNow));
        return (now.AddHours(-2).ToString("HH:mm", CultureInfo.InvariantCulture), now.AddHours(4).ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>The outbox may or may not have sent the letter yet.</summary>
    private static Regex QueuedOrSent() => QueuedOrSentPattern();

    private static Regex R4RefLabel() => R4RefPattern();

    [GeneratedRegex("Waiting to send|Sending|Sent")]
    private static partial Regex QueuedOrSentPattern();

    [GeneratedRegex("^R4-REF:")]
    private static partial Regex R4RefPattern();
}
