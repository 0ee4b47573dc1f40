using Waypoint.Modules.Administration.ForceAccess;
using Waypoint.Modules.Administration.Overview;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Administration.Teams;
using Waypoint.Modules.Administration.Tokens;
using Waypoint.Modules.Administration.Users.AccountActions;
using Waypoint.Modules.Administration.Users.ChangeAccess;
using Waypoint.Modules.Administration.Users.CreateUser;
using Waypoint.Modules.Administration.Users.FindUsers;
using Waypoint.Modules.Administration.Users.ViewUser;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration;

/// <summary>Organisations, teams, users, force access grants and API tokens, run by each organisation's Unit Administrators.</summary>
public static class AdministrationModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services) => services
        .AddScoped<OrganisationSettingsHandler>()
        .AddScoped<FindUsersHandler>()
        .AddScoped<CreateUserHandler>()
        .AddScoped<ViewUserHandler>()
        .AddScoped<ChangeAccessHandler>()
        .AddScoped<AccountActionsHandler>()
        .AddScoped<TeamsHandler>()
        .AddScoped<ForceAccessHandler>()
        .AddScoped<TokensHandler>()
        .AddSingleton<OneTimeSecrets>();

    public static RouteGroupBuilder MapAdministrationApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(Policies.UnitAdministrator);

        admin.MapGet("/users", async ([AsParameters] FindUsersQuery query, HttpContext http, ActorAccessor actors, FindUsersHandler handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(query, await actors.RequireAsync(ct), ct);
            if (result.Value is { } page)
            {
                http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(page.Items);
            }
            return result.ToHttp();
        })
        .WithSummary("The users of your organisation, with roles, teams, two-factor and sign-in state; filter with q, page with page and pageSize.")
        .Produces<IReadOnlyList<UserRow>>();

        admin.MapGet("/teams", async (ActorAccessor actors, TeamsHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("The teams of your organisation with their number of active members.")
            .Produces<IReadOnlyList<TeamRow>>();

        admin.MapGet("/tokens", async (ActorAccessor actors, TokensHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Your organisation's API tokens. Secrets are never returned: only the first characters.")
            .Produces<IReadOnlyList<TokenRow>>();

        admin.MapPost("/tokens", async (IssueTokenRequest request, ActorAccessor actors, TokensHandler handler, CancellationToken ct) =>
                (await handler.IssueAsync(request, await actors.RequireAsync(ct), ct)).ToHttp(t => $"/api/v1/admin/tokens/{t.Id}"))
            .WithSummary("Issue a token to a named client. The response is the only time the token itself is given out.")
            .Produces<IssuedToken>(StatusCodes.Status201Created);

        admin.MapDelete("/tokens/{tokenId:guid}", async (Guid tokenId, ActorAccessor actors, TokensHandler handler, CancellationToken ct) =>
                (await handler.RevokeAsync(tokenId, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Revoke a token: it stops working at once. The record stays, marked revoked.");

        return api;
    }
}
