using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Account;

/// <summary>What the account tests do again and again: seed users the shared helpers do not, sign in by hand, read pages.</summary>
internal static partial class AccountSteps
{
    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("data-testid=\"recovery-code\">([^<]+)<")]
    private static partial Regex RecoveryCodePattern();

    /// <summary>A user with a password only: no two-factor, whatever the role (TestData gives administrators two-factor).</summary>
    public static async Task<TestUser> PasswordOnlyUserAsync(this WaypointApp app, Organisation org, string role, bool mustChangePassword = false)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}";
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = "Officer " + userName,
            OrganisationId = org.Id,
            CreatedAt = DateTime.UtcNow,
            MustChangePassword = mustChangePassword,
        };
        Check(await users.CreateAsync(user, TestData.Password));
        Check(await users.AddToRoleAsync(user, role));
        return new TestUser(user.Id, userName, TestData.Password, org.Id, null);
    }

    /// <summary>Fresh recovery codes for a user who has two-factor on, made straight in the database.</summary>
    public static async Task<IReadOnlyList<string>> RecoveryCodesAsync(this WaypointApp app, TestUser user, int count = 10)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var appUser = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("No such user.");
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(appUser, count) ?? []];
    }

    public static async Task<AppUser> UserAsync(this WaypointApp app, TestUser user)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException("No such user.");
    }

    /// <summary>Posts the sign-in form and answers the client and where it was sent next.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Response)> SignInWithPasswordAsync(this WaypointApp app, TestUser user, string? password = null, HttpClient? client = null)
    {
        client ??= app.Browser();
        var response = await Forms.PostAsync(client, "/account/sign-in", "sign-in", new()
        {
            ["Input.UserName"] = user.UserName,
            ["Input.Password"] = password ?? user.Password,
        });
        return (client, response);
    }

    [GeneratedRegex("data-testid=\"recovery-codes-left\">\\s*(\\d+)")]
    private static partial Regex CodesLeftPattern();

    public static int RecoveryCodesLeft(string html) =>
        CodesLeftPattern().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException("No recovery code count on the page.");

    public static string KeyFrom(string html) =>
        KeyPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No authenticator key on the page:\n" + html);

    public static IReadOnlyList<string> RecoveryCodesFrom(string html) =>
        [.. RecoveryCodePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>Every audit entry about one user, oldest first.</summary>
    public static Task<List<AuditEntry>> AuditAboutAsync(this WaypointApp app, Guid userId) =>
        app.Data.QueryAsync(db => db.AuditEntries.Where(e => e.RecordType == "User" && e.RecordId == userId.ToString()).OrderBy(e => e.Sequence).ToListAsync());

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
