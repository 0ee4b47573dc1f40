using Microsoft.AspNetCore.Identity;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users.CreateUser;

/// <summary>
/// Adding a person to the administrator's organisation. They get a temporary password, shown to the administrator
/// once, which they must change when they first sign in; administrators and auditors also set up two-factor then.
/// </summary>
public sealed class CreateUserRequest
{
    public string? DisplayName { get; set; }
    public string? UserName { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<Guid> TeamIds { get; set; } = [];
    public string? Skills { get; set; }
}

/// <summary>The new user and their temporary password: the only time the password is given out.</summary>
public sealed record CreatedUser(Guid Id, string UserName, string DisplayName, string TemporaryPassword);

internal sealed class CreateUserHandler(AppDbContext db, UserManager<AppUser> users, AuditScope audit)
{
    public async Task<Result<CreatedUser>> HandleAsync(CreateUserRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        UserInput.DisplayName(errors, r.DisplayName);
        UserInput.UserName(errors, r.UserName);
        var roles = UserInput.ValidRoles(errors, r.Roles);
        var teamIds = await UserInput.TeamsAsync(errors, db, actor.OrganisationId, r.TeamIds, [], ct);
        UserInput.Skills(errors, r.Skills);
        if (!errors.Any && await users.FindByNameAsync(r.UserName!.Trim()) is not null)
        {
            errors.Add("UserName", "That username is already taken: choose another");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var password = OrganisationBootstrap.NewTemporaryPassword();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = r.UserName!.Trim(),
            DisplayName = r.DisplayName!.Trim(),
            OrganisationId = actor.OrganisationId,
            Skills = UserInput.Clean(r.Skills),
            CreatedAt = actor.Now,
            MustChangePassword = true,
            Teams = teamIds.Select(t => new UserTeam { TeamId = t }).ToList(),
        };
        var teamNames = await UserInput.TeamNamesAsync(db, teamIds, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        audit.Record(AuditOperation.Administration, "User", user.Id.ToString(),
            detail: $"User {user.UserName} ({user.DisplayName}) created with a temporary password they must change at first sign-in; teams: {teamNames}",
            field: "Roles", newValue: UserInput.RoleNames(roles));
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            audit.Clear();
            return Fail.Rejected("UserName", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException("Could not give the new user their roles: " + string.Join("; ", added.Errors.Select(e => e.Code)));
        }
        await tx.CommitAsync(ct);
        return Result<CreatedUser>.Created(new CreatedUser(user.Id, user.UserName, user.DisplayName, password));
    }
}
