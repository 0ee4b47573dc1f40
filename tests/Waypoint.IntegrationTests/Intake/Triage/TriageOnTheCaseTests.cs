using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Intake.Triage;

public sealed class TriageOnTheCaseTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    /// <summary>A triaged case with feed flags, as the police feed would leave it.</summary>
    private async Task<(Guid CaseId, Guid CrimeId)> TriagedCaseAsync(
        Organisation force, string firstName, string[]? offenceFlags = null, string[]? vulnerability = null, string[]? restrictions = null,
        DateOnly? dateOfBirth = null, Guid? crimeId = null, PersonRole role = PersonRole.Victim)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var actor = Actor.System(force.Id, now, "test seed");
        var crime = crimeId is { } id
            ? await db.Crimes.SingleAsync(c => c.Id == id)
            : db.Crimes.Add(new Crime(force.Id, $"{force.Code}/26/{Guid.NewGuid().ToString("N")[..8]}",
                new CrimeDetails("8N", "Assault", DateOnly.FromDateTime(now).AddDays(-1), null, null, null, null, null, offenceFlags ?? []), now)).Entity;
        var person = db.People.Add(new Person(force.Id, force.Id, "P" + Guid.NewGuid().ToString("N")[..10],
            new PersonDetails(firstName, "Triageson", null, dateOfBirth ?? new DateOnly(1980, 1, 1), null, "07700 900000", null, null, null, null, null, null, false,
                vulnerability ?? [], restrictions ?? []), now)).Entity;
        var victimCase = db.Cases.Add(new VictimCase(force.Id, person, crime, role, CaseSource.PoliceFeed, null, actor)).Entity;
        await scope.ServiceProvider.GetRequiredService<CaseTriage>().ApplyAsync(victimCase, actor, CancellationToken.None);
        await db.SaveChangesAsync();
        return (victimCase.Id, crime.Id);
    }

    /// <summary>Triage again in its own scope, as a re-import would.</summary>
    private async Task RetriageAsync(Guid caseId, Guid orgId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var victimCase = await db.Cases.Include(c => c.Person).Include(c => c.Crime).SingleAsync(c => c.Id == caseId);
        await scope.ServiceProvider.GetRequiredService<CaseTriage>().ApplyAsync(victimCase, Actor.System(orgId, DateTime.UtcNow, "re-import"), CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private Task<VictimCase> CaseAsync(Guid id) => app.Data.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task The_case_page_shows_the_level_priority_reasons_flags_and_the_others_on_the_crime()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, crimeId) = await TriagedCaseAsync(force, "Nia", ["domestic_abuse"], ["mental_disorder"], ["no_voicemail"],
            dateOfBirth: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-16));
        var (witnessCase, _) = await TriagedCaseAsync(force, "Owain", crimeId: crimeId, role: PersonRole.Witness);
        var client = await app.SignedInAsync(officer);

        var html = await client.GetStringAsync($"/cases/{caseId}");

        Assert.Contains("data-testid=\"entitlement-level\">Enhanced</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Most serious crime: domestic abuse", html, StringComparison.Ordinal);
        Assert.Contains("Vulnerable: under 18 at the time of the offence", html, StringComparison.Ordinal);
        Assert.Contains("Vulnerable: mental disorder", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"priority\">P1</strong>", html, StringComparison.Ordinal);
        Assert.Contains("P1: Domestic abuse", html, StringComparison.Ordinal);
        Assert.Contains("P3: Contact restrictions", html, StringComparison.Ordinal);
        Assert.Contains("Domestic abuse</li>", html, StringComparison.Ordinal);
        Assert.Contains("Mental disorder</li>", html, StringComparison.Ordinal);
        Assert.Contains("No voicemail</li>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/cases/{witnessCase}\">Owain Triageson</a> (Witness)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_others_on_the_crime_are_only_those_the_reader_may_see()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, crimeId) = await TriagedCaseAsync(force, "Rhian");
        var (restricted, _) = await TriagedCaseAsync(force, "Secretus", crimeId: crimeId);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var c = await db.Cases.SingleAsync(x => x.Id == restricted);
            c.Restrict("High-profile case", [], Actor.System(force.Id, DateTime.UtcNow, "test seed"));
            await db.SaveChangesAsync();
        }
        var client = await app.SignedInAsync(officer);

        var html = await client.GetStringAsync($"/cases/{caseId}");

        Assert.DoesNotContain("Secretus", html, StringComparison.Ordinal);
        Assert.DoesNotContain(restricted.ToString(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_with_a_note_changes_the_priority_and_survives_triage_again()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, _) = await TriagedCaseAsync(force, "Bethan");
        Assert.Equal(4, (await CaseAsync(caseId)).Priority);
        var client = await app.SignedInAsync(officer);

        var page = await client.GetStringAsync($"/cases/{caseId}/triage");
        var fields = Forms.FieldsFrom(page);
        fields["Input.Priority"] = "2";
        fields["Input.EntitlementLevel"] = "Enhanced";
        fields["Input.Note"] = "Victim disclosed threats from the suspect on the phone";
        var response = await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{caseId}?triage=1", Forms.Location(response));
        var saved = await CaseAsync(caseId);
        Assert.Equal(2, saved.Priority);
        Assert.Equal(4, saved.ComputedPriority);
        Assert.Equal(EntitlementLevel.Enhanced, saved.EntitlementLevel);
        Assert.Equal("Victim disclosed threats from the suspect on the phone", saved.PriorityOverrideNote);
        Assert.Equal("Officer " + officer.UserName, saved.OverriddenBy);
        Assert.True(await app.Data.QueryAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Operation == AuditOperation.Alteration && e.RecordType == "Case" && e.RecordId == caseId.ToString() && e.Field == "Priority" && e.NewValue == "2")));

        await RetriageAsync(caseId, force.Id);

        var after = await CaseAsync(caseId);
        Assert.Equal(2, after.Priority);
        Assert.Equal(EntitlementLevel.Enhanced, after.EntitlementLevel);
        var html = await client.GetStringAsync($"/cases/{caseId}");
        Assert.Contains("Victim disclosed threats from the suspect on the phone", html, StringComparison.Ordinal);
        Assert.Contains("set by hand", html, StringComparison.Ordinal);
        Assert.Contains("Officer " + officer.UserName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_the_override_hands_the_case_back_to_triage()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, _) = await TriagedCaseAsync(force, "Dilys");
        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync($"/cases/{caseId}/triage");
        var fields = Forms.FieldsFrom(page);
        fields["Input.Priority"] = "1";
        fields["Input.Note"] = "Urgent";
        await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);
        Assert.Equal(1, (await CaseAsync(caseId)).Priority);

        page = await client.GetStringAsync($"/cases/{caseId}/triage");
        fields = Forms.FieldsFrom(page);
        fields["Input.Priority"] = "";
        fields["Input.EntitlementLevel"] = "";
        fields["Input.Note"] = "Threat has passed";
        var response = await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await CaseAsync(caseId);
        Assert.Equal(4, saved.Priority);
        Assert.Null(saved.PriorityOverride);
        Assert.Null(saved.OverriddenBy);
    }

    [Fact]
    public async Task An_override_without_a_note_is_refused_and_changes_nothing()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, _) = await TriagedCaseAsync(force, "Gethin");
        var client = await app.SignedInAsync(officer);

        var page = await client.GetStringAsync($"/cases/{caseId}/triage");
        var fields = Forms.FieldsFrom(page);
        fields["Input.Priority"] = "1";
        var response = await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Note\">Enter why you are changing the level or priority", html, StringComparison.Ordinal);
        Assert.Equal(4, (await CaseAsync(caseId)).Priority);
    }

    [Fact]
    public async Task An_override_on_a_case_changed_since_the_page_was_read_is_refused_as_a_conflict()
    {
        var force = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(force, Roles.VictimCareOfficer);
        var (caseId, _) = await TriagedCaseAsync(force, "Catrin");
        var client = await app.SignedInAsync(officer);
        var page = await client.GetStringAsync($"/cases/{caseId}/triage");
        var fields = Forms.FieldsFrom(page);
        fields["Input.Priority"] = "1";
        fields["Input.Note"] = "First";
        await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);

        fields["Input.Priority"] = "3";
        fields["Input.Note"] = "Second, from the stale page";
        var response = await Forms.PostWithTokenAsync(client, $"/cases/{caseId}/triage", "override-triage", Forms.TokenFrom(page), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await CaseAsync(caseId)).Priority);
    }

    [Fact]
    public async Task Another_organisations_case_answers_404_on_the_override_page_and_the_api()
    {
        var force = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(other, Roles.VictimCareOfficer);
        var admin = await app.Data.UserAsync(other, Roles.UnitAdministrator);
        var (caseId, _) = await TriagedCaseAsync(force, "Hywel");
        var client = await app.SignedInAsync(officer);
        var api = app.Api(await app.Data.TokenAsync(other, admin));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/triage")).StatusCode);
        var put = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/triage", new { priority = 1, note = "x", version = 0 });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }

    [Fact]
    public async Task The_api_lists_cases_with_level_reasons_and_priority_and_overrides_with_the_same_rules()
    {
        var force = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(force, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(force, admin));
        var (caseId, _) = await TriagedCaseAsync(force, "Emrys", ["stalking_harassment"]);
        var crimeReference = (await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Crime.CrimeReference).SingleAsync()))!;

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases?forceCode={force.Code}&crimeReference={Uri.EscapeDataString(crimeReference)}");
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal("enhanced", row.GetProperty("entitlementLevel").GetString());
        Assert.Equal("persistently_targeted:stalking_harassment", Assert.Single(row.GetProperty("enhancedReasons").EnumerateArray()).GetString());
        Assert.Equal(2, row.GetProperty("priority").GetInt32());

        var noNote = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/triage", new { priority = 1, version = (await CaseAsync(caseId)).Version });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("Note", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stale = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/triage", new { priority = 1, note = "Suspect released", version = 999 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var ok = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}/triage",
            new { entitlementLevel = "standard", priority = 1, note = "Suspect released on bail", version = (await CaseAsync(caseId)).Version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("priority").GetInt32());
        Assert.Equal("standard", body.GetProperty("entitlementLevel").GetString());

        list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases?forceCode={force.Code}&crimeReference={Uri.EscapeDataString(crimeReference)}");
        row = Assert.Single(list.EnumerateArray());
        Assert.Equal(1, row.GetProperty("priority").GetInt32());
        Assert.Equal("standard", row.GetProperty("entitlementLevel").GetString());
    }
}
