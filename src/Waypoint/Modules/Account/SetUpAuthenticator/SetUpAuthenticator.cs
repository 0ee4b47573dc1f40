using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using Waypoint.Modules.Account.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account.SetUpAuthenticator;

/// <summary>What a person needs to add Waypoint to their authenticator app: the key to type, and the same as a QR code.</summary>
public sealed record AuthenticatorSetup(bool AlreadyOn, string Key, string QrCodeDataUri);

/// <summary>
/// Setting up an authenticator app (TOTP): show a key, check one code from the app, then turn two-factor
/// authentication on, issue 10 recovery codes and mark this session as signed in with two factors.
/// </summary>
internal sealed class SetUpAuthenticatorHandler(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    AuditScope audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The key for the app, made the first time it is asked for and kept until the user resets it.</summary>
    public async Task<Result<AuthenticatorSetup>> PrepareAsync(Actor actor, CancellationToken ct)
    {
        if (await UserOf(actor) is not { } user)
        {
            return Fail.Forbidden;
        }
        if (user.TwoFactorEnabled)
        {
            return Result<AuthenticatorSetup>.Ok(new AuthenticatorSetup(true, "", ""));
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(), detail: "New authenticator key made for setting up two-factor authentication");
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
        }
        var uri = OtpAuthUri(user.UserName ?? user.Id.ToString(), key);
        return Result<AuthenticatorSetup>.Ok(new AuthenticatorSetup(false, Grouped(key), QrCode(uri)));
    }

    /// <summary>Checks the code; on success turns two-factor on and returns the new recovery codes.</summary>
    public async Task<Result<IReadOnlyList<string>>> ConfirmAsync(string? code, Actor actor, CancellationToken ct)
    {
        if (await UserOf(actor) is not { } user)
        {
            return Fail.Forbidden;
        }
        if (user.TwoFactorEnabled)
        {
            return Fail.Rejected("Two-factor authentication is already on. To use a new phone or app, reset your authenticator app first.");
        }
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (clean.Length == 0)
        {
            return Fail.Rejected("Code", "Enter the 6-digit code from your authenticator app");
        }
        if (clean.Length != 6 || !clean.All(char.IsAsciiDigit))
        {
            return Fail.Rejected("Code", "The code must be 6 numbers, like 123456");
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(), detail: "Two-factor set-up refused: the code from the authenticator app was not correct");
            await db.SaveChangesAsync(ct);
            return Fail.Rejected("Code", "The code is not correct or has expired: enter the code shown in your app now");
        }

        IEnumerable<string>? codes;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
                detail: $"Turned on two-factor authentication with an authenticator app; {RecoveryCodeCount} recovery codes issued");
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            await tx.CommitAsync(ct);
        }
        // The app has just proved the second factor: this session now counts as signed in with two factors.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AccountClaims.AuthenticationMethod, AccountClaims.MultiFactor)]);
        return Result<IReadOnlyList<string>>.Ok([.. codes ?? []]);
    }

    internal static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/Waypoint:{Uri.EscapeDataString(userName)}?secret={key}&issuer=Waypoint&digits=6";

    /// <summary>The key in groups of 4, lower case, as authenticator apps accept it typed.</summary>
    internal static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// The QR code as an SVG image in a data: URI. An image's own markup is outside the page's Content
    /// Security Policy, which allows data: images and forbids inline styles.
    /// </summary>
    internal static string QrCode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
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
