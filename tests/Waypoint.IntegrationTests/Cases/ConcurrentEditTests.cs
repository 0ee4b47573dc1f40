using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Cases;

public sealed class ConcurrentEditTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task The_second_officer_to_save_is_told_the_case_changed_and_keeps_what_they_typed()
    {
        var org = await app.Data.OrganisationAsync();
        var first = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));
        var second = await app.SignedInAsync(await app.Data.UserAsync(org, Roles.VictimCareOfficer));
        var caseId = await app.Data.CaseAsync(org, lastName: "Polglase");
        var url = $"/cases/{caseId}/edit";

        // Both open the edit page before either saves.
        var firstHtml = await first.GetStringAsync(url);
        var secondHtml = await second.GetStringAsync(url);
        var firstFields = Forms.FieldsFrom(firstHtml);
        firstFields["Input.Mobile"] = "07700 900111";
        var secondFields = Forms.FieldsFrom(secondHtml);
        secondFields["Input.Mobile"] = "07700 900222";
        secondFields["Input.Town"] = "Kingsmoor";

        var saved = await Forms.PostWithTokenAsync(first, url, "edit-case", Forms.TokenFrom(firstHtml), firstFields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var refused = await Forms.PostWithTokenAsync(second, url, "edit-case", Forms.TokenFrom(secondHtml), secondFields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("changed by someone else", page, StringComparison.Ordinal);
        Assert.Contains("value=\"07700 900222\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Kingsmoor\"", page, StringComparison.Ordinal);

        var stored = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => new { c.Person.Mobile, c.Person.Town }).SingleAsync());
        Assert.Equal("07700 900111", stored.Mobile);
        Assert.Equal("Ashbury", stored.Town);

        // Saving again from the refreshed form, which now carries the new versions, succeeds.
        var retryFields = Forms.FieldsFrom(page);
        var retried = await Forms.PostWithTokenAsync(second, url, "edit-case", Forms.TokenFrom(page), retryFields);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Person.Town).SingleAsync());
        Assert.Equal("Kingsmoor", after);
    }

    [Fact]
    public async Task The_api_answers_409_to_an_edit_made_from_an_old_version_and_stores_nothing()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var api = app.Api(await app.Data.TokenAsync(org, admin));
        var caseId = await app.Data.CaseAsync(org, lastName: "Rowse");
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        object Edit(string mobile) => new
        {
            caseVersion = read.GetProperty("version").GetInt32(),
            personVersion = read.GetProperty("person").GetProperty("version").GetInt32(),
            crimeVersion = read.GetProperty("crime").GetProperty("version").GetInt32(),
            role = "victim",
            firstName = "Alex",
            lastName = "Rowse",
            mobile,
            offenceDescription = "Assault occasioning actual bodily harm",
            dateReported = read.GetProperty("crime").GetProperty("dateReported").GetString(),
        };

        var first = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}", Edit("07700 900333"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var alterations = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Alteration && e.Field == "Mobile" && e.NewValue == "07700 900333"));
        Assert.Equal(1, alterations);

        var second = await api.PutAsJsonAsync($"/api/v1/cases/{caseId}", Edit("07700 900444"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("changed by someone else", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mobile = await app.Data.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Person.Mobile).SingleAsync());
        Assert.Equal("07700 900333", mobile);
    }
}
