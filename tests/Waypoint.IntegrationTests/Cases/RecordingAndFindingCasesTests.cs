using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Cases;

public sealed class RecordingAndFindingCasesTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_officer_records_a_victim_by_hand_and_lands_on_the_new_case_page()
    {
        var force = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(force);
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var client = await app.SignedInAsync(officer);

        var response = await Forms.PostAsync(client, "/cases/new", "record-victim", new()
        {
            ["Input.Source"] = "Phone",
            ["Input.Role"] = "Victim",
            ["Input.FirstName"] = "Morwenna",
            ["Input.LastName"] = "Trelawney",
            ["Input.DateOfBirth"] = "14/2/1986",
            ["Input.Mobile"] = "07700 900456",
            ["Input.Postcode"] = "ns1 2ab",
            ["Input.OffenceDescription"] = "Theft from a vehicle",
            ["Input.DateReported"] = DateTime.UtcNow.AddDays(-1).ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ForceCode"] = force.Code,
            ["Input.CrimeReference"] = $"{force.Code}/26/000777",
            ["Input.TeamId"] = team.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        Assert.StartsWith("/cases/", location, StringComparison.Ordinal);
        var page = await client.GetStringAsync(location);
        Assert.Contains("Morwenna Trelawney", page, StringComparison.Ordinal);
        Assert.Contains("NS1 2AB", page, StringComparison.Ordinal);
        var caseId = Guid.Parse(location.Split('/', '?')[2]);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "Case", caseId));
        Assert.True(await app.Data.AuditCountAsync(AuditOperation.Consultation, "Case", caseId) >= 1);
    }

    [Fact]
    public async Task A_form_with_mistakes_is_refused_with_every_reason_and_keeps_what_was_typed()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);
        var before = await app.Data.QueryAsync(db => db.Cases.CountAsync());

        var response = await Forms.PostAsync(client, "/cases/new", "record-victim", new()
        {
            ["Input.Source"] = "Phone",
            ["Input.Role"] = "Victim",
            ["Input.FirstName"] = "Ffion",
            ["Input.DateOfBirth"] = "30/2/1990",
            ["Input.Email"] = "not-an-email",
            ["Input.OffenceDescription"] = "Burglary",
            ["Input.DateReported"] = "1/1/2026",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Date of birth must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"30/2/1990\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ffion\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.Data.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task The_api_records_finds_and_reads_a_case_with_the_same_rules()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin));

        var created = await api.PostAsJsonAsync("/api/v1/cases", new
        {
            source = "agency_referral",
            referringAgency = "Northshire Women's Aid",
            role = "victim",
            firstName = "Bronwen",
            lastName = "Price",
            offenceDescription = "Coercive and controlling behaviour",
            dateReported = "2026-11-02",
            forceCode = force.Code,
            crimeReference = $"{force.Code}/26/123123",
            personReference = "NP123",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var found = await api.GetFromJsonAsync<List<Dictionary<string, object>>>($"/api/v1/cases?forceCode={force.Code}&crimeReference={force.Code}/26/123123&personReference=NP123");
        var row = Assert.Single(found!);
        Assert.Equal("Bronwen", row["firstName"].ToString());
        Assert.Equal("victim", row["role"].ToString());

        var bad = await api.PostAsJsonAsync("/api/v1/cases", new { source = "phone", role = "victim", offenceDescription = "x", dateReported = "2026-11-02" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("FirstName", problem, StringComparison.Ordinal);
    }
}
