using Microsoft.AspNetCore.Identity;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.RecoveryCodeSignIn;

/// <summary>
/// The second sign-in step with a recovery code instead of the app. Each code works once; wrong codes count
/// towards the lockout like wrong passwords.
/// </summary>
internal sealed class RecoveryCodeSignInHandler(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    AuditScope audit,
    AppDbContext db,
    TimeProvider clock)
{
    /// <summary>Null when nobody is between a correct password and the second step.</summary>
    public Task<AppUser?> PendingUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    public async Task<Result> HandleAsync(string? code, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Result.Forbidden("Sign in with your username and password first.");
        }
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (clean.Length == 0)
        {
            return Result.Rejected("Code", "Enter one of your recovery codes");
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(clean);
        if (result.Succeeded)
        {
            user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
            await users.UpdateAsync(user);
            var left = await users.CountRecoveryCodesAsync(user);
            await LogAsync(AuditOperation.SignIn, user, $"Signed in with password and a recovery code; {left} recovery codes left", ct);
            return Result.Ok();
        }
        if (result.IsLockedOut)
        {
            await LogAsync(AuditOperation.SignInFailed, user, "Recovery code sign-in refused: account locked", ct);
            return Result.Rejected("Your account is locked for 15 minutes after too many failed attempts. Try again later, or ask your Unit Administrator.");
        }
        await LogAsync(AuditOperation.SignInFailed, user, "Recovery code sign-in refused: code not correct or already used", ct);
        return Result.Rejected("Code", "The recovery code is not correct or has already been used");
    }

    private async Task LogAsync(AuditOperation op, AppUser user, string detail, CancellationToken ct)
    {
        audit.Add(new AuditEvent(op, user.Id, user.UserName ?? "", user.OrganisationId, "page", "User", user.Id.ToString(), Detail: detail));
        await db.SaveChangesAsync(ct);
    }
}
