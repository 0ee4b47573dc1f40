using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Messages;

public sealed class MessagesTests(MessagesApp app) : IClassFixture<MessagesApp>
{
    private static readonly string[] Every = ["phone", "text_message", "email", "letter", "home_visit", "in_person"];

    private sealed record Unit(Organisation Org, TestUser Admin, HttpClient AdminClient, TestUser Officer, HttpClient Api);

    private async Task<Unit> UnitAsync()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        return new Unit(org, admin, await app.SignedInAsync(admin), officer, app.Api(await app.Data.TokenAsync(org, officer)));
    }

    /// <summary>Adds a template through the administrators' page, as a browser without JavaScript does.</summary>
    private static async Task<HttpResponseMessage> PostTemplateAsync(HttpClient admin, string name, string channel, string purpose, string? subject, string body,
        string? welshSubject = null, string? welshBody = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Channel"] = channel,
            ["Input.Purpose"] = purpose,
            ["Input.Active"] = "true",
            ["Input.Versions[0].Language"] = "en",
            ["Input.Versions[0].Subject"] = subject ?? "",
            ["Input.Versions[0].Body"] = body,
        };
        if (welshBody is not null)
        {
            fields["Input.Versions[1].Language"] = "Welsh";
            fields["Input.Versions[1].Subject"] = welshSubject ?? "";
            fields["Input.Versions[1].Body"] = welshBody;
        }
        return await Forms.PostAsync(admin, "/admin/message-templates/new", "message-template", fields);
    }

    private async Task<Guid> TemplateAsync(Unit unit, string name, string channel, string? subject, string body, string? welshSubject = null, string? welshBody = null,
        string purpose = "InvestigationUpdate")
    {
        var response = await PostTemplateAsync(unit.AdminClient, name, channel, purpose, subject, body, welshSubject, welshBody);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await app.Data.QueryAsync(db => db.MessageTemplates.Where(t => t.OrganisationId == unit.Org.Id && t.Name == name).Select(t => t.Id).SingleAsync());
    }

    private async Task<Guid> CaseAsync(Unit unit, string? language = null)
    {
        var caseId = await app.Data.CaseAsync(unit.Org, crimeReference: $"{unit.Org.Code}/26/{Guid.NewGuid().ToString("N")[..8]}");
        if (language is not null)
        {
            await app.Data.QueryAsync(async db =>
            {
                var c = await db.Cases.Include(x => x.Person).SingleAsync(x => x.Id == caseId);
                db.Entry(c.Person).Property("PreferredLanguage").CurrentValue = language;
                return await db.SaveChangesAsync();
            });
        }
        return caseId;
    }

    private static async Task SetProfileAsync(HttpClient api, Guid caseId, object profile)
    {
        var current = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/contact-profile"), HttpStatusCode.OK);
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(profile))!;
        body["version"] = current.GetProperty("version").GetInt32();
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", body), HttpStatusCode.OK);
    }

    private static object Profile(string[] channels, bool noLetters = false, string? from = null, string? to = null, string? safePhone = "07700 900555",
        string? safeEmail = "safe@example.org", bool perpetratorHasPhone = false) => new
    {
        allowedChannels = channels,
        safeDays = Array.Empty<string>(),
        safeFrom = from,
        safeTo = to,
        noLettersHome = noLetters,
        safePhone,
        safeEmail,
        perpetratorMayAccessPhone = perpetratorHasPhone,
    };

    private Task<int> MessageCountAsync(Guid caseId) => app.Data.QueryAsync(db => db.Messages.CountAsync(m => m.CaseId == caseId));

    [Fact]
    public async Task A_template_with_an_unknown_merge_field_is_refused_and_a_valid_one_is_saved_and_audited()
    {
        var unit = await UnitAsync();
        var refused = await PostTemplateAsync(unit.AdminClient, "Update", "Letter", "InvestigationUpdate", "Your case ((crime_reference))",
            "Dear ((victim_nmae)), an update from ((unit_name)).");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("unknown merge field ((victim_nmae))", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#Versions-0-Body\"", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.MessageTemplates.CountAsync(t => t.OrganisationId == unit.Org.Id)));

        var unclosed = await PostTemplateAsync(unit.AdminClient, "Update", "Letter", "InvestigationUpdate", "Your case ((crime_reference", "Dear ((victim_name))");
        Assert.Contains("not closed", WebUtility.HtmlDecode(await unclosed.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var id = await TemplateAsync(unit, "Update", "Letter", "Your case ((crime_reference))", "Dear ((victim_name))\n\nAn update from ((unit_name)).",
            "Eich achos ((crime_reference))", "Annwyl ((victim_name))");
        var template = await app.Data.QueryAsync(db => db.MessageTemplates.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal(ContactChannel.Letter, template.Channel);
        Assert.Equal(["cy", "en"], template.Versions.Select(v => v.Language).Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Administration, "MessageTemplate", id));
        Assert.Contains("Update", await unit.AdminClient.GetStringAsync("/admin/message-templates"), StringComparison.Ordinal);

        // Officers cannot manage templates.
        var officer = await app.SignedInAsync(unit.Officer);
        var denied = await officer.GetAsync("/admin/message-templates");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/forbidden", Forms.Location(denied), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_merges_the_fields_in_the_victims_language_when_the_template_has_it()
    {
        var unit = await UnitAsync();
        var bilingual = await TemplateAsync(unit, "Bilingual update", "Letter", "Your case ((crime_reference))", "Dear ((victim_name)), from ((officer_name)) at ((unit_name)) on ((date)).",
            "Eich achos ((crime_reference))", "Annwyl ((victim_name)), gan ((officer_name)).");
        var englishOnly = await TemplateAsync(unit, "English update", "Email", "Update ((crime_reference))", "Hello ((victim_name)).");
        var caseId = await CaseAsync(unit, language: "cy");
        var reference = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Crime.CrimeReference).SingleAsync());

        var welsh = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages/preview", new { templateId = bilingual }), HttpStatusCode.OK);
        Assert.Equal("cy", welsh.GetProperty("language").GetString());
        Assert.Equal($"Eich achos {reference}", welsh.GetProperty("subject").GetString());
        Assert.Equal("Annwyl Alex Testperson, gan DC Test.", welsh.GetProperty("body").GetString());
        Assert.Equal("Alex Testperson\n1 Test Street\nAshbury\nNS1 1AB", welsh.GetProperty("recipient").GetString());
        Assert.Equal(JsonValueKind.Null, welsh.GetProperty("refusal").ValueKind);

        var english = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages/preview", new { templateId = bilingual, language = "en" }), HttpStatusCode.OK);
        var today = UkTime.Today(DateTime.UtcNow).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal($"Dear Alex Testperson, from DC Test at {unit.Org.Name} on {today}.", english.GetProperty("body").GetString());

        // No Welsh version: English, whatever the victim prefers; asking for Welsh outright is refused.
        var fallback = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages/preview", new { templateId = englishOnly }), HttpStatusCode.OK);
        Assert.Equal("en", fallback.GetProperty("language").GetString());
        Assert.Equal("Hello Alex Testperson.", fallback.GetProperty("body").GetString());
        var noWelsh = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages/preview", new { templateId = englishOnly, language = "cy" }), HttpStatusCode.BadRequest);
        Assert.Contains("no Welsh (Cymraeg) version", noWelsh.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The page previews in Welsh too, and nothing is saved by a preview.
        var client = await app.SignedInAsync(unit.Officer);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}/messages/new?template={bilingual}"));
        Assert.Contains("Annwyl Alex Testperson, gan DC Test.", page, StringComparison.Ordinal);
        Assert.Equal(0, await MessageCountAsync(caseId));
    }

    [Fact]
    public async Task Messages_the_safe_contact_profile_forbids_are_refused_with_the_reason_until_an_audited_override()
    {
        var unit = await UnitAsync();
        var letter = await TemplateAsync(unit, "Letter", "Letter", "Your case", "Dear ((victim_name))");
        var email = await TemplateAsync(unit, "Email", "Email", "Your case", "Dear ((victim_name))");
        var sms = await TemplateAsync(unit, "Text", "TextMessage", null, "An update from ((unit_name))");
        var caseId = await CaseAsync(unit);

        async Task<string> RefusedAsync(object profile, Guid templateId)
        {
            await SetProfileAsync(unit.Api, caseId, profile);
            var preview = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages/preview", new { templateId }), HttpStatusCode.OK);
            var problem = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { templateId }), HttpStatusCode.BadRequest);
            Assert.Equal(preview.GetProperty("refusal").GetString(), problem.GetProperty("detail").GetString());
            Assert.Equal(0, await MessageCountAsync(caseId));
            return problem.GetProperty("detail").GetString()!;
        }

        Assert.Contains("not agreed to contact by email", await RefusedAsync(Profile(["phone", "letter"]), email), StringComparison.Ordinal);
        Assert.Contains("No letters may be sent", await RefusedAsync(Profile(Every, noLetters: true), letter), StringComparison.Ordinal);
        var local = UkTime.ToLocal(DateTime.UtcNow);
        var from = local.AddHours(2).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var to = local.AddHours(3).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("outside the victim's safe times", await RefusedAsync(Profile(Every, from: from, to: to), sms), StringComparison.Ordinal);
        Assert.Contains("No safe phone number", await RefusedAsync(Profile(Every, safePhone: null), sms), StringComparison.Ordinal);
        Assert.Contains("perpetrator may have access", await RefusedAsync(Profile(Every, perpetratorHasPhone: true), sms), StringComparison.Ordinal);

        // Allowed: the text goes to the safe number, not the one on the police record.
        await SetProfileAsync(unit.Api, caseId, Profile(Every));
        var sent = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { templateId = sms }), HttpStatusCode.Created);
        Assert.Equal("07700 900555", sent.GetProperty("message").GetProperty("recipient").GetString());
        Assert.Equal("pending", sent.GetProperty("message").GetProperty("status").GetString());

        // Overridden with a reason: sent, the refusal and the reason kept, and audited.
        await SetProfileAsync(unit.Api, caseId, Profile(Every, noLetters: true));
        var overridden = await JsonAsync(await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages",
            new { templateId = letter, overrideReason = "The victim asked for this letter in person and moved out last week" }), HttpStatusCode.Created);
        var id = overridden.GetProperty("message").GetProperty("id").GetGuid();
        var message = await app.Data.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id));
        Assert.Equal("No letters may be sent to the victim's address.", message.RefusalOverridden);
        Assert.StartsWith("The victim asked", message.OverrideReason, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "Message" && e.RecordId == id.ToString() && e.Field == "SafeContactOverride")));
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "Message", id));
        Assert.Contains(await TimelineAsync(app, caseId), t => t == "Letter \"Letter\" queued to send (against the safe-contact profile)");
        Assert.Equal(2, await MessageCountAsync(caseId));
    }

    [Fact]
    public async Task A_written_acknowledgement_sent_from_the_page_meets_R3_ACK_with_the_message_as_evidence_in_one_save()
    {
        var unit = await UnitAsync();
        var ack = await TemplateAsync(unit, "Written acknowledgement", "Letter", "Your report ((crime_reference))",
            "Dear ((victim_name))\n\nYour crime reference is ((crime_reference)) and your officer is ((officer_name)).", purpose: "Acknowledgement");
        var caseId = await CaseAsync(unit);
        var obligation = await ObligationAsync(app, caseId, CodeRules.Acknowledgement);
        var client = await app.SignedInAsync(unit.Officer);
        var url = $"/cases/{caseId}/messages/new";

        // Preview first (no JavaScript: a plain POST), then send from the preview with R3-ACK ticked.
        var compose = await client.GetStringAsync(url);
        var preview = await Forms.PostWithTokenAsync(client, url, "compose-message", Forms.TokenFrom(compose),
            [new("Input.TemplateId", ack.ToString()), new("Input.Action", "preview")]);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Your crime reference is", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("R3-ACK", html, StringComparison.Ordinal);
        var fields = Forms.FieldsFrom(html).ToList();
        fields.Add(new("Input.Meets", obligation.Id.ToString()));
        fields.Add(new("Input.Action", "send"));
        var sent = await Forms.PostWithTokenAsync(client, url, "compose-message", Forms.TokenFrom(html), fields);
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        Assert.StartsWith($"/cases/{caseId}?message=queued", Forms.Location(sent), StringComparison.Ordinal);

        var message = await app.Data.QueryAsync(db => db.Messages.SingleAsync(m => m.CaseId == caseId));
        var met = await ObligationAsync(app, caseId, CodeRules.Acknowledgement);
        Assert.Equal(ObligationStatus.Met, met.Status);
        Assert.Equal(ActionKind.Letter, met.MetBy);
        var action = await app.Data.QueryAsync(db => db.CaseActions.SingleAsync(a => a.Id == message.ActionId));
        Assert.Equal(message.Id, action.SourceId);
        Assert.Equal(OutboxStatus.Pending, await app.Data.QueryAsync(db => db.OutboxMessages.Where(o => o.MessageId == message.Id).Select(o => o.Status).SingleAsync()));
        Assert.Contains("Letter \"Written acknowledgement\" queued to send", await TimelineAsync(app, caseId));

        // Sending the same draft again (a second click) queues nothing more.
        var again = await Forms.PostWithTokenAsync(client, url, "compose-message", Forms.TokenFrom(html), fields.Where(f => f.Key != "Input.Meets"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await MessageCountAsync(caseId));

        // An obligation that cannot be met any more refuses the whole message: no message, no outbox row.
        var refused = await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { templateId = ack, meets = new[] { obligation.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1, await MessageCountAsync(caseId));
        Assert.Equal(1, await app.Data.QueryAsync(db => db.OutboxMessages.CountAsync(o => o.CaseId == caseId)));

        // The case shows it with its delivery status; the letter prints on its own page.
        var casePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}"));
        Assert.Contains("id=\"messages\"", casePage, StringComparison.Ordinal);
        Assert.Contains("Waiting to send", casePage, StringComparison.Ordinal);
        var print = WebUtility.HtmlDecode(await client.GetStringAsync($"/cases/{caseId}/messages/{message.Id}/print"));
        Assert.Contains("/css/letter-print.css", print, StringComparison.Ordinal);
        Assert.Contains("1 Test Street", print, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Consultation, "Message", message.Id));
    }

    [Fact]
    public async Task Messages_of_a_case_the_user_cannot_see_answer_404()
    {
        var unit = await UnitAsync();
        var other = await UnitAsync();
        var template = await TemplateAsync(unit, "Letter", "Letter", "Subject", "Body");
        var caseId = await CaseAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Api.GetAsync($"/api/v1/cases/{caseId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Api.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { templateId = template })).StatusCode);
        var client = await app.SignedInAsync(unit.Officer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/messages/new")).StatusCode);
        Assert.Equal(0, await MessageCountAsync(caseId));
    }
}
