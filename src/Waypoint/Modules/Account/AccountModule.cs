using Microsoft.AspNetCore.Identity;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Account;

/// <summary>Signing in and out, two-factor authentication, recovery codes and passwords.</summary>
public static class AccountModule
{
    public static IServiceCollection AddAccount(this IServiceCollection services) => services;

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
