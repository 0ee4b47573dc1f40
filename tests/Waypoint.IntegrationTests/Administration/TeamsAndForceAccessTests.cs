using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Administration;

public sealed class TeamsAndForceAccessTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_administrator_creates_renames_archives_and_restores_a_team()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var created = await Forms.PostAsync(client, "/admin/teams/new", "new-team", new() { ["Input.Name"] = "Witness Care East" });

        Assert.Equal("/admin/teams?created=1", Forms.Location(created));
        var team = await app.Data.QueryAsync(db => db.Teams.SingleAsync(t => t.OrganisationId == org.Id));
        Assert.Equal("Witness Care East", team.Name);
        var list = await client.GetStringAsync("/admin/teams?created=1");
        Assert.Contains("Team added", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/teams/{team.Id}\">Witness Care East", list, StringComparison.Ordinal);

        var duplicate = await Forms.PostAsync(client, "/admin/teams/new", "new-team", new() { ["Input.Name"] = "witness care east" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("There is already a team called witness care east", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var renamed = await Forms.PostAsync(client, $"/admin/teams/{team.Id}", "rename-team", new() { ["Input.Name"] = "Witness Care North", ["Input.Version"] = "0" });
        Assert.Equal($"/admin/teams/{team.Id}?done=renamed", Forms.Location(renamed));
        Assert.Equal("Witness Care North", await app.Data.QueryAsync(db => db.Teams.Where(t => t.Id == team.Id).Select(t => t.Name).SingleAsync()));

        var stale = await Forms.PostAsync(client, $"/admin/teams/{team.Id}", "rename-team", new() { ["Input.Name"] = "Stale name", ["Input.Version"] = "0" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var archived = await Forms.PostAsync(client, $"/admin/teams/{team.Id}", "archive-team", new() { ["Archive.Archived"] = "true" });
        Assert.Equal($"/admin/teams/{team.Id}?done=archived", Forms.Location(archived));
        Assert.True(await app.Data.QueryAsync(db => db.Teams.Where(t => t.Id == team.Id).Select(t => t.Archived).SingleAsync()));
        var restored = await Forms.PostAsync(client, $"/admin/teams/{team.Id}", "archive-team", new() { ["Archive.Archived"] = "false" });
        Assert.Equal($"/admin/teams/{team.Id}?done=restored", Forms.Location(restored));

        var entries = await app.Data.QueryAsync(db => db.AuditEntries
            .Where(e => e.Operation == AuditOperation.Administration && e.RecordType == "Team" && e.RecordId == team.Id.ToString())
            .OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(4, entries.Count);
        Assert.Equal(("Witness Care East", "Witness Care North"), (entries[1].OldValue, entries[1].NewValue));
        Assert.Equal(["Name", "Name", "Archived", "Archived"], entries.Select(e => e.Field));
    }

    [Fact]
    public async Task The_teams_list_and_api_count_active_members_and_show_only_the_organisations_own_teams()
    {
        var org = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org, "Members team");
        var otherTeam = await app.Data.TeamAsync(other, "Someone else's team");
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var client = await app.SignedInAsync(admin);

        var teams = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/admin/teams");

        var row = Assert.Single(teams!);
        Assert.Equal("Members team", row["name"].ToString());
        Assert.Equal("2", row["members"].ToString());
        Assert.DoesNotContain(otherTeam.Name, await client.GetStringAsync("/admin/teams"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/teams/{otherTeam.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_turns_team_scoping_on_and_it_is_logged()
    {
        var org = await app.Data.OrganisationAsync("SC" + Guid.NewGuid().ToString("N")[..4]);
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);
        var overview = await client.GetStringAsync("/admin");
        Assert.Contains(org.Code, overview, StringComparison.Ordinal);
        Assert.Contains("Police force", overview, StringComparison.Ordinal);

        var response = await Forms.PostAsync(client, "/admin", "team-scoping", new() { ["Input.TeamScoped"] = "true", ["Input.Version"] = "0" });

        Assert.Equal("/admin?saved=1", Forms.Location(response));
        Assert.True(await app.Data.QueryAsync(db => db.Organisations.Where(o => o.Id == org.Id).Select(o => o.TeamScoped).SingleAsync()));
        var entry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e =>
            e.Operation == AuditOperation.Administration && e.RecordType == "Organisation" && e.RecordId == org.Id.ToString()));
        Assert.Equal(("TeamScoped", "No", "Yes"), (entry.Field, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public async Task A_forces_administrator_gives_a_witness_care_unit_access_to_the_forces_cases_and_takes_it_back()
    {
        var force = await app.Data.OrganisationAsync();
        var wcu = await app.Data.OrganisationAsync(type: OrganisationType.WitnessCareUnit);
        var forceAdmin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var wcuOfficer = await app.Data.UserAsync(wcu, Roles.WitnessCareOfficer);
        var caseId = await app.Data.CaseAsync(force, "Granted");
        var officerClient = await app.SignedInAsync(wcuOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await officerClient.GetAsync($"/cases/{caseId}")).StatusCode);
        var client = await app.SignedInAsync(forceAdmin);

        var granted = await Forms.PostAsync(client, "/admin/access", "grant", new() { ["Input.GranteeOrganisationId"] = wcu.Id.ToString() });

        Assert.Equal("/admin/access?done=granted", Forms.Location(granted));
        Assert.Equal(HttpStatusCode.OK, (await officerClient.GetAsync($"/cases/{caseId}")).StatusCode);
        var grant = await app.Data.QueryAsync(db => db.ForceAccessGrants.SingleAsync(g => g.ForceOrganisationId == force.Id));
        Assert.Equal((wcu.Id, forceAdmin.Id), (grant.GranteeOrganisationId, grant.GrantedByUserId));
        Assert.Contains(wcu.Name, await client.GetStringAsync("/admin/access"), StringComparison.Ordinal);

        var revoked = await Forms.PostAsync(client, "/admin/access", "revoke-grant", new() { ["Revoke.GrantId"] = grant.Id.ToString() });

        Assert.Equal("/admin/access?done=revoked", Forms.Location(revoked));
        Assert.Equal(HttpStatusCode.NotFound, (await officerClient.GetAsync($"/cases/{caseId}")).StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.ForceAccessGrants.AnyAsync(g => g.ForceOrganisationId == force.Id)));
        Assert.Equal(2, await app.Data.AuditCountAsync(AuditOperation.Administration, "ForceAccessGrant", grant.Id));
    }

    [Fact]
    public async Task Only_a_police_force_gives_access_and_the_grantee_sees_what_it_has_received()
    {
        var force = await app.Data.OrganisationAsync();
        var hub = await app.Data.OrganisationAsync(type: OrganisationType.PccVictimHub);
        var forceAdmin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var hubAdmin = await app.Data.UserAsync(hub, Roles.UnitAdministrator);
        await app.Data.GrantAsync(hub, force, forceAdmin);
        var hubClient = await app.SignedInAsync(hubAdmin);

        var page = await hubClient.GetStringAsync("/admin/access");

        Assert.Contains("Only a police force can give other organisations access", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"grants-received\"", page, StringComparison.Ordinal);
        Assert.Contains(force.Name, page, StringComparison.Ordinal);
        var grant = await app.Data.QueryAsync(db => db.ForceAccessGrants.SingleAsync(g => g.ForceOrganisationId == force.Id));
        var revoke = await Forms.PostWithTokenAsync(hubClient, "/admin/access", "revoke-grant", Forms.TokenFrom(page),
            [KeyValuePair.Create("Revoke.GrantId", grant.Id.ToString())]);
        Assert.NotEqual(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.True(await app.Data.QueryAsync(db => db.ForceAccessGrants.AnyAsync(g => g.Id == grant.Id)));
    }
}
