using System.Net;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

public sealed class ManagingYourAccountTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task Your_account_is_linked_for_everyone_and_shows_two_factor_and_recovery_codes_left()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        await app.RecoveryCodesAsync(admin, 7);
        var client = await app.SignedInAsync(admin);

        var html = await client.GetStringAsync("/account/security");

        Assert.Contains("<title>Your account - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/security\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("On</strong>", html, StringComparison.Ordinal);
        Assert.Equal(7, AccountSteps.RecoveryCodesLeft(html));
        Assert.Contains("/account/two-factor/reset", html, StringComparison.Ordinal);
        Assert.Contains("/account/recovery-codes/new", html, StringComparison.Ordinal);
        Assert.Contains("/account/change-password", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/two-factor/turn-off", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_recovery_codes_are_shown_once_and_the_old_ones_stop_working()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var old = await app.RecoveryCodesAsync(admin);
        var client = await app.SignedInAsync(admin);

        var response = await Forms.PostAsync(client, "/account/recovery-codes/new", "new-recovery-codes", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var codes = AccountSteps.RecoveryCodesFrom(await client.GetStringAsync(Forms.Location(response)));
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(old));
        Assert.Contains("already been shown", await client.GetStringAsync(Forms.Location(response)), StringComparison.Ordinal);

        var (second, _) = await app.SignInWithPasswordAsync(admin);
        var refused = await Forms.PostAsync(second, "/account/recovery-code", "recovery-code", new() { ["Input.Code"] = old[0] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var accepted = await Forms.PostAsync(second, "/account/recovery-code", "recovery-code", new() { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains(await app.AuditAboutAsync(admin.Id), e => e.Operation == AuditOperation.Administration && e.Detail!.StartsWith("Made 10 new recovery codes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recovery_codes_are_not_shown_to_another_user_who_gets_hold_of_the_cookie()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var other = await app.Data.UserAsync(org, Roles.Auditor);
        var client = await app.SignedInAsync(admin);
        var response = await Forms.PostAsync(client, "/account/recovery-codes/new", "new-recovery-codes", []);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("waypoint.recovery-codes=", StringComparison.Ordinal)).Split(';')[0];

        var thief = await app.SignedInAsync(other);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/recovery-codes");
        request.Headers.Add("Cookie", cookie);
        var html = await (await thief.SendAsync(request)).HtmlAsync();

        Assert.Empty(AccountSteps.RecoveryCodesFrom(html));
        Assert.Contains("already been shown", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_and_auditors_cannot_turn_two_factor_off()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var page = await client.GetStringAsync("/account/two-factor/turn-off");
        Assert.Contains("must keep two-factor authentication on", page, StringComparison.Ordinal);
        var token = Forms.TokenFrom(page);
        var response = await Forms.PostWithTokenAsync(client, "/account/two-factor/turn-off", "turn-off-two-factor", token, []);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await app.UserAsync(admin)).TwoFactorEnabled);
    }

    [Fact]
    public async Task An_officer_sets_up_two_factor_from_their_account_and_can_turn_it_off_again()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.PasswordOnlyUserAsync(org, Roles.VictimCareOfficer);
        var (client, _) = await app.SignInWithPasswordAsync(officer);
        Assert.Contains("Off</strong>", await client.GetStringAsync("/account/security"), StringComparison.Ordinal);

        var setup = await client.GetStringAsync("/account/two-factor/setup?returnUrl=%2Faccount%2Fsecurity");
        Assert.DoesNotContain("must sign in with a code", setup, StringComparison.Ordinal);
        var confirmed = await Forms.PostAsync(client, "/account/two-factor/setup?returnUrl=%2Faccount%2Fsecurity", "two-factor-setup",
            new() { ["Input.Code"] = Totp.Code(AccountSteps.KeyFrom(setup)) });
        var shown = await client.GetStringAsync(Forms.Location(confirmed));
        Assert.Contains("href=\"/account/security\"", shown, StringComparison.Ordinal);
        Assert.Contains("/account/two-factor/turn-off", await client.GetStringAsync("/account/security"), StringComparison.Ordinal);

        var off = await Forms.PostAsync(client, "/account/two-factor/turn-off", "turn-off-two-factor", []);

        Assert.Equal("/account/security?done=two-factor-off", Forms.Location(off));
        Assert.False((await app.UserAsync(officer)).TwoFactorEnabled);
        var (_, again) = await app.SignInWithPasswordAsync(officer);
        Assert.Equal("/", Forms.Location(again));
        var details = (await app.AuditAboutAsync(officer.Id)).Select(e => e.Detail).ToList();
        Assert.Contains(details, d => d!.StartsWith("Turned on two-factor authentication", StringComparison.Ordinal));
        Assert.Contains(details, d => d!.StartsWith("Turned off two-factor authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resetting_the_authenticator_app_gives_a_new_key_and_the_old_one_stops_working()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        var reset = await Forms.PostAsync(client, "/account/two-factor/reset", "reset-authenticator", []);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.StartsWith("/account/two-factor/setup", Forms.Location(reset), StringComparison.Ordinal);
        var setup = await client.GetStringAsync(Forms.Location(reset));
        var newKey = AccountSteps.KeyFrom(setup);
        Assert.NotEqual(admin.AuthenticatorKey!.ToLowerInvariant(), newKey.Replace(" ", "", StringComparison.Ordinal));
        var confirmed = await Forms.PostAsync(client, Forms.Location(reset), "two-factor-setup", new() { ["Input.Code"] = Totp.Code(newKey) });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var oldKey = await Forms.PostAsync((await app.SignInWithPasswordAsync(admin)).Client, "/account/two-factor", "two-factor", new() { ["Input.Code"] = Totp.Code(admin.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.OK, oldKey.StatusCode);
        var withNew = await app.SignedInAsync(admin with { AuthenticatorKey = newKey });
        Assert.Equal(HttpStatusCode.OK, (await withNew.GetAsync("/account/security")).StatusCode);
        Assert.Contains(await app.AuditAboutAsync(admin.Id), e => e.Detail!.StartsWith("Reset their authenticator app", StringComparison.Ordinal));
    }
}
