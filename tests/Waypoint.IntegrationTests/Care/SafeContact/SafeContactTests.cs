using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Care.SafeContact;

public sealed class SafeContactTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private async Task<(Organisation Org, Team Team, TestUser Officer, Guid CaseId)> CaseAsync(string? restrictions = null, string? offenceFlags = null, bool interpreter = false)
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org, team: team, officer: officer);
        await app.Data.QueryAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Person).Include(x => x.Crime).SingleAsync(x => x.Id == caseId);
            db.Entry(c.Person).Property("ContactRestrictions").CurrentValue = restrictions ?? "";
            db.Entry(c.Person).Property("InterpreterRequired").CurrentValue = interpreter;
            db.Entry(c.Crime).Property("OffenceFlags").CurrentValue = offenceFlags ?? "";
            return await db.SaveChangesAsync();
        });
        return (org, team, officer, caseId);
    }

    private Task<int> ProfileCountAsync(Guid caseId) => app.Data.QueryAsync(db =>
        db.ContactProfiles.CountAsync(p => db.Cases.Any(c => c.Id == caseId && c.PersonId == p.PersonId)));

    private Task<int> AttemptsAsync(Guid caseId) => app.Data.QueryAsync(db => db.ContactAttempts.CountAsync(a => a.CaseId == caseId));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static object Profile(string[] channels, bool noVoicemail = false, bool noLetters = false, string[]? days = null, string? from = null, string? to = null, int version = 0) => new
    {
        allowedChannels = channels,
        safeDays = days ?? [],
        safeFrom = from,
        safeTo = to,
        noVoicemail,
        noLettersHome = noLetters,
        version,
    };

    private static readonly string[] Every = ["phone", "text_message", "email", "letter", "home_visit", "in_person"];

    [Fact]
    public async Task The_profile_is_seeded_from_the_feeds_flags_and_created_on_first_edit_with_the_code_word_shown_only_on_its_page()
    {
        var (org, _, officer, caseId) = await CaseAsync("no_voicemail;perpetrator_has_phone_access;no_home_visits", interpreter: true);
        var api = app.Api(await app.Data.TokenAsync(org, officer));

        var seeded = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/contact-profile"), HttpStatusCode.OK);
        Assert.False(seeded.GetProperty("saved").GetBoolean());
        Assert.True(seeded.GetProperty("noVoicemail").GetBoolean());
        Assert.True(seeded.GetProperty("noHomeVisits").GetBoolean());
        Assert.False(seeded.GetProperty("noLettersHome").GetBoolean());
        Assert.True(seeded.GetProperty("perpetratorMayAccessPhone").GetBoolean());
        Assert.True(seeded.GetProperty("interpreterNeeded").GetBoolean());
        Assert.Equal("en", seeded.GetProperty("preferredLanguage").GetString());
        Assert.Equal(0, await ProfileCountAsync(caseId));

        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync($"/cases/{caseId}/contact-profile");
        Assert.Contains("checked", page, StringComparison.Ordinal);
        var response = await Forms.PostAsync(client, $"/cases/{caseId}/contact-profile", "contact-profile", new()
        {
            ["Input.Version"] = "0",
            ["Input.AllowedChannels"] = "Phone",
            ["Input.Restrictions"] = "NoVoicemail",
            ["Input.CodeWord"] = "Bluebell",
            ["Input.SafePhone"] = "07700 900999",
            ["Input.SafeFrom"] = "09:00",
            ["Input.SafeTo"] = "17:30",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var profile = await app.Data.QueryAsync(db => db.ContactProfiles.SingleAsync(p => db.Cases.Any(c => c.Id == caseId && c.PersonId == p.PersonId)));
        Assert.True(profile.NoVoicemail);
        Assert.Equal("Bluebell", profile.CodeWord);
        Assert.Equal(new TimeOnly(17, 30), profile.SafeTo);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "ContactProfile", profile.Id));
        Assert.Contains("Bluebell", await client.GetStringAsync($"/cases/{caseId}/contact-profile"), StringComparison.Ordinal);
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.DoesNotContain("Bluebell", casePage, StringComparison.Ordinal);
        Assert.Contains("Do not contact by: text message, email, letter, home visit, in person.", casePage, StringComparison.Ordinal);
        Assert.Contains("Safe-contact profile recorded", await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.CaseId == caseId).Select(t => t.Summary).ToListAsync()));

        // Someone else saved in between: a save from the old version is refused.
        var stale = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", Profile(Every, version: 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var fresh = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", Profile(Every, version: profile.Version));
        var saved = await JsonAsync(fresh, HttpStatusCode.OK);
        Assert.Equal(6, saved.GetProperty("allowedChannels").GetArrayLength());
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "ContactProfile", profile.Id));
    }

    [Fact]
    public async Task A_contact_the_profile_forbids_is_refused_with_the_reason_and_nothing_is_saved()
    {
        var (org, _, officer, caseId) = await CaseAsync();
        var api = app.Api(await app.Data.TokenAsync(org, officer));
        var at = DateTime.UtcNow.AddHours(-1);
        var local = UkTime.ToLocal(at);
        async Task<string> RefusedAsync(object profile, string channel, string outcome)
        {
            var current = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/contact-profile"), HttpStatusCode.OK);
            var json = JsonSerializer.SerializeToElement(profile);
            var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(json.GetRawText())!;
            body["version"] = current.GetProperty("version").GetInt32();
            await JsonAsync(await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", body), HttpStatusCode.OK);
            var response = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel, direction = "outbound", outcome, at = new DateTimeOffset(at, TimeSpan.Zero) });
            var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(0, await AttemptsAsync(caseId));
            return problem.GetProperty("detail").GetString()!;
        }

        Assert.Contains("not agreed to contact by email", await RefusedAsync(Profile(["phone"]), "email", "message_sent"), StringComparison.Ordinal);
        var otherDays = Enum.GetValues<DayOfWeek>().Where(d => d != local.DayOfWeek).Select(d => d.ToString().ToLowerInvariant()).ToArray();
        Assert.Contains($"{local.DayOfWeek} is not a safe day", await RefusedAsync(Profile(Every, days: otherDays), "phone", "spoke"), StringComparison.Ordinal);
        var from = local.AddHours(2).ToString("HH:mm", Inv);
        var to = local.AddHours(3).ToString("HH:mm", Inv);
        Assert.Contains("outside the victim's safe times", await RefusedAsync(Profile(Every, from: from, to: to), "phone", "spoke"), StringComparison.Ordinal);
        Assert.Contains("No voicemail", await RefusedAsync(Profile(Every, noVoicemail: true), "phone", "left_voicemail"), StringComparison.Ordinal);
        Assert.Contains("No letters", await RefusedAsync(Profile(Every, noLetters: true), "letter", "message_sent"), StringComparison.Ordinal);

        // The same time inside the safe hours is accepted.
        var inside = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", new
        {
            allowedChannels = Every,
            safeFrom = local.AddHours(-1).ToString("HH:mm", Inv),
            safeTo = local.AddHours(1).ToString("HH:mm", Inv),
            version = (await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/contact-profile"), HttpStatusCode.OK)).GetProperty("version").GetInt32(),
        });
        await JsonAsync(inside, HttpStatusCode.OK);
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "no_answer", at = new DateTimeOffset(at, TimeSpan.Zero) }), HttpStatusCode.OK);
        Assert.Equal(1, await AttemptsAsync(caseId));
    }

    [Fact]
    public async Task An_officer_overrides_a_refusal_only_with_a_reason_which_is_kept_and_audited_without_javascript()
    {
        var (_, _, officer, caseId) = await CaseAsync("no_voicemail");
        var client = await app.SignedInAsync(officer);
        var now = UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-10));
        Dictionary<string, string> Fields(string? reason) => new()
        {
            ["Input.Channel"] = "Phone",
            ["Input.Direction"] = "Outbound",
            ["Input.Outcome"] = "LeftVoicemail",
            ["Input.Day"] = now.Day.ToString(Inv),
            ["Input.Month"] = now.Month.ToString(Inv),
            ["Input.Year"] = now.Year.ToString(Inv),
            ["Input.Time"] = now.ToString("HH:mm", Inv),
            ["Input.OverrideReason"] = reason ?? "",
        };

        var refused = await Forms.PostAsync(client, $"/cases/{caseId}/contacts/new", "record-contact", Fields(null));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("No voicemail may be left for the victim.", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.OverrideReason\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Equal(0, await AttemptsAsync(caseId));

        var saved = await Forms.PostAsync(client, $"/cases/{caseId}/contacts/new", "record-contact", Fields("The victim asked us to leave a message this once: she has a new phone"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var attempt = await app.Data.QueryAsync(db => db.ContactAttempts.SingleAsync(a => a.CaseId == caseId));
        Assert.Equal("No voicemail may be left for the victim.", attempt.RefusalOverridden);
        Assert.StartsWith("The victim asked", attempt.OverrideReason, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "ContactAttempt", attempt.Id));
        Assert.Contains("Profile overridden", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speaking_to_the_victim_records_a_code_action_that_meets_the_needs_assessment_obligation()
    {
        var (_, _, officer, caseId) = await CaseAsync();
        var client = await app.SignedInAsync(officer);
        var na = await app.Data.QueryAsync(db => db.Obligations.SingleAsync(o => o.CaseId == caseId && o.Rule == "R4-NA"));
        var page = await client.GetStringAsync($"/cases/{caseId}/contacts/new");
        Assert.Contains(na.Id.ToString(), page, StringComparison.Ordinal);
        var fields = Forms.FieldsFrom(page);
        var response = await Forms.PostAsync(client, $"/cases/{caseId}/contacts/new", "record-contact", new()
        {
            ["Input.Channel"] = "Phone",
            ["Input.Direction"] = "Outbound",
            ["Input.Outcome"] = "Spoke",
            ["Input.Day"] = fields["Input.Day"],
            ["Input.Month"] = fields["Input.Month"],
            ["Input.Year"] = fields["Input.Year"],
            ["Input.Time"] = fields["Input.Time"],
            ["Input.Notes"] = "Talked through needs",
            ["Input.Meets"] = na.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attempt = await app.Data.QueryAsync(db => db.ContactAttempts.SingleAsync(a => a.CaseId == caseId));
        var action = await app.Data.QueryAsync(db => db.CaseActions.SingleAsync(a => a.CaseId == caseId));
        Assert.Equal(ActionKind.Contact, action.Kind);
        Assert.Equal(attempt.Id, action.SourceId);
        Assert.Equal(action.Id, attempt.ActionId);
        na = await app.Data.QueryAsync(db => db.Obligations.SingleAsync(o => o.Id == na.Id));
        Assert.Equal(ObligationStatus.Met, na.Status);
    }

    [Fact]
    public async Task A_contact_to_try_again_shows_on_my_work_when_due_and_clears_after_the_next_attempt()
    {
        var (_, _, officer, caseId) = await CaseAsync();
        var client = await app.SignedInAsync(officer);
        var at = UkTime.ToLocal(DateTime.UtcNow.AddHours(-3));
        var again = UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-30));
        Dictionary<string, string> Fields(DateTime when, DateTime? tryAgain) => new()
        {
            ["Input.Channel"] = "Phone",
            ["Input.Direction"] = "Outbound",
            ["Input.Outcome"] = "NoAnswer",
            ["Input.Day"] = when.Day.ToString(Inv),
            ["Input.Month"] = when.Month.ToString(Inv),
            ["Input.Year"] = when.Year.ToString(Inv),
            ["Input.Time"] = when.ToString("HH:mm", Inv),
            ["Input.TryAgainDay"] = tryAgain?.Day.ToString(Inv) ?? "",
            ["Input.TryAgainMonth"] = tryAgain?.Month.ToString(Inv) ?? "",
            ["Input.TryAgainYear"] = tryAgain?.Year.ToString(Inv) ?? "",
            ["Input.TryAgainTime"] = tryAgain?.ToString("HH:mm", Inv) ?? "",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, $"/cases/{caseId}/contacts/new", "record-contact", Fields(at, again))).StatusCode);
        var myWork = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"try-again\"", myWork, StringComparison.Ordinal);
        Assert.Contains($"data-case-id=\"{caseId}\"", myWork.Split("data-testid=\"try-again\"")[1], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, $"/cases/{caseId}/contacts/new", "record-contact",
            Fields(UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-5)), null))).StatusCode);
        Assert.Contains("data-testid=\"no-try-again\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.NotNull(await app.Data.QueryAsync(db => db.ContactAttempts.Where(a => a.CaseId == caseId && a.TryAgainAt != null).Select(a => a.TryAgainDoneAt).SingleAsync()));
    }

    [Fact]
    public async Task Protocols_apply_by_flag_warn_before_first_contact_and_complete_only_with_every_item_ticked()
    {
        var (_, _, officer, caseId) = await CaseAsync(offenceFlags: "domestic_abuse");
        var client = await app.SignedInAsync(officer);
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains($"/cases/{caseId}/protocols/domestic-abuse", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("/protocols/sexual-violence", casePage, StringComparison.Ordinal);
        Assert.Contains("Not completed", casePage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"protocol-warning\"", await client.GetStringAsync($"/cases/{caseId}/contacts/new"), StringComparison.Ordinal);

        var url = $"/cases/{caseId}/protocols/domestic-abuse";
        var page = await client.GetAsync(url);
        var token = Forms.TokenFrom(await page.Content.ReadAsStringAsync());
        var some = await Forms.PostWithTokenAsync(client, url, "complete-protocol", token, [new("Input.Confirmed", "0"), new("Input.Confirmed", "1")]);
        Assert.Equal(HttpStatusCode.OK, some.StatusCode);
        Assert.Contains("Confirm every item of the checklist: 3 items are not ticked", await some.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.ProtocolCompletions.CountAsync(p => p.CaseId == caseId)));

        var all = await Forms.PostWithTokenAsync(client, url, "complete-protocol", token, Enumerable.Range(0, 5).Select(i => new KeyValuePair<string, string>("Input.Confirmed", i.ToString(Inv))));
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        var completion = await app.Data.QueryAsync(db => db.ProtocolCompletions.SingleAsync(p => p.CaseId == caseId));
        Assert.Equal("domestic-abuse", completion.Protocol);
        Assert.Contains("Agree a code word", completion.ConfirmedItems, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "ProtocolCompletion", completion.Id));
        Assert.DoesNotContain("data-testid=\"protocol-warning\"", await client.GetStringAsync($"/cases/{caseId}/contacts/new"), StringComparison.Ordinal);
        Assert.Contains("Completed", await client.GetStringAsync($"/cases/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_case_answers_not_found_on_every_route()
    {
        var (_, _, _, caseId) = await CaseAsync();
        var other = await app.Data.OrganisationAsync();
        var stranger = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var api = app.Api(await app.Data.TokenAsync(other, stranger));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/contact-profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", Profile(Every))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/contacts", new { channel = "phone", direction = "outbound", outcome = "spoke" })).StatusCode);
        var client = await app.SignedInAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/contact-profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/contacts/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/protocols/domestic-abuse")).StatusCode);
        Assert.Equal(0, await ProfileCountAsync(caseId));
    }
}
