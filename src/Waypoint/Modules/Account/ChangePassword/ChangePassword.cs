using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.ChangePassword;

/// <summary>The signed-in user's current password, and the new one typed twice.</summary>
public sealed class ChangePasswordRequest
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// Changes the signed-in user's password: length first (12 or more), no composition rules, common passwords
/// refused. Clears the "must change password" flag of a temporary password and keeps the session signed in.
/// </summary>
internal sealed class ChangePasswordHandler(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IOptions<IdentityOptions> identity,
    AppDbContext db,
    AuditScope audit)
{
    public async Task<Result> HandleAsync(ChangePasswordRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is null || await users.FindByIdAsync(actor.UserId.Value.ToString()) is not { } user)
        {
            return Result.Forbidden("Only a person signed in to Waypoint can change their password.");
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(r.CurrentPassword))
        {
            errors[nameof(r.CurrentPassword)] = ["Enter your current password"];
        }
        if (string.IsNullOrEmpty(r.NewPassword))
        {
            errors[nameof(r.NewPassword)] = ["Enter a new password"];
        }
        else
        {
            var problems = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, r.NewPassword);
                problems.AddRange(check.Errors.Select(Describe));
            }
            if (problems.Count == 0 && r.NewPassword == r.CurrentPassword)
            {
                problems.Add("Enter a new password that is different from your current one");
            }
            if (problems.Count > 0)
            {
                errors[nameof(r.NewPassword)] = [.. problems.Distinct(StringComparer.Ordinal)];
            }
            else if (string.IsNullOrEmpty(r.ConfirmPassword))
            {
                errors[nameof(r.ConfirmPassword)] = ["Confirm your new password"];
            }
            else if (r.ConfirmPassword != r.NewPassword)
            {
                errors[nameof(r.ConfirmPassword)] = ["The passwords do not match: enter your new password again"];
            }
        }
        if (errors.Count > 0)
        {
            return Result.Rejected("Check the highlighted fields.", errors);
        }

        // The new password and the cleared flag are saved together, with the audit entry.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangePasswordAsync(user, r.CurrentPassword!, r.NewPassword!);
        if (!changed.Succeeded)
        {
            var wrongCurrent = changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
                detail: wrongCurrent ? "Password change refused: current password not correct" : "Password change refused: new password not accepted");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return wrongCurrent
                ? Result.Rejected(nameof(r.CurrentPassword), "Your current password is not correct")
                : Result.Rejected("Check the highlighted fields.", new Dictionary<string, string[]> { [nameof(r.NewPassword)] = [.. changed.Errors.Select(Describe)] });
        }

        var wasTemporary = user.MustChangePassword;
        user.MustChangePassword = false;
        audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
            detail: wasTemporary ? "Changed their temporary password" : "Changed their password");
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            throw new InvalidOperationException("The account could not be updated: " + string.Join("; ", saved.Errors.Select(e => e.Code)));
        }
        await tx.CommitAsync(ct);
        // The password change renews the security stamp: sign in again so this session stays valid (and keeps "amr").
        await signIn.RefreshSignInAsync(user);
        return Result.Ok();
    }

    private string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"Password must be {identity.Value.Password.RequiredLength} characters or more",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"Password must use at least {identity.Value.Password.RequiredUniqueChars} different characters",
        nameof(IdentityErrorDescriber.PasswordMismatch) => "Your current password is not correct",
        _ => error.Description,
    };
}
