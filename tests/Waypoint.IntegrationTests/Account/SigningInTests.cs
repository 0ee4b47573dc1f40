using System.Net;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

public sealed class SigningInTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task A_recovery_code_signs_in_once_and_not_twice()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var codes = await app.RecoveryCodesAsync(admin);

        var (client, signIn) = await app.SignInWithPasswordAsync(admin);
        Assert.StartsWith("/account/two-factor", Forms.Location(signIn), StringComparison.Ordinal);
        Assert.Contains("/account/recovery-code", await client.GetStringAsync(Forms.Location(signIn)), StringComparison.Ordinal);
        var first = await Forms.PostAsync(client, "/account/recovery-code?returnUrl=%2Fadmin", "recovery-code", new() { ["Input.Code"] = codes[3].ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/admin", Forms.Location(first));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/security")).StatusCode);
        Assert.NotEqual("/account/two-factor/setup", (await client.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal(9, AccountSteps.RecoveryCodesLeft(await client.GetStringAsync("/account/security")));

        var (second, _) = await app.SignInWithPasswordAsync(admin);
        var reused = await Forms.PostAsync(second, "/account/recovery-code", "recovery-code", new() { ["Input.Code"] = codes[3] });

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var html = await reused.HtmlAsync();
        Assert.Contains("The recovery code is not correct or has already been used", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Sign in with a recovery code - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/account/security")).StatusCode);

        var audit = await app.AuditAboutAsync(admin.Id);
        Assert.Contains(audit, e => e.Operation == AuditOperation.SignIn && e.Detail!.Contains("recovery code", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Operation == AuditOperation.SignInFailed && e.Detail!.Contains("recovery code", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(audit, e => codes.Any(c => (e.Detail ?? "").Contains(c, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_recovery_code_page_sends_anyone_without_a_correct_password_to_sign_in()
    {
        var response = await app.Browser().GetAsync("/account/recovery-code");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", Forms.Location(response));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var client = app.Browser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var (_, wrong) = await app.SignInWithPasswordAsync(officer, "not the right password " + attempt, client);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Enter a correct username and password", await wrong.HtmlAsync(), StringComparison.Ordinal);
        }
        var (_, fifth) = await app.SignInWithPasswordAsync(officer, "not the right password 5", client);
        Assert.Contains("Your account is locked", await fifth.HtmlAsync(), StringComparison.Ordinal);

        var (_, right) = await app.SignInWithPasswordAsync(officer, client: client);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your account is locked", await right.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.NotNull((await app.UserAsync(officer)).LockoutEnd);
        Assert.Equal(0, await app.Data.AuditCountAsync(AuditOperation.SignIn, "User", officer.Id));
        Assert.True(await app.Data.AuditCountAsync(AuditOperation.SignInFailed, "User", officer.Id) >= 6);
        Assert.DoesNotContain(await app.AuditAboutAsync(officer.Id), e => (e.Detail ?? "").Contains(officer.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_officer_signs_in_with_a_password_alone_and_is_not_sent_to_two_factor_set_up()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.PasswordOnlyUserAsync(org, Roles.VictimCareOfficer);

        var (client, signIn) = await app.SignInWithPasswordAsync(officer);

        Assert.Equal("/", Forms.Location(signIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.SignIn, "User", officer.Id));
    }
}
