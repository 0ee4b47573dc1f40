using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users.ChangeAccess;

/// <summary>Changing a user's name, roles, teams and skills. Each changed value is logged with its old and new value.</summary>
public sealed class ChangeAccessRequest
{
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<Guid> TeamIds { get; set; } = [];
    public string? Skills { get; set; }

    /// <summary>The user's concurrency stamp as read, when the caller has one: someone else's change in between is a conflict.</summary>
    public string? ConcurrencyStamp { get; set; }
}

internal sealed class ChangeAccessHandler(AppDbContext db, UserManager<AppUser> users, AuditScope audit)
{
    public async Task<Result> HandleAsync(Guid userId, ChangeAccessRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var user = await db.Users.Include(u => u.Teams).SingleOrDefaultAsync(u => u.Id == userId && u.OrganisationId == actor.OrganisationId, ct);
        if (user is null)
        {
            return Result.NotFound();
        }
        if (!string.IsNullOrEmpty(r.ConcurrencyStamp) && r.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        var currentTeams = user.Teams.Select(t => t.TeamId).ToHashSet();
        var errors = new ValidationErrors();
        UserInput.DisplayName(errors, r.DisplayName);
        var roles = UserInput.ValidRoles(errors, r.Roles);
        var teamIds = await UserInput.TeamsAsync(errors, db, actor.OrganisationId, r.TeamIds, currentTeams, ct);
        UserInput.Skills(errors, r.Skills);
        if (user.Id == actor.UserId && !roles.Contains(Roles.UnitAdministrator))
        {
            errors.Add("Roles", "You cannot remove your own Unit Administrator role: ask another Unit Administrator");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var currentRoles = await users.GetRolesAsync(user);
        var removeRoles = currentRoles.Except(roles, StringComparer.Ordinal).ToList();
        var addRoles = roles.Except(currentRoles, StringComparer.Ordinal).ToList();
        var newTeams = teamIds.ToHashSet();
        var id = user.Id.ToString();
        var changed = false;

        var displayName = r.DisplayName!.Trim();
        if (displayName != user.DisplayName)
        {
            audit.Record(AuditOperation.Administration, "User", id, detail: $"Name of {user.UserName} changed",
                field: nameof(AppUser.DisplayName), oldValue: user.DisplayName, newValue: displayName);
            user.DisplayName = displayName;
            changed = true;
        }
        var skills = UserInput.Clean(r.Skills);
        if (skills != user.Skills)
        {
            audit.Record(AuditOperation.Administration, "User", id, detail: $"Languages and skills of {user.UserName} changed",
                field: nameof(AppUser.Skills), oldValue: user.Skills, newValue: skills);
            user.Skills = skills;
            changed = true;
        }
        if (removeRoles.Count > 0 || addRoles.Count > 0)
        {
            audit.Record(AuditOperation.Administration, "User", id,
                detail: $"Roles of {user.UserName} changed" +
                        (addRoles.Count > 0 ? $"; given: {UserInput.RoleNames(addRoles)}" : "") +
                        (removeRoles.Count > 0 ? $"; taken away: {UserInput.RoleNames(removeRoles)}" : ""),
                field: "Roles", oldValue: UserInput.RoleNames(currentRoles), newValue: UserInput.RoleNames(roles));
            changed = true;
        }
        if (!newTeams.SetEquals(currentTeams))
        {
            audit.Record(AuditOperation.Administration, "User", id, detail: $"Teams of {user.UserName} changed",
                field: "Teams", oldValue: await UserInput.TeamNamesAsync(db, currentTeams, ct), newValue: await UserInput.TeamNamesAsync(db, newTeams, ct));
            user.Teams.RemoveAll(t => !newTeams.Contains(t.TeamId));
            user.Teams.AddRange(newTeams.Except(currentTeams).Select(t => new UserTeam { UserId = user.Id, TeamId = t }));
            changed = true;
        }
        if (!changed)
        {
            return Result.Ok();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (removeRoles.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removeRoles));
        }
        if (addRoles.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, addRoles));
        }
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            if (updated.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                audit.Clear();
                return Result.Conflict(Result.ChangedBySomeoneElse);
            }
            Check(updated);
        }
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused an administrator's change: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
