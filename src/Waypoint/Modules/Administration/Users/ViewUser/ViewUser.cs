using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Administration.Users.FindUsers;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users.ViewUser;

/// <summary>One user of the administrator's organisation; users of any other organisation are not found.</summary>
public sealed record UserDetail(
    Guid Id,
    string DisplayName,
    string UserName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> TeamIds,
    IReadOnlyList<string> Teams,
    string? Skills,
    bool TwoFactorEnabled,
    bool Disabled,
    DateTime? LockedOutUntil,
    int FailedSignIns,
    bool MustChangePassword,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    string ConcurrencyStamp,
    bool IsYou)
{
    public bool LockedOut => LockedOutUntil is not null;
}

internal sealed class ViewUserHandler(AppDbContext db)
{
    public async Task<Result<UserDetail>> HandleAsync(Guid userId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var u = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.OrganisationId == actor.OrganisationId)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.UserName, u.Skills, u.TwoFactorEnabled, u.Disabled, u.LockoutEnd, u.AccessFailedCount,
                u.MustChangePassword, u.CreatedAt, u.LastSignInAt, u.ConcurrencyStamp,
                TeamIds = u.Teams.Select(t => t.TeamId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (u is null)
        {
            return Fail.NotFound;
        }
        var roles = await UserLookups.RolesAsync(db, [u.Id], ct);
        var teams = await UserLookups.TeamsAsync(db, [u.Id], ct);
        var lockedUntil = u.LockoutEnd is { } end && end > new DateTimeOffset(actor.Now, TimeSpan.Zero) ? end.UtcDateTime : (DateTime?)null;
        return Result<UserDetail>.Ok(new UserDetail(
            u.Id, u.DisplayName, u.UserName ?? "", roles.GetValueOrDefault(u.Id, []), u.TeamIds, teams.GetValueOrDefault(u.Id, []),
            u.Skills, u.TwoFactorEnabled, u.Disabled, lockedUntil, u.AccessFailedCount, u.MustChangePassword, u.CreatedAt, u.LastSignInAt,
            u.ConcurrencyStamp ?? "", u.Id == actor.UserId));
    }
}
