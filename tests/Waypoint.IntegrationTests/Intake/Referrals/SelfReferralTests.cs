using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;

namespace Waypoint.IntegrationTests.Intake.Referrals;

/// <summary>The self-referral tests post more than the default limit allows from one address: raise it.</summary>
public sealed class SelfReferralApp : WaypointApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:RateLimits:SelfReferralPer10Minutes"] = "1000",
    };
}

public sealed class SelfReferralTests(SelfReferralApp app) : IClassFixture<SelfReferralApp>
{
    internal static Dictionary<string, string> Answers(Organisation org, string firstName) => new()
    {
        ["Input.OrganisationCode"] = org.Code,
        ["Input.FirstName"] = firstName,
        ["Input.LastName"] = "Quillfeather",
        ["Input.DateOfBirth"] = "3/4/1991",
        ["Input.Mobile"] = "07700 900321",
        ["Input.ContactMethod"] = "text",
        ["Input.SafeTimes"] = "Weekdays 9am to 12pm",
        ["Input.VoicemailSafe"] = "false",
        ["Input.SafeContactNotes"] = "My partner checks my phone in the evening",
        ["Input.ReportedToPolice"] = "no",
        ["Input.WhatHappened"] = "Someone keeps following me home\nIt has happened four times this month",
        ["Input.ConsentToContact"] = "true",
    };

    [Fact]
    public async Task A_visitor_who_has_not_signed_in_sees_the_form_with_a_way_to_leave_quickly_that_works_without_javascript()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var wcu = await app.Data.OrganisationAsync(type: OrganisationType.WitnessCareUnit);
        var client = app.Browser();

        var response = await client.GetAsync("/refer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-exit-this-page", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.bbc.co.uk/weather\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{hub.Code}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{wcu.Code}\"", html, StringComparison.Ordinal);
        var honeypot = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"govuk-visually-hidden\" aria-hidden=\"true\">\\s*<label[^>]*>[^<]*</label>\\s*(<input[^>]*name=\"Input.Website\"[^>]*>)");
        Assert.True(honeypot.Success, "The honeypot field is missing or not hidden");
        Assert.Contains("tabindex=\"-1\"", honeypot.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", honeypot.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_referral_lands_in_the_chosen_organisations_intake_queue_and_the_confirmation_reveals_nothing()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var client = app.Browser();

        var response = await Forms.PostAsync(client, "/refer", "self-referral", Answers(hub, "Ysolde"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/refer/sent", Forms.Location(response));
        var confirmation = await client.GetAsync("/refer/sent");
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        var html = await confirmation.Content.ReadAsStringAsync();
        Assert.Contains("Thank you, we will contact you in the way you said is safe", html, StringComparison.Ordinal);
        Assert.Contains("govuk-exit-this-page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ysolde", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Quillfeather", html, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", html, StringComparison.Ordinal);

        var stored = await app.Data.QueryAsync(db => db.Cases.AsNoTracking().Include(c => c.Person).Include(c => c.Crime)
            .SingleAsync(c => c.OrganisationId == hub.Id && c.Person.FirstName == "Ysolde"));
        Assert.Equal(CaseSource.SelfReferral, stored.Source);
        Assert.Null(stored.TeamId);
        Assert.Equal(CaseStatus.New, stored.Status);
        Assert.Null(stored.Person.ForceOrganisationId);
        Assert.Null(stored.Person.PersonReference);
        Assert.Equal("no_voicemail", stored.Person.ContactRestrictions);
        Assert.Null(stored.Crime.ForceOrganisationId);
        Assert.Equal("Someone keeps following me home", stored.Crime.OffenceDescription);
        Assert.NotNull(stored.Crime.DateReported);
        Assert.NotNull(stored.TriagedAt);
        Assert.Equal(3, stored.Priority);

        var referral = await app.Data.QueryAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.CaseId == stored.Id));
        Assert.Equal(CaseSource.SelfReferral, referral.Source);
        Assert.Equal(hub.Id, referral.OrganisationId);
        Assert.True(referral.ConsentToContact);
        Assert.False(referral.ReportedToPolice);
        Assert.Contains("Text message", referral.SafeContactMethod, StringComparison.Ordinal);
        Assert.Contains("Do not leave a voicemail", referral.SafeContactMethod, StringComparison.Ordinal);
        Assert.Equal("Weekdays 9am to 12pm", referral.SafeContactTimes);

        var collection = await app.Data.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Operation == AuditOperation.Collection && e.RecordType == "Case" && e.RecordId == stored.Id.ToString()).ToListAsync());
        var entry = Assert.Single(collection);
        Assert.Equal("public", entry.Channel);
        Assert.Equal("Self-referral form", entry.UserName);
        Assert.Equal(hub.Id, entry.OrganisationId);
    }

    [Fact]
    public async Task A_crime_reported_to_the_chosen_force_is_recorded_against_that_force_with_the_given_reference_kept_on_the_referral()
    {
        var force = await app.Data.OrganisationAsync();
        var answers = Answers(force, "Gwilym");
        answers["Input.ReportedToPolice"] = "yes";
        answers["Input.CrimeReference"] = $"{force.Code}/26/4242";
        answers.Remove("Input.WhatHappened");

        var response = await Forms.PostAsync(app.Browser(), "/refer", "self-referral", answers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.Data.QueryAsync(db => db.Cases.AsNoTracking().Include(c => c.Crime).SingleAsync(c => c.OrganisationId == force.Id && c.Person.FirstName == "Gwilym"));
        Assert.Equal(force.Id, stored.Crime.ForceOrganisationId);
        Assert.Null(stored.Crime.CrimeReference);
        Assert.Equal("Not stated", stored.Crime.OffenceDescription);
        var referral = await app.Data.QueryAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.CaseId == stored.Id));
        Assert.True(referral.ReportedToPolice);
        Assert.Contains($"{force.Code}/26/4242", referral.WhatHappened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_that_fills_the_hidden_field_is_thanked_the_same_way_and_nothing_is_stored()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var answers = Answers(hub, "Botholomew");
        answers["Input.Website"] = "http://spam.example";
        var before = await app.Data.QueryAsync(db => db.Cases.CountAsync());

        var response = await Forms.PostAsync(app.Browser(), "/refer", "self-referral", answers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/refer/sent", Forms.Location(response));
        Assert.Equal(before, await app.Data.QueryAsync(db => db.Cases.CountAsync()));
        Assert.False(await app.Data.QueryAsync(db => db.People.AnyAsync(p => p.FirstName == "Botholomew")));
        Assert.False(await app.Data.QueryAsync(db => db.Referrals.AnyAsync(r => r.OrganisationId == hub.Id)));
    }

    [Fact]
    public async Task Without_consent_to_be_contacted_the_form_is_refused_with_a_govuk_error_and_keeps_what_was_typed()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var answers = Answers(hub, "Eirlys");
        answers.Remove("Input.ConsentToContact");
        answers["Input.DateOfBirth"] = "31/2/1990";

        var response = await Forms.PostAsync(app.Browser(), "/refer", "self-referral", answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#ConsentToContact\"", html, StringComparison.Ordinal);
        Assert.Contains("Select that you agree to us contacting you", html, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Eirlys\"", html, StringComparison.Ordinal);
        Assert.Contains("govuk-exit-this-page", html, StringComparison.Ordinal);
        Assert.False(await app.Data.QueryAsync(db => db.Cases.AnyAsync(c => c.OrganisationId == hub.Id)));
    }

    [Fact]
    public async Task An_empty_form_lists_what_is_needed()
    {
        var response = await Forms.PostAsync(app.Browser(), "/refer", "self-referral", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Select who to send your referral to", html, StringComparison.Ordinal);
        Assert.Contains("Enter your first name", html, StringComparison.Ordinal);
        Assert.Contains("Enter a phone number or an email address so we can contact you", html, StringComparison.Ordinal);
        Assert.Contains("Select how it is safe to contact you", html, StringComparison.Ordinal);
        Assert.Contains("Select whether you have reported it to the police", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var client = app.Browser();
        var fields = Answers(hub, "Forged").Append(KeyValuePair.Create("_handler", "self-referral"));
        using var content = new FormUrlEncodedContent(fields);

        var response = await client.PostAsync("/refer", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.People.AnyAsync(p => p.FirstName == "Forged")));
    }
}

/// <summary>A low limit, so the test reaches it quickly.</summary>
public sealed class RateLimitedReferralApp : WaypointApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:RateLimits:SelfReferralPer10Minutes"] = "2",
    };
}

public sealed class SelfReferralRateLimitTests(RateLimitedReferralApp app) : IClassFixture<RateLimitedReferralApp>
{
    [Fact]
    public async Task Posting_the_form_more_often_than_the_limit_is_refused_with_429_while_the_page_still_loads()
    {
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var client = app.Browser();

        var first = await Forms.PostAsync(client, "/refer", "self-referral", SelfReferralTests.Answers(hub, "Limit"));
        var second = await Forms.PostAsync(client, "/refer", "self-referral", SelfReferralTests.Answers(hub, "Limit"));
        var third = await Forms.PostAsync(client, "/refer", "self-referral", SelfReferralTests.Answers(hub, "Limit"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/refer")).StatusCode);
        Assert.Equal(2, await app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.OrganisationId == hub.Id)));
    }
}
