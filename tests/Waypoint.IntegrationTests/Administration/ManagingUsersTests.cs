using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Administration;

public sealed class ManagingUsersTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_administrator_adds_a_user_who_signs_in_with_the_temporary_password_shown_once_and_must_change_it()
    {
        var org = await app.Data.OrganisationAsync();
        var team = await app.Data.TeamAsync(org, "North Hub");
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);
        var userName = "c.jones." + Guid.NewGuid().ToString("N")[..6];

        var response = await AdminForms.PostAsync(client, "/admin/users/new", "new-user",
            ("Input.DisplayName", "Cerys Jones"),
            ("Input.UserName", userName),
            ("Input.Roles", Roles.VictimCareOfficer),
            ("Input.Roles", Roles.WitnessCareOfficer),
            ("Input.TeamIds", team.Id.ToString()),
            ("Input.Skills", "Welsh"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        Assert.Matches("^/admin/users/[0-9a-f-]{36}/created$", location);
        var userId = AdminForms.IdIn(location, 3);
        var password = AdminForms.SecretIn(await client.GetStringAsync(location));
        Assert.False(string.IsNullOrEmpty(password));
        var again = await client.GetStringAsync(location);
        Assert.Null(AdminForms.SecretIn(again));
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);

        var user = await app.Data.QueryAsync(db => db.Users.Include(u => u.Teams).SingleAsync(u => u.Id == userId));
        Assert.Equal(org.Id, user.OrganisationId);
        Assert.True(user.MustChangePassword);
        Assert.Equal("Welsh", user.Skills);
        Assert.Equal([team.Id], user.Teams.Select(t => t.TeamId));
        var list = await client.GetStringAsync("/admin/users?q=cerys");
        Assert.Contains("Cerys Jones", list, StringComparison.Ordinal);
        Assert.Contains("Witness Care Officer", list, StringComparison.Ordinal);
        Assert.Contains("North Hub", list, StringComparison.Ordinal);

        var signIn = await Forms.PostAsync(app.Browser(), "/account/sign-in", "sign-in", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password!,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/change-password", Forms.Location(signIn));

        Assert.True(await app.Data.AuditCountAsync(AuditOperation.Administration, "User", userId) >= 1);
        await AssertNotInAuditLogAsync(password!);
    }

    [Fact]
    public async Task A_new_user_form_with_mistakes_is_refused_with_every_reason()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, "/admin/users/new", "new-user",
            ("Input.DisplayName", ""),
            ("Input.UserName", admin.UserName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Error: Add a user", html, StringComparison.Ordinal);
        Assert.Contains("Enter the person&#x27;s full name", html, StringComparison.Ordinal);
        Assert.Contains("Select at least one role", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Roles\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_a_users_roles_and_teams_and_each_change_is_logged_with_old_and_new_values()
    {
        var org = await app.Data.OrganisationAsync();
        var north = await app.Data.TeamAsync(org, "North");
        var south = await app.Data.TeamAsync(org, "South");
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer, north);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{officer.Id}/access", "change-access",
            ("Input.DisplayName", "Officer Renamed"),
            ("Input.Roles", Roles.VictimCareOfficer),
            ("Input.Roles", Roles.TeamLeader),
            ("Input.TeamIds", south.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/users/{officer.Id}?done=access", Forms.Location(response));
        var page = await client.GetStringAsync(Forms.Location(response));
        Assert.Contains("Details and access saved", page, StringComparison.Ordinal);
        Assert.Contains("Victim Care Officer, Team Leader", page, StringComparison.Ordinal);

        var roles = await RolesOfAsync(officer.Id);
        Assert.Equal([Roles.TeamLeader, Roles.VictimCareOfficer], roles.Order(StringComparer.Ordinal));
        var teams = await app.Data.QueryAsync(db => db.UserTeams.Where(t => t.UserId == officer.Id).Select(t => t.TeamId).ToListAsync());
        Assert.Equal([south.Id], teams);

        var entries = await AdminEntriesAsync("User", officer.Id);
        var roleEntry = Assert.Single(entries, e => e.Field == "Roles");
        Assert.Equal("Victim Care Officer", roleEntry.OldValue);
        Assert.Equal("Victim Care Officer, Team Leader", roleEntry.NewValue);
        Assert.Equal(admin.Id, roleEntry.UserId);
        var teamEntry = Assert.Single(entries, e => e.Field == "Teams");
        Assert.Equal("North", teamEntry.OldValue);
        Assert.Equal("South", teamEntry.NewValue);
        Assert.Single(entries, e => e.Field == "DisplayName" && e.NewValue == "Officer Renamed");
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role_or_disable_themselves()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{admin.Id}/access", "change-access",
            ("Input.DisplayName", "Ada Admin"),
            ("Input.Roles", Roles.Auditor));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot remove your own Unit Administrator role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.UnitAdministrator], await RolesOfAsync(admin.Id));

        var own = await client.GetStringAsync($"/admin/users/{admin.Id}");
        Assert.DoesNotContain("Disable account", own, StringComparison.Ordinal);
        var refused = await Forms.PostWithTokenAsync(client, $"/admin/users/{admin.Id}", "disable", Forms.TokenFrom(own), []);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.False(await app.Data.QueryAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.Disabled).SingleAsync()));
    }

    [Fact]
    public async Task A_disabled_user_is_signed_out_at_their_next_request_and_cannot_sign_in_until_re_enabled()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var officerClient = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await officerClient.GetAsync("/")).StatusCode);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{officer.Id}", "disable");

        Assert.Equal($"/admin/users/{officer.Id}?done=disabled", Forms.Location(response));
        var next = await officerClient.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.Location(next), StringComparison.Ordinal);
        var signIn = await Forms.PostAsync(app.Browser(), "/account/sign-in", "sign-in", new()
        {
            ["Input.UserName"] = officer.UserName,
            ["Input.Password"] = officer.Password,
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Enter a correct username and password", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var disabled = Assert.Single(await AdminEntriesAsync("User", officer.Id), e => e.Field == "Disabled");
        Assert.Equal("Yes", disabled.NewValue);

        var enabled = await AdminForms.PostAsync(client, $"/admin/users/{officer.Id}", "enable");
        Assert.Equal($"/admin/users/{officer.Id}?done=enabled", Forms.Location(enabled));
        var again = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
        Assert.Equal(2, (await AdminEntriesAsync("User", officer.Id)).Count(e => e.Field == "Disabled"));
    }

    [Fact]
    public async Task Resetting_two_factor_makes_the_user_set_it_up_again_at_their_next_sign_in()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var auditor = await app.Data.UserAsync(org, Roles.Auditor);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{auditor.Id}", "reset-two-factor");

        Assert.Equal($"/admin/users/{auditor.Id}?done=two-factor", Forms.Location(response));
        var (enabled, key) = await app.Data.QueryAsync(async db =>
        {
            var enabled = await db.Users.Where(u => u.Id == auditor.Id).Select(u => u.TwoFactorEnabled).SingleAsync();
            var key = await db.UserTokens.Where(t => t.UserId == auditor.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleOrDefaultAsync();
            return (enabled, key);
        });
        Assert.False(enabled);
        Assert.NotEqual(auditor.AuthenticatorKey, key);

        var browser = app.Browser();
        var signIn = await Forms.PostAsync(browser, "/account/sign-in", "sign-in", new()
        {
            ["Input.UserName"] = auditor.UserName,
            ["Input.Password"] = auditor.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/account/two-factor?", Forms.Location(signIn), StringComparison.Ordinal);
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor/setup", Forms.Location(home));
        Assert.Single(await AdminEntriesAsync("User", auditor.Id), e => e.Field == "TwoFactorEnabled" && e.OldValue == "Yes" && e.NewValue == "No");
    }

    [Fact]
    public async Task Resetting_a_password_shows_a_new_temporary_one_once_and_the_old_one_stops_working()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(admin);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{officer.Id}", "reset-password");

        Assert.Equal($"/admin/users/{officer.Id}/password", Forms.Location(response));
        var password = AdminForms.SecretIn(await client.GetStringAsync(Forms.Location(response)));
        Assert.False(string.IsNullOrEmpty(password));
        Assert.Null(AdminForms.SecretIn(await client.GetStringAsync(Forms.Location(response))));

        var old = await Forms.PostAsync(app.Browser(), "/account/sign-in", "sign-in", new() { ["Input.UserName"] = officer.UserName, ["Input.Password"] = officer.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await Forms.PostAsync(app.Browser(), "/account/sign-in", "sign-in", new() { ["Input.UserName"] = officer.UserName, ["Input.Password"] = password! });
        Assert.Equal("/account/change-password", Forms.Location(fresh));
        Assert.Contains(await AdminEntriesAsync("User", officer.Id), e => e.Detail!.Contains("Password", StringComparison.Ordinal));
        await AssertNotInAuditLogAsync(password!);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_account()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(officer.Id.ToString());
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        var client = await app.SignedInAsync(admin);
        Assert.Contains("Locked", await client.GetStringAsync("/admin/users"), StringComparison.Ordinal);

        var response = await AdminForms.PostAsync(client, $"/admin/users/{officer.Id}", "unlock");

        Assert.Equal($"/admin/users/{officer.Id}?done=unlocked", Forms.Location(response));
        var signedIn = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/")).StatusCode);
        Assert.Contains(await AdminEntriesAsync("User", officer.Id), e => e.Detail!.Contains("unlocked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_cannot_see_or_change_the_users_of_another_organisation()
    {
        var orgA = await app.Data.OrganisationAsync();
        var orgB = await app.Data.OrganisationAsync();
        var adminA = await app.Data.UserAsync(orgA, Roles.UnitAdministrator);
        var officerB = await app.Data.UserAsync(orgB, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(adminA);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users/{officerB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users/{officerB.Id}/access")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/users/{officerB.Id}/password")).StatusCode);
        var search = await client.GetStringAsync($"/admin/users?q={officerB.UserName}");
        Assert.Contains("data-testid=\"result-count\">0 users", search, StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/users/{officerB.Id}", await client.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        var api = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/admin/users");
        Assert.Contains(api!, u => u["userName"].ToString() == adminA.UserName);
        Assert.DoesNotContain(api!, u => u["userName"].ToString() == officerB.UserName);
    }

    [Fact]
    public async Task A_victim_care_officer_is_refused_the_administration_pages_and_api()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);

        foreach (var url in new[] { "/admin", "/admin/users", "/admin/users/new", $"/admin/users/{officer.Id}", "/admin/teams", "/admin/access", "/admin/tokens" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/forbidden", Forms.Location(response), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/forbidden")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/tokens")).StatusCode);
    }

    private Task<List<string>> RolesOfAsync(Guid userId) =>
        app.Data.QueryAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync());

    private Task<List<AuditEntry>> AdminEntriesAsync(string recordType, Guid recordId) =>
        app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.Operation == AuditOperation.Administration && e.RecordType == recordType && e.RecordId == recordId.ToString())
            .OrderBy(e => e.Sequence).ToListAsync());

    private async Task AssertNotInAuditLogAsync(string secret)
    {
        var leaked = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e =>
            (e.Detail != null && e.Detail.Contains(secret)) || (e.NewValue != null && e.NewValue.Contains(secret)) || (e.OldValue != null && e.OldValue.Contains(secret))));
        Assert.Equal(0, leaked);
    }
}
