using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Security;

public sealed class AccessControlTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    public static TheoryData<string, string, HttpStatusCode> RolePages => new()
    {
        { Roles.VictimCareOfficer, "/cases", HttpStatusCode.OK },
        { Roles.VictimCareOfficer, "/cases/new", HttpStatusCode.OK },
        { Roles.VictimCareOfficer, "/cases/break-glass", HttpStatusCode.Forbidden },
        { Roles.VictimCareOfficer, "/audit", HttpStatusCode.Forbidden },
        { Roles.VictimCareOfficer, "/admin", HttpStatusCode.Forbidden },
        { Roles.WitnessCareOfficer, "/cases/new", HttpStatusCode.OK },
        { Roles.WitnessCareOfficer, "/admin", HttpStatusCode.Forbidden },
        { Roles.TeamLeader, "/cases/break-glass", HttpStatusCode.OK },
        { Roles.TeamLeader, "/audit", HttpStatusCode.Forbidden },
        { Roles.ComplianceOfficer, "/cases", HttpStatusCode.OK },
        { Roles.ComplianceOfficer, "/cases/new", HttpStatusCode.Forbidden },
        { Roles.UnitAdministrator, "/admin", HttpStatusCode.OK },
        { Roles.UnitAdministrator, "/cases", HttpStatusCode.Forbidden },
        { Roles.UnitAdministrator, "/audit", HttpStatusCode.Forbidden },
        { Roles.Auditor, "/audit", HttpStatusCode.OK },
        { Roles.Auditor, "/cases", HttpStatusCode.Forbidden },
        { Roles.Auditor, "/admin", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(RolePages))]
    public async Task Each_role_reaches_its_own_pages_and_is_refused_the_others(string role, string url, HttpStatusCode expected)
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var client = await app.SignedInAsync(await app.Data.UserAsync(org, role, team));

        var response = await client.GetAsync(url);

        var actual = response.StatusCode == HttpStatusCode.Redirect && Forms.Location(response).StartsWith("/forbidden", StringComparison.Ordinal)
            ? HttpStatusCode.Forbidden
            : response.StatusCode;
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_case_of_another_organisation_is_not_found_by_page_or_api_and_is_missing_from_lists()
    {
        var north = await app.Data.OrganisationAsync();
        var west = await app.Data.OrganisationAsync();
        var caseId = await app.Data.CaseAsync(north, lastName: "Pengelly");
        var westOfficer = await app.Data.UserAsync(west, Roles.VictimCareOfficer);
        var westAdmin = await app.Data.UserAsync(west, Roles.UnitAdministrator);
        var browser = await app.SignedInAsync(westOfficer);
        var api = app.Api(await app.Data.TokenAsync(west, westAdmin));

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{caseId}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/cases/{caseId}/allocate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.DoesNotContain($"/cases/{caseId}", await browser.GetStringAsync("/cases?q=Pengelly"), StringComparison.Ordinal);
        var found = await api.GetAsync("/api/v1/cases?q=Pengelly");
        Assert.Equal("0", found.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task A_regional_unit_granted_a_force_sees_that_forces_cases_and_no_others()
    {
        var force = await app.Data.OrganisationAsync();
        var otherForce = await app.Data.OrganisationAsync();
        var rocu = await app.Data.OrganisationAsync(type: Modules.Administration.Domain.OrganisationType.RegionalOrganisedCrimeUnit);
        var forceAdmin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        await app.Data.GrantAsync(rocu, force, forceAdmin);
        var granted = await app.Data.CaseAsync(force, lastName: "Granted");
        var notGranted = await app.Data.CaseAsync(otherForce, lastName: "Ungranted");
        var coordinator = await app.SignedInAsync(await app.Data.UserAsync(rocu, Roles.VictimCareOfficer));

        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/cases/{granted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/cases/{notGranted}")).StatusCode);
    }

    [Fact]
    public async Task In_a_team_scoped_organisation_an_officer_sees_their_teams_cases_and_the_intake_queue_only()
    {
        var org = await app.Data.OrganisationAsync(teamScoped: true);
        var mine = await app.Data.TeamAsync(org);
        var theirs = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, mine);
        var compliance = await app.Data.UserAsync(org, Roles.ComplianceOfficer);
        var ownTeamCase = await app.Data.CaseAsync(org, team: mine);
        var otherTeamCase = await app.Data.CaseAsync(org, team: theirs);
        var unallocated = await app.Data.CaseAsync(org);
        var client = await app.SignedInAsync(officer);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{ownTeamCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{unallocated}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{otherTeamCase}")).StatusCode);
        var oversight = await app.SignedInAsync(compliance);
        Assert.Equal(HttpStatusCode.OK, (await oversight.GetAsync($"/cases/{otherTeamCase}")).StatusCode);
    }

    [Fact]
    public async Task A_restricted_case_is_seen_only_by_its_named_users_and_is_missing_from_lists_searches_and_counts()
    {
        var org = await app.Data.OrganisationAsync();
        var named = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var colleague = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var caseId = await app.Data.CaseAsync(org, lastName: "Quillerbrook", restricted: true, namedUsers: [named], crimeReference: $"{org.Code}/26/R1");
        var api = app.Api(await app.Data.TokenAsync(org, admin));
        var namedClient = await app.SignedInAsync(named);
        var colleagueClient = await app.SignedInAsync(colleague);

        Assert.Equal(HttpStatusCode.OK, (await namedClient.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueClient.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        Assert.DoesNotContain($"/cases/{caseId}", await colleagueClient.GetStringAsync("/cases?q=Quillerbrook"), StringComparison.Ordinal);
        Assert.DoesNotContain("Quillerbrook", await colleagueClient.GetStringAsync("/cases"), StringComparison.Ordinal);
        Assert.Contains($"/cases/{caseId}", await namedClient.GetStringAsync("/cases?q=Quillerbrook"), StringComparison.Ordinal);
        var search = await api.GetAsync($"/api/v1/cases?crimeReference={org.Code}/26/R1");
        Assert.Equal("0", search.Headers.GetValues("X-Total-Count").Single());
        Assert.Empty((await search.Content.ReadFromJsonAsync<List<CaseSummaryResponse>>())!);
        var all = await api.GetAsync("/api/v1/cases");
        Assert.Equal("0", all.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task A_team_leader_takes_break_glass_access_only_with_a_reason_and_the_named_users_see_it()
    {
        var org = await app.Data.OrganisationAsync();
        var named = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader);
        var crimeRef = $"{org.Code}/26/BG1";
        var caseId = await app.Data.CaseAsync(org, restricted: true, namedUsers: [named], crimeReference: crimeRef);
        var leaderClient = await app.SignedInAsync(leader);
        Assert.Equal(HttpStatusCode.NotFound, (await leaderClient.GetAsync($"/cases/{caseId}")).StatusCode);

        var refused = await Forms.PostAsync(leaderClient, "/cases/break-glass", "break-glass", new() { ["Input.CrimeReference"] = crimeRef, ["Input.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter the reason you need access", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await leaderClient.GetAsync($"/cases/{caseId}")).StatusCode);

        var reason = "Victim called the out-of-hours line in distress";
        var taken = await Forms.PostAsync(leaderClient, "/cases/break-glass", "break-glass", new() { ["Input.CrimeReference"] = crimeRef, ["Input.Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leaderClient.GetAsync($"/cases/{caseId}")).StatusCode);

        var namedPage = await (await app.SignedInAsync(named)).GetStringAsync($"/cases/{caseId}");
        Assert.Contains(reason, namedPage, StringComparison.Ordinal);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.BreakGlass, "Case", caseId));
    }

    [Fact]
    public async Task A_disabled_user_is_refused_on_their_next_request()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);

        await app.Data.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == officer.Id);
            user.Disabled = true;
            return await db.SaveChangesAsync();
        });

        var response = await client.GetAsync("/cases");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
