using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Entitlements.Ledger.LedgerSteps;

namespace Waypoint.IntegrationTests.Care.Referrals;

public sealed class ReferralsWithConsentTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string D(int n) => n.ToString(CultureInfo.InvariantCulture);

    private async Task<Guid> ServiceAsync(Organisation org, string name)
    {
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);
        var response = await Forms.PostAsync(client, "/admin/services/new", "service", new()
        {
            ["Input.Name"] = name,
            ["Input.ServiceType"] = "IDVA",
            ["Input.Area"] = "North",
            ["Input.ReferralEmail"] = "referrals@example.org",
            ["Input.Commissioned"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.Data.QueryAsync(db => db.SupportServices.Where(s => s.OrganisationId == org.Id && s.Name == name).Select(s => s.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> ConsentAsync(HttpClient client, Guid caseId, Guid serviceId) =>
        Forms.PostAsync(client, $"/cases/{caseId}/consent/new", "consent", new()
        {
            ["Input.ServiceId"] = serviceId.ToString(),
            ["Input.Shares"] = "contact",
            ["Input.Day"] = D(Today.Day),
            ["Input.Month"] = D(Today.Month),
            ["Input.Year"] = D(Today.Year),
            ["Input.How"] = "phone",
        });

    private static Task<HttpResponseMessage> ReferAsync(HttpClient client, Guid caseId, Guid serviceId, string? overrideReason = null, Guid? meets = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.ServiceId"] = serviceId.ToString(),
            ["Input.Day"] = D(Today.Day),
            ["Input.Month"] = D(Today.Month),
            ["Input.Year"] = D(Today.Year),
        };
        if (overrideReason is not null)
        {
            fields["Input.SafeguardingOverrideReason"] = overrideReason;
        }
        if (meets is not null)
        {
            fields["Input.Meets"] = meets.Value.ToString();
        }
        return Forms.PostAsync(client, $"/cases/{caseId}/referrals/new", "referral", fields);
    }

    private Task<int> ReferralCountAsync(Guid caseId) => app.Data.QueryAsync(db => db.ServiceReferrals.CountAsync(r => r.CaseId == caseId));

    [Fact]
    public async Task A_referral_without_consent_is_refused_with_the_reason_and_nothing_is_saved()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var serviceId = await ServiceAsync(force, "Safe Haven IDVA");
        var caseId = await app.Data.CaseAsync(force, "Noconsent");
        var client = await app.SignedInAsync(officer);

        var response = await ReferAsync(client, caseId, serviceId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Record the victim's consent to share their details with Safe Haven IDVA before referring", html, StringComparison.Ordinal);
        Assert.Equal(0, await ReferralCountAsync(caseId));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task Withdrawn_consent_or_consent_for_another_service_does_not_allow_a_referral()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var idva = await ServiceAsync(force, "IDVA North");
        var counselling = await ServiceAsync(force, "Counselling North");
        var caseId = await app.Data.CaseAsync(force, "Withdrawn");
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsentAsync(client, caseId, idva)).StatusCode);
        var consentId = await app.Data.QueryAsync(db => db.ConsentRecords.Where(c => c.CaseId == caseId).Select(c => c.Id).SingleAsync());

        var other = await ReferAsync(client, caseId, counselling);
        Assert.Contains("before referring", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var withdraw = await Forms.PostAsync(client, $"/cases/{caseId}/consent/{consentId}/withdraw", "withdraw-consent", new() { ["Input.Note"] = "Victim changed their mind" });
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Alteration, "ConsentRecord", consentId));
        var refused = await ReferAsync(client, caseId, idva);
        Assert.Contains("Record the victim's consent to share their details with IDVA North before referring", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await ReferralCountAsync(caseId));
    }

    [Fact]
    public async Task A_safeguarding_override_with_a_reason_is_saved_and_audited_and_a_short_reason_is_refused()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var serviceId = await ServiceAsync(force, "Child Safeguarding Hub");
        var caseId = await app.Data.CaseAsync(force, "Override");
        var client = await app.SignedInAsync(officer);

        var tooShort = await ReferAsync(client, caseId, serviceId, "risk");
        Assert.Contains("in at least 10 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await ReferralCountAsync(caseId));

        var response = await ReferAsync(client, caseId, serviceId, "Children in the household at immediate risk of harm");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var referral = await app.Data.QueryAsync(db => db.ServiceReferrals.SingleAsync(r => r.CaseId == caseId));
        Assert.Null(referral.ConsentId);
        Assert.Equal("Children in the household at immediate risk of harm", referral.SafeguardingOverrideReason);
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        var audit = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.RecordType == "ServiceReferral" && e.RecordId == referral.Id.ToString()));
        Assert.Equal(AuditOperation.Disclosure, audit.Operation);
        Assert.Equal("Child Safeguarding Hub", audit.Recipient);
        Assert.Contains("safeguarding override", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_with_consent_meets_R4_REF_on_time_and_its_status_changes_are_audited()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var serviceId = await ServiceAsync(force, "Victim Support Hub");
        var caseId = await app.Data.CaseAsync(force, "Consented", reportedDaysAgo: 1);
        var r4 = await ObligationAsync(app, caseId, "R4-REF");
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await ConsentAsync(client, caseId, serviceId)).StatusCode);

        var form = await client.GetStringAsync($"/cases/{caseId}/referrals/new");
        Assert.Contains("R4-REF", form, StringComparison.Ordinal);
        var response = await ReferAsync(client, caseId, serviceId, meets: r4.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var referral = await app.Data.QueryAsync(db => db.ServiceReferrals.SingleAsync(r => r.CaseId == caseId));
        Assert.NotNull(referral.ConsentId);
        var action = await app.Data.QueryAsync(db => db.CaseActions.SingleAsync(a => a.CaseId == caseId));
        Assert.Equal(ActionKind.Referral, action.Kind);
        Assert.Equal(referral.Id, action.SourceId);
        Assert.Equal(action.Id, referral.ActionId);
        var met = await ObligationAsync(app, caseId, "R4-REF");
        Assert.Equal(ObligationStatus.Met, met.Status);
        Assert.Contains(await TimelineAsync(app, caseId), t => t.StartsWith("Referred to Victim Support Hub with consent", StringComparison.Ordinal));
        var casePage = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Referrals and support", casePage, StringComparison.Ordinal);
        Assert.Contains("Victim Support Hub", casePage, StringComparison.Ordinal);

        var accepted = await Forms.PostAsync(client, $"/cases/{caseId}/referrals/{referral.Id}", "referral-status", new() { ["Input.Status"] = "Accepted", ["Input.Outcome"] = "Allocated to an IDVA" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var api = app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));
        var patched = await api.PatchAsJsonAsync($"/api/v1/cases/{caseId}/referrals/{referral.Id}", new { status = "completed", outcome = "Support finished" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var list = await JsonAsync(await api.GetAsync($"/api/v1/cases/{caseId}/referrals"), HttpStatusCode.OK);
        Assert.Equal("completed", list[0].GetProperty("status").GetString());
        Assert.Equal("Support finished", list[0].GetProperty("outcome").GetString());
        Assert.Equal(2, await app.Data.AuditCountAsync(AuditOperation.Alteration, "ServiceReferral", referral.Id));
        var timeline = await TimelineAsync(app, caseId);
        Assert.Contains("Referral to Victim Support Hub: accepted", timeline);
        Assert.Contains("Referral to Victim Support Hub: completed", timeline);
    }

    [Fact]
    public async Task Signposting_is_recorded_apart_and_does_not_meet_R4_REF()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Signposted");
        var client = await app.SignedInAsync(officer);

        var response = await Forms.PostAsync(client, $"/cases/{caseId}/signposting/new", "signpost", new() { ["Input.ServiceName"] = "Samaritans", ["Input.Note"] = "Gave the number" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.Signpostings.CountAsync(s => s.CaseId == caseId)));
        Assert.Equal(0, await ReferralCountAsync(caseId));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.CaseActions.CountAsync(a => a.CaseId == caseId)));
        Assert.Equal(ObligationStatus.Open, (await ObligationAsync(app, caseId, "R4-REF")).Status);
    }

    [Fact]
    public async Task The_api_refuses_a_referral_without_consent_naming_it_and_answers_404_for_another_organisations_case()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var serviceId = await ServiceAsync(force, "API Counselling");
        var caseId = await app.Data.CaseAsync(force, "Apicase");
        var otherCase = await app.Data.CaseAsync(other, "Elsewhere");
        var api = app.Api(await app.Data.TokenAsync(force, await app.Data.UserAsync(force, Roles.UnitAdministrator), Permissions.CasesRead, Permissions.CasesWrite));

        var refused = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", new { serviceId, sentOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal("Record the victim's consent to share their details with API Counselling before referring", problem.GetProperty("errors").GetProperty("ConsentId")[0].GetString());
        Assert.Equal(0, await ReferralCountAsync(caseId));

        var consent = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/consents", new { serviceId, shares = new[] { "contact", "crime" }, givenOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), how = "writing" });
        await JsonAsync(consent, HttpStatusCode.OK);
        var made = await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/referrals", new { serviceId, sentOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        await JsonAsync(made, HttpStatusCode.OK);
        Assert.Equal(1, await ReferralCountAsync(caseId));

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{otherCase}/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/cases/{otherCase}/referrals", new { serviceId, sentOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{otherCase}/referrals/new")).StatusCode);
    }

    [Fact]
    public async Task The_services_directory_is_validated_audited_and_managed_only_by_administrators()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(admin);

        var invalid = await Forms.PostAsync(client, "/admin/services/new", "service", new() { ["Input.Name"] = "", ["Input.ReferralEmail"] = "not-an-email" });
        var html = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Contains("Enter the service's name", html, StringComparison.Ordinal);
        Assert.Contains("Enter the type of service", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", html, StringComparison.Ordinal);

        var serviceId = await ServiceAsync(force, "Housing Advice");
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Administration, "SupportService", serviceId));
        var duplicate = await Forms.PostAsync(client, "/admin/services/new", "service", new() { ["Input.Name"] = "housing advice", ["Input.ServiceType"] = "Housing" });
        Assert.Contains("There is already a service called housing advice", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var withdraw = await Forms.PostAsync(client, $"/admin/services/{serviceId}", "service-status", new() { ["Status.Version"] = "0" });
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.SupportServices.Where(s => s.Id == serviceId).Select(s => s.Active).SingleAsync()));
        Assert.Equal(2, await app.Data.AuditCountAsync(AuditOperation.Administration, "SupportService", serviceId));
        var stale = await Forms.PostAsync(client, $"/admin/services/{serviceId}", "service", new() { ["Input.Name"] = "Housing Advice", ["Input.ServiceType"] = "Housing", ["Input.Version"] = "0" });
        Assert.Contains("changed", (await stale.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);

        var officerClient = await app.SignedInAsync(officer);
        var adminPage = await officerClient.GetAsync("/admin/services");
        Assert.NotEqual(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await officerClient.GetAsync("/admin/services/new")).StatusCode);
        var api = app.Api(await app.Data.TokenAsync(force, admin, Permissions.CasesRead, Permissions.CasesWrite));
        var refused = await api.PostAsJsonAsync("/api/v1/admin/services", new { name = "Sneaky", serviceType = "X" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.SupportServices.AnyAsync(s => s.Name == "Sneaky")));
        var directory = await officerClient.GetStringAsync("/services?q=housing");
        Assert.Contains("No services found", directory, StringComparison.Ordinal);
        var all = await client.GetStringAsync("/admin/services?q=housing&withdrawn=1");
        Assert.Contains("Housing Advice", all, StringComparison.Ordinal);
    }
}
