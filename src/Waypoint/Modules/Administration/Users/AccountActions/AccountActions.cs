using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users.AccountActions;

/// <summary>What an administrator can do to a user's account besides changing their access.</summary>
public enum AccountAction
{
    Disable,
    Enable,
    ResetTwoFactor,
    ResetPassword,
    Unlock,
}

/// <summary>Set only when the action made a new temporary password: the one time it is given out.</summary>
public sealed record AccountActionResult(Guid UserId, AccountAction Action, string? TemporaryPassword);

/// <summary>
/// Disabling and re-enabling, resetting two-factor authentication or the password, and unlocking. Every change of
/// credentials also changes the security stamp, so sessions signed in with the old ones end.
/// </summary>
internal sealed class AccountActionsHandler(AppDbContext db, UserManager<AppUser> users, AuditScope audit)
{
    public async Task<Result<AccountActionResult>> HandleAsync(Guid userId, AccountAction action, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.OrganisationId == actor.OrganisationId, ct);
        if (user is null)
        {
            return Fail.NotFound;
        }
        if (action == AccountAction.Disable && user.Id == actor.UserId)
        {
            return Fail.Rejected("You cannot disable your own account: ask another Unit Administrator");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        string? password = null;
        var id = user.Id.ToString();
        switch (action)
        {
            case AccountAction.Disable:
                if (user.Disabled)
                {
                    return Result<AccountActionResult>.Ok(new(user.Id, action, null));
                }
                user.Disabled = true;
                audit.Record(AuditOperation.Administration, "User", id, detail: $"User {user.UserName} disabled: they cannot sign in and their sessions have ended",
                    field: nameof(AppUser.Disabled), oldValue: "No", newValue: "Yes");
                Check(await users.UpdateSecurityStampAsync(user));
                break;

            case AccountAction.Enable:
                if (!user.Disabled)
                {
                    return Result<AccountActionResult>.Ok(new(user.Id, action, null));
                }
                user.Disabled = false;
                audit.Record(AuditOperation.Administration, "User", id, detail: $"User {user.UserName} re-enabled: they can sign in again",
                    field: nameof(AppUser.Disabled), oldValue: "Yes", newValue: "No");
                Check(await users.UpdateAsync(user));
                break;

            case AccountAction.ResetTwoFactor:
                audit.Record(AuditOperation.Administration, "User", id,
                    detail: $"Two-factor authentication of {user.UserName} reset: authenticator key and recovery codes replaced; they set it up again at their next sign-in",
                    field: nameof(AppUser.TwoFactorEnabled), oldValue: AdminAccess.YesNo(user.TwoFactorEnabled), newValue: "No");
                Check(await users.SetTwoFactorEnabledAsync(user, false));
                Check(await users.ResetAuthenticatorKeyAsync(user));
                // No new codes are handed out: the old ones simply stop working.
                _ = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
                break;

            case AccountAction.ResetPassword:
                password = OrganisationBootstrap.NewTemporaryPassword();
                user.MustChangePassword = true;
                audit.Record(AuditOperation.Administration, "User", id,
                    detail: $"Password of {user.UserName} reset to a temporary one they must change at their next sign-in; their sessions have ended");
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, token, password));
                Check(await users.SetLockoutEndDateAsync(user, null));
                Check(await users.ResetAccessFailedCountAsync(user));
                break;

            case AccountAction.Unlock:
                audit.Record(AuditOperation.Administration, "User", id, detail: $"User {user.UserName} unlocked after failed sign-in attempts",
                    field: nameof(AppUser.LockoutEnd), oldValue: user.LockoutEnd?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), newValue: null);
                Check(await users.SetLockoutEndDateAsync(user, null));
                Check(await users.ResetAccessFailedCountAsync(user));
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
        await tx.CommitAsync(ct);
        return Result<AccountActionResult>.Ok(new AccountActionResult(user.Id, action, password));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused an administrator's change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
