using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

/// <summary>The app with a 7-minute idle timeout and the security stamp checked on every request.</summary>
public sealed class StrictSessionApp : WaypointApp
{
    public const int IdleMinutes = 7;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:IdleTimeoutMinutes"] = IdleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }
}

public sealed class SessionTests(StrictSessionApp app) : IClassFixture<StrictSessionApp>
{
    [Fact]
    public void The_session_cookie_expires_after_the_configured_idle_time_and_slides_with_use()
    {
        var options = app.Service<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(TimeSpan.FromMinutes(StrictSessionApp.IdleMinutes), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        Assert.True(options.Cookie.HttpOnly);
    }

    [Fact]
    public async Task The_signed_in_ticket_expires_idle_minutes_after_it_was_issued_and_is_not_persistent()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var (_, response) = await app.SignInWithPasswordAsync(officer);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("waypoint.auth=", StringComparison.Ordinal));

        var options = app.Service<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(setCookie.Split(';')[0]["waypoint.auth=".Length..]);

        Assert.NotNull(ticket);
        Assert.DoesNotContain("expires=", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(ticket.Properties.IsPersistent);
        Assert.Equal(TimeSpan.FromMinutes(StrictSessionApp.IdleMinutes), ticket.Properties.ExpiresUtc - ticket.Properties.IssuedUtc);
    }

    [Fact]
    public async Task An_administrator_stays_signed_in_with_two_factors_when_the_security_stamp_is_checked_again()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.Data.UserAsync(org, Roles.UnitAdministrator);
        var client = await app.SignedInAsync(admin);

        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/account/security");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
    }

    [Fact]
    public async Task A_temporary_password_set_by_someone_else_during_a_session_sends_the_user_to_change_it()
    {
        var org = await app.Data.OrganisationAsync();
        var officer = await app.Data.UserAsync(org, Roles.VictimCareOfficer);
        var client = await app.SignedInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(officer.Id.ToString()))!;
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }

        var response = await client.GetAsync("/");
        // The stamp changed, so the session ends: the user signs in again and is then sent to change the password.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (again, signIn) = await app.SignInWithPasswordAsync(officer);
        Assert.Equal("/account/change-password", Forms.Location(signIn));
        Assert.Equal("/account/change-password", Forms.Location(await again.GetAsync("/")));
    }
}

/// <summary>The demo, where administrators may skip two-factor authentication.</summary>
public sealed class DemoApp : WaypointApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:Demo:AllowSkipTwoFactor"] = "true",
    };
}

public sealed class DemoSignInTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task In_the_demo_an_administrator_without_two_factor_goes_straight_in()
    {
        var org = await app.Data.OrganisationAsync();
        var admin = await app.PasswordOnlyUserAsync(org, Roles.UnitAdministrator);

        var (client, signIn) = await app.SignInWithPasswordAsync(admin);

        Assert.Equal("/", Forms.Location(signIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/security")).StatusCode);
    }
}
