using Microsoft.AspNetCore.Identity;
using Waypoint.Modules.Account.SetUpAuthenticator;
using Waypoint.Modules.Account.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.ManageTwoFactor;

/// <summary>
/// The signed-in user's own two-factor settings: new recovery codes, a new authenticator key, or turning
/// two-factor off (refused for Unit Administrators and Auditors, who must keep it).
/// </summary>
internal sealed class ManageTwoFactorHandler(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    TwoFactorRules rules,
    AppDbContext db,
    AuditScope audit)
{
    /// <summary>Replaces every recovery code with 10 new ones; the old ones stop working at once.</summary>
    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(Actor actor, CancellationToken ct)
    {
        if (await UserOf(actor) is not { } user)
        {
            return Fail.Forbidden;
        }
        if (!user.TwoFactorEnabled)
        {
            return Fail.Rejected("Turn on two-factor authentication before you make recovery codes.");
        }
        audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
            detail: $"Made {SetUpAuthenticatorHandler.RecoveryCodeCount} new recovery codes; the old ones no longer work");
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SetUpAuthenticatorHandler.RecoveryCodeCount);
        return Result<IReadOnlyList<string>>.Ok([.. codes ?? []]);
    }

    /// <summary>
    /// Forgets the authenticator key and turns two-factor off until a new app is set up. This session stays
    /// signed in; the next sign-in of someone who must use two-factor goes to set-up.
    /// </summary>
    public async Task<Result> ResetAuthenticatorAsync(Actor actor, CancellationToken ct)
    {
        if (await UserOf(actor) is not { } user)
        {
            return Result.Forbidden();
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
                detail: "Reset their authenticator app: the old key and recovery codes no longer work; two-factor authentication is off until a new app is set up");
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await tx.CommitAsync(ct);
        }
        await signIn.RefreshSignInAsync(user);
        return Result.Ok();
    }

    public async Task<Result> TurnOffAsync(Actor actor, CancellationToken ct)
    {
        if (await UserOf(actor) is not { } user)
        {
            return Result.Forbidden();
        }
        if (await rules.MustKeepAsync(user))
        {
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(), detail: "Turning off two-factor authentication refused: required for their role");
            await db.SaveChangesAsync(ct);
            return Result.Forbidden("Unit Administrators and Auditors must keep two-factor authentication on.");
        }
        if (!user.TwoFactorEnabled)
        {
            return Result.Ok();
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
                detail: "Turned off two-factor authentication; the authenticator key and recovery codes no longer work");
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            await tx.CommitAsync(ct);
        }
        await signIn.RefreshSignInAsync(user);
        return Result.Ok();
    }

    private async Task<AppUser?> UserOf(Actor actor) =>
        actor.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
