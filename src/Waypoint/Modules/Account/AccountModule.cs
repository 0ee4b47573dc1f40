using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Waypoint.Modules.Account.AccountSecurity;
using Waypoint.Modules.Account.ChangePassword;
using Waypoint.Modules.Account.ManageTwoFactor;
using Waypoint.Modules.Account.RecoveryCodeSignIn;
using Waypoint.Modules.Account.SetUpAuthenticator;
using Waypoint.Modules.Account.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account;

/// <summary>Signing in and out, two-factor authentication, recovery codes and passwords.</summary>
public static class AccountModule
{
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddScoped<TwoFactorRules>();
        services.AddScoped<RecoveryCodesOnce>();
        services.AddScoped<SetUpAuthenticatorHandler>();
        services.AddScoped<ManageTwoFactorHandler>();
        services.AddScoped<RecoveryCodeSignInHandler>();
        services.AddScoped<AccountSecurityHandler>();
        services.AddScoped<ChangePasswordHandler>();

        // The session carries "must change password" (see PasswordChangeEnforcement) and keeps how it signed in.
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<AppUser>, AccountClaimsPrincipalFactory>());
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = SessionClaims.KeepAuthenticationMethods);
        return services;
    }

    /// <summary>The module's own step in the request pipeline, after authentication: temporary passwords are changed first.</summary>
    public static IApplicationBuilder UseAccountRules(this IApplicationBuilder app) => app.UsePasswordChangeEnforcement();

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<AppUser> signIn, ActorAccessor actors, AuditScope audit, Platform.Database.AppDbContext db) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            if (await actors.GetAsync() is not null)
            {
                audit.Record(AuditOperation.SignOut);
                await db.SaveChangesAsync();
            }
            await signIn.SignOutAsync();
            return Results.Redirect("/account/signed-out");
        }).AllowAnonymous();
        return app;
    }
}
