using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;

namespace Waypoint.Platform.Security;

/// <summary>Builds the request's <see cref="Actor"/> from the signed-in principal, once, and hands it to the audit scope.</summary>
public sealed class ActorAccessor(IHttpContextAccessor http, AppDbContext db, AuditScope audit, TimeProvider clock)
{
    // The task, not its result, is kept: a layout and its page ask at once, and on a truly asynchronous
    // provider (PostgreSQL) the second caller must wait for the first load rather than see "nobody".
    private Task<Actor?>? _load;

    public Task<Actor?> GetAsync(CancellationToken ct = default) => _load ??= LoadAsync(ct);

    private async Task<Actor?> LoadAsync(CancellationToken ct)
    {
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var channel = http.HttpContext!.Request.Path.StartsWithSegments("/api") ? "api" : "page";
        var actor = principal.FindFirstValue(WaypointClaims.ApiClientId) is { } clientId
            ? await ForApiClientAsync(Guid.Parse(clientId), principal, now, ct)
            : await ForUserAsync(principal, now, channel, ct);
        audit.Actor = actor;
        return actor;
    }

    /// <summary>The actor, or an exception when there is none: for endpoints that already require authentication.</summary>
    public async Task<Actor> RequireAsync(CancellationToken ct = default) =>
        await GetAsync(ct) ?? throw new InvalidOperationException("An authenticated actor was expected.");

    private async Task<Actor?> ForUserAsync(ClaimsPrincipal principal, DateTime now, string channel, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.Disabled)
            .Select(u => new { u.Id, u.DisplayName, u.OrganisationId, Teams = u.Teams.Select(t => t.TeamId).ToList() })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);
        return await BuildAsync(user.Id, null, user.DisplayName, user.OrganisationId, [.. user.Teams], [.. roles], [], now, channel, ct);
    }

    private async Task<Actor?> ForApiClientAsync(Guid tokenId, ClaimsPrincipal principal, DateTime now, CancellationToken ct)
    {
        var orgId = Guid.Parse(principal.FindFirstValue(WaypointClaims.OrganisationId)!);
        var permissions = principal.FindAll(WaypointClaims.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var name = principal.Identity!.Name ?? "API client";
        return await BuildAsync(null, tokenId, name, orgId, [], [], permissions, now, "api", ct);
    }

    private async Task<Actor?> BuildAsync(Guid? userId, Guid? clientId, string name, Guid orgId, HashSet<Guid> teams, HashSet<string> roles, HashSet<string> permissions, DateTime now, string channel, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == orgId)
            .Select(o => new { o.Name, o.Code, o.TeamScoped }).SingleOrDefaultAsync(ct);
        if (org is null)
        {
            return null;
        }
        var granted = await db.ForceAccessGrants.AsNoTracking().Where(g => g.GranteeOrganisationId == orgId).Select(g => g.ForceOrganisationId).ToListAsync(ct);
        return new Actor
        {
            UserId = userId,
            ApiClientId = clientId,
            Name = name,
            OrganisationId = orgId,
            OrganisationName = org.Name,
            OrganisationCode = org.Code,
            OrganisationTeamScoped = org.TeamScoped,
            TeamIds = teams,
            GrantedForceIds = granted,
            Roles = roles,
            Permissions = permissions,
            Now = now,
            Channel = channel,
        };
    }
}
