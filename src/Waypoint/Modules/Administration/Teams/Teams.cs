using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Teams;

/// <summary>A team of the administrator's organisation with how many active users are in it.</summary>
public sealed record TeamRow(Guid Id, string Name, bool Archived, int Members, DateTime CreatedAt, int Version);

public sealed class TeamRequest
{
    public string? Name { get; set; }

    /// <summary>The team's version as read, when renaming: someone else's change in between is a conflict.</summary>
    public int? Version { get; set; }
}

public sealed record CreatedTeam(Guid Id, string Name);

/// <summary>Listing, creating, renaming, archiving and restoring teams. Archived teams keep their members and cases but take no new work.</summary>
internal sealed class TeamsHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<IReadOnlyList<TeamRow>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var teams = await Query(actor, null).ToListAsync(ct);
        return Result<IReadOnlyList<TeamRow>>.Ok(teams.OrderBy(t => t.Archived).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToList());
    }

    public async Task<Result<TeamRow>> GetAsync(Guid teamId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var team = await Query(actor, teamId).SingleOrDefaultAsync(ct);
        return team is null ? Fail.NotFound : Result<TeamRow>.Ok(team);
    }

    public async Task<Result<CreatedTeam>> CreateAsync(TeamRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        if (await NameProblemAsync(r.Name, null, actor, ct) is { } problem)
        {
            return Fail.Rejected(nameof(r.Name), problem);
        }
        var team = new Team(actor.OrganisationId, r.Name!, actor.Now);
        db.Teams.Add(team);
        audit.Record(AuditOperation.Administration, "Team", team.Id.ToString(), detail: $"Team '{team.Name}' created",
            field: nameof(Team.Name), newValue: team.Name);
        await db.SaveChangesAsync(ct);
        return Result<CreatedTeam>.Created(new CreatedTeam(team.Id, team.Name));
    }

    public async Task<Result> RenameAsync(Guid teamId, TeamRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId && t.OrganisationId == actor.OrganisationId, ct);
        if (team is null)
        {
            return Result.NotFound();
        }
        if (r.Version is { } version && version != team.Version)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        if (await NameProblemAsync(r.Name, team.Id, actor, ct) is { } problem)
        {
            return Result.Rejected(nameof(r.Name), problem);
        }
        var before = team.Name;
        var renamed = team.Rename(r.Name!);
        if (!renamed.Succeeded)
        {
            return renamed;
        }
        if (team.Name == before)
        {
            return Result.Ok();
        }
        audit.Record(AuditOperation.Administration, "Team", team.Id.ToString(), detail: $"Team '{before}' renamed '{team.Name}'",
            field: nameof(Team.Name), oldValue: before, newValue: team.Name);
        return await SaveAsync(ct);
    }

    public async Task<Result> SetArchivedAsync(Guid teamId, bool archived, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId && t.OrganisationId == actor.OrganisationId, ct);
        if (team is null)
        {
            return Result.NotFound();
        }
        if (team.Archived == archived)
        {
            return Result.Ok();
        }
        team.SetArchived(archived);
        audit.Record(AuditOperation.Administration, "Team", team.Id.ToString(),
            detail: archived ? $"Team '{team.Name}' archived: it takes no new work" : $"Team '{team.Name}' restored",
            field: nameof(Team.Archived), oldValue: AdminAccess.YesNo(!archived), newValue: AdminAccess.YesNo(archived));
        return await SaveAsync(ct);
    }

    private IQueryable<TeamRow> Query(Actor actor, Guid? teamId)
    {
        var orgId = actor.OrganisationId;
        var teams = db.Teams.AsNoTracking().Where(t => t.OrganisationId == orgId);
        if (teamId is { } id)
        {
            teams = teams.Where(t => t.Id == id);
        }
        return teams
            .Select(t => new TeamRow(t.Id, t.Name, t.Archived,
                db.UserTeams.Count(ut => ut.TeamId == t.Id && db.Users.Any(u => u.Id == ut.UserId && !u.Disabled)),
                t.CreatedAt, t.Version));
    }

    private async Task<string?> NameProblemAsync(string? name, Guid? except, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Enter the team's name";
        }
        var trimmed = name.Trim();
        if (trimmed.Length > 200)
        {
            return "The team's name must be 200 characters or fewer";
        }
        var names = await db.Teams.AsNoTracking()
            .Where(t => t.OrganisationId == actor.OrganisationId && t.Id != except)
            .Select(t => t.Name)
            .ToListAsync(ct);
        return names.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase))
            ? $"There is already a team called {trimmed}: choose another name"
            : null;
    }

    private async Task<Result> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
    }
}
