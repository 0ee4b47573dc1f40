using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Intake.Referrals;

public sealed class AgencyReferralTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static string Date(DateTime d) => d.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_agency_referral_taken_by_an_officer_keeps_the_referrer_and_is_triaged_in_the_intake_queue()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);

        var response = await Forms.PostAsync(client, "/cases/new", "record-victim", new()
        {
            ["Input.Source"] = "AgencyReferral",
            ["Input.ReferringAgency"] = "Northshire Women's Aid",
            ["Input.ReferrerName"] = "Carys Bevan",
            ["Input.ReferrerContact"] = "carys@womensaid.example.org",
            ["Input.ConsentToContact"] = "true",
            ["Input.Role"] = "Victim",
            ["Input.FirstName"] = "Tamsin",
            ["Input.LastName"] = "Penhallow",
            ["Input.DateOfBirth"] = Date(DateTime.UtcNow.AddYears(-15)),
            ["Input.OffenceDescription"] = "Harassment",
            ["Input.DateReported"] = Date(DateTime.UtcNow.AddDays(-1)),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = Guid.Parse(Forms.Location(response).Split('/', '?')[2]);
        var stored = await app.Data.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Null(stored.TeamId);
        Assert.Equal(CaseSource.AgencyReferral, stored.Source);
        Assert.NotNull(stored.TriagedAt);
        Assert.Equal(EntitlementLevel.Enhanced, stored.EntitlementLevel);
        Assert.Contains("vulnerable:under_18", stored.EnhancedReasons, StringComparison.Ordinal);
        Assert.Equal(1, stored.Priority);

        var referral = await app.Data.QueryAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.CaseId == caseId));
        Assert.Equal(CaseSource.AgencyReferral, referral.Source);
        Assert.Equal("Northshire Women's Aid", referral.ReferringAgency);
        Assert.Equal("Carys Bevan", referral.ReferrerName);
        Assert.Equal("carys@womensaid.example.org", referral.ReferrerContact);
        Assert.True(referral.ConsentToContact);

        var page = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Vulnerable: under 18", page, StringComparison.Ordinal);
        Assert.Contains("Carys Bevan", page, StringComparison.Ordinal);
        Assert.Contains("Northshire Women&#x27;s Aid", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_referral_also_keeps_a_referral_row_without_agency_details()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);

        var response = await Forms.PostAsync(client, "/cases/new", "record-victim", new()
        {
            ["Input.Source"] = "Phone",
            ["Input.ReferrerName"] = "Ignored for phone calls",
            ["Input.Role"] = "Victim",
            ["Input.FirstName"] = "Idris",
            ["Input.LastName"] = "Maddox",
            ["Input.OffenceDescription"] = "Theft of a pedal cycle",
            ["Input.DateReported"] = Date(DateTime.UtcNow.AddDays(-1)),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = Guid.Parse(Forms.Location(response).Split('/', '?')[2]);
        var referral = await app.Data.QueryAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.CaseId == caseId));
        Assert.Equal(CaseSource.Phone, referral.Source);
        Assert.Null(referral.ReferrerName);
        Assert.False(referral.ConsentToContact);
        var stored = await app.Data.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        Assert.Equal(EntitlementLevel.Standard, stored.EntitlementLevel);
        Assert.Equal(4, stored.Priority);
    }
}
