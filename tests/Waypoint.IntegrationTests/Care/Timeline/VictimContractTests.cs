using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Timeline;

/// <summary>The victim contract (item 6) end to end: channel against the safe-contact profile, the case page's history, reviews on My work.</summary>
public sealed class VictimContractTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Plan(string channel, DateOnly agreed, DateOnly? review = null) => new()
    {
        ["Input.FrequencyDays"] = "14",
        ["Input.Channel"] = channel,
        ["Input.AgreedDay"] = N(agreed.Day),
        ["Input.AgreedMonth"] = N(agreed.Month),
        ["Input.AgreedYear"] = N(agreed.Year),
        ["Input.ReviewDay"] = review is { } r ? N(r.Day) : "",
        ["Input.ReviewMonth"] = review is { } r2 ? N(r2.Month) : "",
        ["Input.ReviewYear"] = review is { } r3 ? N(r3.Year) : "",
    };

    [Fact]
    public async Task A_channel_the_safe_contact_profile_does_not_allow_is_refused_with_the_reason()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(org, "Channels");
        var api = app.Api(await app.Data.TokenAsync(org, officer));
        var saved = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/contact-profile", new { allowedChannels = new[] { "phone", "letter" }, noLettersHome = true, version = 0 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var client = await app.SignedInAsync(officer);

        var email = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("Email", Today));
        Assert.Equal(HttpStatusCode.OK, email.StatusCode);
        var html = await email.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("The victim has not agreed to contact by email.", html, StringComparison.Ordinal);
        var letter = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/update-plan", new { frequencyDays = 14, channel = "Letter", agreedOn = Today });
        Assert.Equal(HttpStatusCode.BadRequest, letter.StatusCode);
        Assert.Contains("No letters may be sent to the victim's address.", await letter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.QueryAsync(db => db.VictimContracts.CountAsync(c => c.CaseId == caseId)));

        var phone = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("Phone", Today));
        Assert.Equal(HttpStatusCode.Redirect, phone.StatusCode);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.VictimContracts.CountAsync(c => c.CaseId == caseId)));
    }

    [Fact]
    public async Task The_case_page_shows_the_contract_with_its_updates_on_time_or_late_and_my_work_shows_the_review_when_due()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var other = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var caseId = await app.Data.CaseAsync(org, "Contracted", team: team, officer: officer);
        var client = await app.SignedInAsync(officer);
        var agreed = Today.AddDays(-40);

        var response = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("Phone", agreed, review: Today.AddDays(-1)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var first = await ObligationAsync(app, caseId, "R6-UPD");
        Assert.True(first.DueOn < Today);
        var met = await RecordActionAsync(client, caseId, "Contact", Today, "Phoned with news of the investigation", first.Id);
        Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);

        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        var contract = casePage[casePage.IndexOf("data-testid=\"victim-contract\"", StringComparison.Ordinal)..];
        contract = contract[..contract.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Every 14 days by phone", contract, StringComparison.Ordinal);
        Assert.Contains("Review due", contract, StringComparison.Ordinal);
        Assert.Contains("0 on time, 1 late", contract, StringComparison.Ordinal);
        Assert.Contains("Phoned with news of the investigation", contract, StringComparison.Ordinal);
        Assert.Contains(">Late<", contract, StringComparison.Ordinal);
        Assert.Contains("Not given yet", contract, StringComparison.Ordinal); // the next update, due in 14 days

        var myWork = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"contract-reviews\"", myWork, StringComparison.Ordinal);
        Assert.Contains($"data-case-id=\"{caseId}\"", myWork[myWork.IndexOf("contract-reviews", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var othersWork = await (await app.SignedInAsync(other)).GetStringAsync("/");
        Assert.Contains("data-testid=\"no-contract-reviews\"", othersWork, StringComparison.Ordinal);

        // A new plan with a later review date takes it off My work.
        var reviewed = await Forms.PostAsync(client, $"/cases/{caseId}/update-plan", "agree-plan", Plan("Phone", Today, review: Today.AddDays(90)));
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.Contains("data-testid=\"no-contract-reviews\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
