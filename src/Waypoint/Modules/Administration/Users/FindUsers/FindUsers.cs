using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users.FindUsers;

public sealed class FindUsersQuery
{
    /// <summary>Part of a name or username.</summary>
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

/// <summary>A user of the administrator's organisation, as the users list and the API show them.</summary>
public sealed record UserRow(
    Guid Id,
    string DisplayName,
    string UserName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Teams,
    bool TwoFactorEnabled,
    bool Disabled,
    bool LockedOut,
    bool MustChangePassword,
    DateTime? LastSignInAt);

public sealed record UserPage(IReadOnlyList<UserRow> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal sealed class FindUsersHandler(AppDbContext db)
{
    public async Task<Result<UserPage>> HandleAsync(FindUsersQuery query, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var pageSize = Math.Clamp(query.PageSize ?? 50, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);
        var orgId = actor.OrganisationId;
        var users = db.Users.AsNoTracking().Where(u => u.OrganisationId == orgId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToLowerInvariant();
            users = users.Where(u => u.DisplayName.ToLower().Contains(term) || u.UserName!.ToLower().Contains(term));
        }
        var total = await users.CountAsync(ct);
        var now = new DateTimeOffset(actor.Now, TimeSpan.Zero);
        var rows = await users
            .OrderBy(u => u.Disabled).ThenBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.TwoFactorEnabled, u.Disabled, u.LockoutEnd, u.MustChangePassword, u.LastSignInAt })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await UserLookups.RolesAsync(db, ids, ct);
        var teams = await UserLookups.TeamsAsync(db, ids, ct);
        var items = rows.Select(u => new UserRow(
                u.Id, u.DisplayName, u.UserName ?? "",
                roles.GetValueOrDefault(u.Id, []),
                teams.GetValueOrDefault(u.Id, []),
                u.TwoFactorEnabled, u.Disabled, u.LockoutEnd > now, u.MustChangePassword, u.LastSignInAt))
            .ToList();
        return Result<UserPage>.Ok(new UserPage(items, total, page, pageSize));
    }
}

/// <summary>Roles and team names for a set of users, in display order.</summary>
internal static class UserLookups
{
    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> RolesAsync(AppDbContext db, List<Guid> userIds, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userIds.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Select(p => p.Name!).OrderBy(n => Roles.All.ToList().IndexOf(n)).ToList());
    }

    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> TeamsAsync(AppDbContext db, List<Guid> userIds, CancellationToken ct)
    {
        var pairs = await (from ut in db.UserTeams
                           join t in db.Teams on ut.TeamId equals t.Id
                           where userIds.Contains(ut.UserId)
                           select new { ut.UserId, t.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
    }
}
