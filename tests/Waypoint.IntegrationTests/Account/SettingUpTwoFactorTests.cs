using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

public sealed partial class SettingUpTwoFactorTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [GeneratedRegex("<img[^>]*data-testid=\"qr-code\"[^>]*>")]
    private static partial Regex QrImage();

    [GeneratedRegex("src=\"data:image/svg(?:\\+|&#x2B;)xml;base64,([^\"]+)\"")]
    private static partial Regex SvgSource();

    [Fact]
    public async Task An_administrator_without_two_factor_is_sent_to_set_it_up_and_cannot_reach_cases_or_administration_until_then()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator);

        var (client, signIn) = await app.SignInWithPasswordAsync(admin);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/two-factor/setup", Forms.Location(signIn), StringComparison.Ordinal);
        foreach (var path in new[] { "/", "/cases", "/admin", "/admin/users" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor/setup", Forms.Location(response));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cases")).StatusCode);
        var setup = await client.GetStringAsync("/account/two-factor/setup");
        Assert.Contains("Unit Administrators and Auditors must sign in with a code", setup, StringComparison.Ordinal);

        await SetUpAsync(client, setup);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var admin2 = await client.GetAsync("/admin");
        Assert.NotEqual("/account/two-factor/setup", admin2.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_auditor_without_two_factor_is_sent_to_set_it_up_too()
    {
        var org = await app.Data.OrganisationAsync();
        var auditor = await app.PasswordOnlyUserAsync(org, Roles.Auditor);

        var (client, signIn) = await app.SignInWithPasswordAsync(auditor);

        Assert.StartsWith("/account/two-factor/setup", Forms.Location(signIn), StringComparison.Ordinal);
        Assert.Equal("/account/two-factor/setup", Forms.Location(await client.GetAsync("/audit")));
    }

    [Fact]
    public async Task Setting_up_with_a_correct_code_turns_two_factor_on_and_shows_ten_recovery_codes_once()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator);
        var (client, _) = await app.SignInWithPasswordAsync(admin);
        var setup = await client.GetStringAsync("/account/two-factor/setup");
        var key = AccountSteps.KeyFrom(setup);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.Equal(key, AccountSteps.KeyFrom(await client.GetStringAsync("/account/two-factor/setup")));

        var response = await Forms.PostAsync(client, "/account/two-factor/setup", "two-factor-setup", new() { ["Input.Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/recovery-codes", Forms.Location(response), StringComparison.Ordinal);
        var shown = await client.GetStringAsync(Forms.Location(response));
        var codes = AccountSteps.RecoveryCodesFrom(shown);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains("You will not be able to see these codes again", shown, StringComparison.Ordinal);
        Assert.Empty(AccountSteps.RecoveryCodesFrom(await client.GetStringAsync("/account/recovery-codes")));
        Assert.True((await app.UserAsync(admin)).TwoFactorEnabled);

        var account = await client.GetStringAsync("/account/security");
        Assert.Equal(10, AccountSteps.RecoveryCodesLeft(account));

        var audit = await app.AuditAboutAsync(admin.Id);
        Assert.Contains(audit, e => e.Operation == AuditOperation.Administration && e.Detail!.Contains("Turned on two-factor authentication", StringComparison.Ordinal));
        var plainKey = key.Replace(" ", "", StringComparison.Ordinal);
        Assert.DoesNotContain(audit, e => (e.Detail ?? "").Contains(plainKey, StringComparison.OrdinalIgnoreCase)
            || codes.Any(c => (e.Detail ?? "").Contains(c, StringComparison.Ordinal)));

        // The next sign-in asks for a code from the app.
        var (_, again) = await app.SignInWithPasswordAsync(admin);
        Assert.StartsWith("/account/two-factor", Forms.Location(again), StringComparison.Ordinal);
        Assert.DoesNotContain("setup", Forms.Location(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_an_error_and_two_factor_stays_off()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator);
        var (client, _) = await app.SignInWithPasswordAsync(admin);
        var key = AccountSteps.KeyFrom(await client.GetStringAsync("/account/two-factor/setup"));
        var right = Totp.Code(key);
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var response = await Forms.PostAsync(client, "/account/two-factor/setup", "two-factor-setup", new() { ["Input.Code"] = wrong });
        var empty = await Forms.PostAsync(client, "/account/two-factor/setup", "two-factor-setup", new() { ["Input.Code"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("<title>Error: Set up two-factor authentication - Waypoint</title>", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("The code is not correct or has expired", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Code\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter the 6-digit code from your authenticator app", await empty.HtmlAsync(), StringComparison.Ordinal);
        Assert.False((await app.UserAsync(admin)).TwoFactorEnabled);
        Assert.Equal("/account/two-factor/setup", Forms.Location(await client.GetAsync("/cases")));
        Assert.True(await app.Data.AuditCountAsync(AuditOperation.Administration, "User", admin.Id) >= 1);
    }

    [Fact]
    public async Task The_qr_code_is_an_svg_image_that_the_content_security_policy_allows()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator);
        var (client, _) = await app.SignInWithPasswordAsync(admin);

        var response = await client.GetAsync("/account/two-factor/setup");
        var html = await response.HtmlAsync();

        var img = QrImage().Match(html).Value;
        Assert.Contains("alt=\"QR code", img, StringComparison.Ordinal);
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(SvgSource().Match(html).Groups[1].Value)));
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("img-src 'self' data:", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_otpauth_address_names_waypoint_the_user_and_the_key()
    {
        var uri = Waypoint.Modules.Account.SetUpAuthenticator.SetUpAuthenticatorHandler.OtpAuthUri("admin.ns", "ABCDEFGH");
        Assert.Equal("otpauth://totp/Waypoint:admin.ns?secret=ABCDEFGH&issuer=Waypoint&digits=6", uri);
        Assert.Equal("abcd efgh ij", Waypoint.Modules.Account.SetUpAuthenticator.SetUpAuthenticatorHandler.Grouped("ABCDEFGHIJ"));
        await Task.CompletedTask;
    }

    private static async Task SetUpAsync(HttpClient client, string setupPage)
    {
        var key = AccountSteps.KeyFrom(setupPage);
        var response = await Forms.PostAsync(client, "/account/two-factor/setup", "two-factor-setup", new() { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
