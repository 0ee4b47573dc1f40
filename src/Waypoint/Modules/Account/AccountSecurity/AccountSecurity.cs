using Microsoft.AspNetCore.Identity;
using Waypoint.Modules.Account.Shared;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.AccountSecurity;

/// <summary>The signed-in user's own sign-in settings, as the "Your account" page shows them.</summary>
public sealed record AccountSecuritySummary(
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    int RecoveryCodesLeft,
    bool MustKeepTwoFactor,
    DateTime? LastSignInAt);

internal sealed class AccountSecurityHandler(UserManager<AppUser> users, TwoFactorRules rules)
{
    public async Task<Result<AccountSecuritySummary>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } id || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return Fail.Forbidden;
        }
        var roles = await users.GetRolesAsync(user);
        return Result<AccountSecuritySummary>.Ok(new AccountSecuritySummary(
            user.UserName ?? "",
            user.DisplayName,
            [.. roles.Select(Platform.Security.Roles.DisplayName).Order(StringComparer.Ordinal)],
            user.TwoFactorEnabled,
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            await rules.MustKeepAsync(user),
            user.LastSignInAt));
    }
}
