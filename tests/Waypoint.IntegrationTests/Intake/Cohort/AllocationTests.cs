using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;
using static Waypoint.IntegrationTests.Intake.Cohort.CohortJson;

namespace Waypoint.IntegrationTests.Intake.Cohort;

public sealed class AllocationTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private readonly CohortSeed _seed = new(app);

    private Task<VictimCase> CaseAsync(Guid id) =>
        app.Data.QueryAsync(db => db.Cases.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.Id == id));

    [Fact]
    public async Task A_Team_Leader_allocates_several_selected_cases_to_an_officer_in_one_go()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org, "Northshire Victim Care");
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var now = DateTime.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _seed.CaseAsync(org, now.AddHours(-i - 1), "Selected" + (char)('a' + i)));
        }
        var notSelected = await _seed.CaseAsync(org, now.AddHours(-4), "Leftalone");
        var client = await app.SignedInAsync(leader);

        var response = await PostCohortFormAsync(client, "/cohort",
            [.. ids.Select(id => ("Input.CaseIds", id.ToString())), ("Input.Choice", $"officer:{team.Id}:{officer.Id}"), ("Input.AutoTeamId", ""), ("Input.Action", "selected")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var banner = await client.GetStringAsync(Forms.Location(response));
        Assert.Contains($"3 cases allocated to Officer {officer.UserName} (Northshire Victim Care)", banner, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            var c = await CaseAsync(id);
            Assert.Equal(officer.Id, c.AllocatedOfficerId);
            Assert.Equal(team.Id, c.TeamId);
            Assert.Equal(CaseStatus.Active, c.Status);
            Assert.Contains(c.Timeline, t => t.Kind == TimelineKind.Allocated && t.Summary.Contains(officer.UserName, StringComparison.Ordinal));
            Assert.True(await app.Data.AuditCountAsync(AuditOperation.Alteration, "Case", id) >= 1);
        }
        Assert.Null((await CaseAsync(notSelected)).AllocatedOfficerId);
        Assert.Equal(1, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "CaseAllocation" && e.Detail!.Contains(ids[0].ToString()))));
    }

    [Fact]
    public async Task Allocate_all_matching_the_filter_takes_every_matching_case_without_ticking_any()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var now = DateTime.UtcNow;
        var urgent = new[]
        {
            await _seed.CaseAsync(org, now.AddHours(-1), "Urgenta", priority: 1),
            await _seed.CaseAsync(org, now.AddHours(-2), "Urgentb", priority: 1),
        };
        var routine = await _seed.CaseAsync(org, now.AddHours(-3), "Routine", priority: 4);
        var client = await app.SignedInAsync(leader);

        var response = await PostCohortFormAsync(client, "/cohort?priority=1", ("Input.Choice", $"team:{team.Id}"), ("Input.Action", "all"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("priority=1", Forms.Location(response), StringComparison.Ordinal);
        Assert.Contains("2 cases allocated to " + team.Name, await client.GetStringAsync(Forms.Location(response)), StringComparison.Ordinal);
        foreach (var id in urgent)
        {
            var c = await CaseAsync(id);
            Assert.Equal(team.Id, c.TeamId);
            Assert.Null(c.AllocatedOfficerId);
        }
        Assert.Null((await CaseAsync(routine)).TeamId);
    }

    [Fact]
    public async Task Nothing_is_allocated_without_a_selection_or_to_an_officer_outside_the_team()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var team = await app.Data.TeamAsync(org);
        var otherTeam = await app.Data.TeamAsync(org);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var outsider = await app.Data.UserAsync(org, Roles.VictimCareOfficer, otherTeam);
        var id = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Waiting");
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var refused = await api.PostAsJsonAsync("/api/v1/cohort/allocation", new { caseIds = new[] { id }, teamId = team.Id, officerId = outsider.Id });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Select an officer who is in that team", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await CaseAsync(id)).TeamId);

        var client = await app.SignedInAsync(leader);
        var empty = await PostCohortFormAsync(client, "/cohort", ("Input.Choice", $"team:{team.Id}"), ("Input.Action", "selected"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Select at least one case", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Cohort - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Null((await CaseAsync(id)).TeamId);
    }

    [Fact]
    public async Task A_Victim_Care_Officer_may_take_cases_into_their_own_name_but_not_give_them_to_someone_else()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var colleague = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var id = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Mine");
        var client = await app.SignedInAsync(officer);

        var toColleague = await PostCohortFormAsync(client, "/cohort", ("Input.CaseIds", id.ToString()), ("Input.Choice", $"officer:{team.Id}:{colleague.Id}"), ("Input.Action", "selected"));
        Assert.Equal(HttpStatusCode.OK, toColleague.StatusCode);
        Assert.Contains("Only a Team Leader can allocate", await toColleague.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await CaseAsync(id)).AllocatedOfficerId);

        var toMe = await PostCohortFormAsync(client, "/cohort", ("Input.CaseIds", id.ToString()), ("Input.Choice", $"officer:{team.Id}:{officer.Id}"), ("Input.Action", "selected"));
        Assert.Equal(HttpStatusCode.Redirect, toMe.StatusCode);
        Assert.Equal(officer.Id, (await CaseAsync(id)).AllocatedOfficerId);

        var myWork = await client.GetStringAsync("/");
        Assert.Contains("New to you", myWork, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"new-to-you\"", myWork, StringComparison.Ordinal);
        Assert.Contains("Mine", myWork, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_case_ids_are_ignored_as_not_found()
    {
        var org = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var team = await app.Data.TeamAsync(org);
        var mine = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Ours");
        var theirs = await _seed.CaseAsync(other, DateTime.UtcNow.AddHours(-1), "Theirs");
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var response = await api.PostAsJsonAsync("/api/v1/cohort/allocation", new { caseIds = new[] { mine, theirs }, teamId = team.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("allocated").GetInt32());
        var skipped = Assert.Single(body.GetProperty("skipped").EnumerateArray());
        Assert.Equal(theirs, skipped.GetProperty("caseId").GetGuid());
        Assert.Equal("not_found", skipped.GetProperty("reason").GetString());
        Assert.Equal(team.Id, (await CaseAsync(mine)).TeamId);
        Assert.Null((await CaseAsync(theirs)).TeamId);

        var auto = await api.PostAsJsonAsync("/api/v1/cohort/auto-allocation", new { teamId = team.Id, caseIds = new[] { theirs } });
        Assert.Equal(HttpStatusCode.BadRequest, auto.StatusCode); // the team has no Victim Care Officers
        Assert.Null((await CaseAsync(theirs)).AllocatedOfficerId);
    }

    [Fact]
    public async Task Automatic_allocation_balances_caseloads_and_gives_a_Polish_speaker_the_Polish_speaking_victim()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org, "Cohort Team");
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        var a = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var b = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var polish = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var disabled = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        await _seed.SkillsAsync(polish, "lang:pl; lang:cy");
        await _seed.SkillsAsync(disabled, "lang:pl;sexual_violence_trained");
        await _seed.DisableAsync(disabled);
        var now = DateTime.UtcNow;
        for (var i = 0; i < 2; i++)
        {
            await _seed.CaseAsync(org, now.AddDays(-30), "Existinga", team: team, officer: a);
        }
        for (var i = 0; i < 6; i++)
        {
            await _seed.CaseAsync(org, now.AddDays(-30), "Existingpl", team: team, officer: polish);
        }
        var english = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            english.Add(await _seed.CaseAsync(org, now.AddHours(-i - 1), "English" + (char)('a' + i)));
        }
        var polishVictim = await _seed.CaseAsync(org, now.AddMinutes(-30), "Kowalska", language: "pl");
        var sexualOffence = await _seed.CaseAsync(org, now.AddMinutes(-20), "Untrained", offenceFlags: ["sexual_offence"]);
        var client = await app.SignedInAsync(leader);

        var response = await PostCohortFormAsync(client, "/cohort?unallocated=true", ("Input.Choice", ""), ("Input.AutoTeamId", team.Id.ToString()), ("Input.Action", "auto"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await client.GetStringAsync(Forms.Location(response));
        Assert.Contains("6 cases allocated automatically to officers in Cohort Team", result, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-skilled-officer\"", result, StringComparison.Ordinal);
        Assert.Contains(">Alex Untrained</a>", result, StringComparison.Ordinal);

        Assert.Equal(polish.Id, (await CaseAsync(polishVictim)).AllocatedOfficerId);
        var open = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Status != CaseStatus.Closed && c.AllocatedOfficerId != null)
            .GroupBy(c => c.AllocatedOfficerId).Select(g => new { Officer = g.Key, Count = g.Count() }).ToListAsync());
        int Load(TestUser u) => open.SingleOrDefault(o => o.Officer == u.Id)?.Count ?? 0;
        Assert.Equal(7, Load(polish)); // six before, plus the Polish-speaking victim only
        Assert.Equal(7, Load(a) + Load(b)); // two before, plus four English cases and the sexual offence
        Assert.True(Math.Abs(Load(a) - Load(b)) <= 1, $"balanced: {Load(a)} and {Load(b)}");
        Assert.Equal(0, Load(disabled));
        Assert.Equal(0, Load(leader));
        foreach (var id in english.Append(sexualOffence))
        {
            var c = await CaseAsync(id);
            Assert.Equal(team.Id, c.TeamId);
            Assert.Contains(c.Timeline, t => t.Kind == TimelineKind.Allocated);
        }
    }

    [Fact]
    public async Task The_api_auto_allocates_chosen_cases_and_says_which_had_no_skilled_officer()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var welsh = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Jones", language: "cy");
        var notChosen = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-2), "Notchosen");
        var api = app.Api(await app.Data.TokenAsync(org, admin));

        var response = await api.PostAsJsonAsync("/api/v1/cohort/auto-allocation", new { teamId = team.Id, caseIds = new[] { welsh } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("allocated").GetInt32());
        var unskilled = Assert.Single(body.GetProperty("withoutSkilledOfficer").EnumerateArray());
        Assert.Equal("lang:cy", unskilled.GetProperty("missingSkills")[0].GetString());
        Assert.Equal(officer.Id, (await CaseAsync(welsh)).AllocatedOfficerId);
        Assert.Null((await CaseAsync(notChosen)).AllocatedOfficerId);
    }

    [Fact]
    public async Task A_Victim_Care_Officer_cannot_allocate_automatically()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, team);
        var id = await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Waiting");
        var client = await app.SignedInAsync(officer);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", Forms.TokenFrom(await client.GetStringAsync("/cases/new")));

        var response = await client.PostAsJsonAsync("/api/v1/cohort/auto-allocation", new { teamId = team.Id });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Allocate automatically", await client.GetStringAsync("/cohort"), StringComparison.Ordinal);
        Assert.Null((await CaseAsync(id)).AllocatedOfficerId);
    }

    [Fact]
    public async Task My_work_shows_a_Team_Leader_how_many_cohort_cases_wait_for_an_officer()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org);
        var leader = await app.Data.UserAsync(org, Roles.TeamLeader, team);
        await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-1), "Waitinga");
        await _seed.CaseAsync(org, DateTime.UtcNow.AddHours(-2), "Waitingb");

        var page = await (await app.SignedInAsync(leader)).GetStringAsync("/");

        Assert.Contains("href=\"/cohort?unallocated=true\">2 cases in the cohort have no officer", page, StringComparison.Ordinal);
    }
}
