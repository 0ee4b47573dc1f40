using System.Net;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

public sealed class ChangingPasswordTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private const string NewPassword = "lantern orchard velvet quay";

    [Fact]
    public async Task A_short_password_is_refused()
    {
        var (client, officer) = await SignedInOfficerAsync();

        var html = await (await ChangeAsync(client, officer.Password, "short pw", "short pw")).HtmlAsync();

        Assert.Contains("<title>Error: Change your password - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Contains("Password must be 12 characters or more", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#NewPassword\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("short pw", html, StringComparison.Ordinal);
        Assert.NotNull(await SignInAgainAsync(officer, officer.Password));
    }

    [Fact]
    public async Task A_common_password_is_refused_even_when_long_enough()
    {
        var (client, officer) = await SignedInOfficerAsync();

        var html = await (await ChangeAsync(client, officer.Password, "password1234", "password1234")).HtmlAsync();

        Assert.Contains("avoid common passwords", html, StringComparison.Ordinal);
        Assert.NotNull(await SignInAgainAsync(officer, officer.Password));
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_audited()
    {
        var (client, officer) = await SignedInOfficerAsync();

        var html = await (await ChangeAsync(client, "not my password at all", NewPassword, NewPassword)).HtmlAsync();

        Assert.Contains("Your current password is not correct", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#CurrentPassword\"", html, StringComparison.Ordinal);
        Assert.NotNull(await SignInAgainAsync(officer, officer.Password));
        Assert.Contains(await app.AuditAboutAsync(officer.Id), e => e.Operation == AuditOperation.Administration && e.Detail == "Password change refused: current password not correct");
    }

    [Fact]
    public async Task Passwords_that_do_not_match_are_refused()
    {
        var (client, officer) = await SignedInOfficerAsync();

        var html = await (await ChangeAsync(client, officer.Password, NewPassword, NewPassword + "x")).HtmlAsync();

        Assert.Contains("The passwords do not match", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_password_is_accepted_the_session_stays_signed_in_and_the_old_password_stops_working()
    {
        var (client, officer) = await SignedInOfficerAsync();

        var response = await ChangeAsync(client, officer.Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/security?done=password", Forms.Location(response));
        Assert.Contains("Your password has been changed", await client.GetStringAsync(Forms.Location(response)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Null(await SignInAgainAsync(officer, officer.Password));
        Assert.NotNull(await SignInAgainAsync(officer, NewPassword));
        var audit = await app.AuditAboutAsync(officer.Id);
        Assert.Contains(audit, e => e.Operation == AuditOperation.Administration && e.Detail == "Changed their password");
        Assert.DoesNotContain(audit, e => (e.Detail ?? "").Contains(NewPassword, StringComparison.Ordinal) || (e.Detail ?? "").Contains(officer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_with_a_temporary_password_is_kept_on_the_change_password_page_until_they_change_it()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.PasswordOnlyUserAsync(org, Roles.VictimCareOfficer, mustChangePassword: true);

        var (client, signIn) = await app.SignInWithPasswordAsync(officer);

        Assert.Equal("/account/change-password", Forms.Location(signIn));
        foreach (var path in new[] { "/", "/cases", "/account/security", "/account/two-factor/setup" })
        {
            var blocked = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/change-password", Forms.Location(blocked));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/waypoint.css")).StatusCode);
        Assert.Contains("You signed in with a temporary password", await client.GetStringAsync("/account/change-password"), StringComparison.Ordinal);

        var changed = await ChangeAsync(client, officer.Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/", Forms.Location(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.False((await app.UserAsync(officer)).MustChangePassword);
        Assert.Contains(await app.AuditAboutAsync(officer.Id), e => e.Operation == AuditOperation.Administration && e.Detail == "Changed their temporary password");
    }

    [Fact]
    public async Task An_administrator_with_a_temporary_password_changes_it_first_and_then_sets_up_two_factor()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator, mustChangePassword: true);

        var (client, signIn) = await app.SignInWithPasswordAsync(admin);
        Assert.Equal("/account/change-password", Forms.Location(signIn));
        Assert.Equal("/account/change-password", Forms.Location(await client.GetAsync("/account/two-factor/setup")));

        var changed = await ChangeAsync(client, admin.Password, NewPassword, NewPassword);
        Assert.Equal("/", Forms.Location(changed));

        Assert.Equal("/account/two-factor/setup", Forms.Location(await client.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor/setup")).StatusCode);
    }

    private async Task<(HttpClient, TestUser)> SignedInOfficerAsync()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        return (await app.SignedInAsync(officer), officer);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string confirm) =>
        Forms.PostAsync(client, "/account/change-password", "change-password", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        });

    /// <summary>A client signed in with <paramref name="password"/>, or null if the password was refused.</summary>
    private async Task<HttpClient?> SignInAgainAsync(TestUser user, string password)
    {
        var (client, response) = await app.SignInWithPasswordAsync(user, password);
        return response.StatusCode == HttpStatusCode.Redirect ? client : null;
    }
}
