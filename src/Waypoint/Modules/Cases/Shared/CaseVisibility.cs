using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.Shared;

/// <summary>
/// The one rule for who sees a case, as a query filter so lists, searches, counts and single reads agree:
/// own organisation or a granted force; narrowed to own teams where the organisation is team-scoped;
/// restricted cases only for named users and live break-glass grants.
/// </summary>
public static class CaseVisibility
{
    public static IQueryable<VictimCase> VisibleTo(this IQueryable<VictimCase> cases, Actor actor, bool ignoreRestriction = false)
    {
        if (!actor.CanReadCases)
        {
            return cases.Where(c => false);
        }
        var org = actor.OrganisationId;
        var forces = actor.GrantedForceIds.ToList();
        var q = forces.Count == 0
            ? cases.Where(c => c.OrganisationId == org)
            : cases.Where(c => c.OrganisationId == org || (c.Crime.ForceOrganisationId != null && forces.Contains(c.Crime.ForceOrganisationId.Value)));
        var userId = actor.UserId;
        if (actor.LimitedToTeams)
        {
            var teams = actor.TeamIds.ToList();
            q = q.Where(c => c.TeamId == null || teams.Contains(c.TeamId.Value) || c.AllocatedOfficerId == userId);
        }
        if (ignoreRestriction)
        {
            return q;
        }
        if (userId is null)
        {
            return q.Where(c => !c.Restricted);
        }
        var now = actor.Now;
        return q.Where(c => !c.Restricted
            || c.NamedUsers.Any(n => n.UserId == userId)
            || c.BreakGlass.Any(g => g.UserId == userId && g.ExpiresAt > now));
    }

    /// <summary>
    /// The restricted cases the actor may not see (not named on them, no live break-glass grant). For lists that
    /// already stand within the actor's organisation and teams (worklists by owner), this is all that is left of the
    /// rule, and an anti-join on the few restricted cases is far cheaper than checking every row against
    /// <see cref="VisibleTo"/>.
    /// </summary>
    public static IQueryable<VictimCase> HiddenRestricted(this IQueryable<VictimCase> cases, Actor actor)
    {
        var userId = actor.UserId;
        var now = actor.Now;
        return userId is null
            ? cases.Where(c => c.Restricted)
            : cases.Where(c => c.Restricted
                && !c.NamedUsers.Any(n => n.UserId == userId)
                && !c.BreakGlass.Any(g => g.UserId == userId && g.ExpiresAt > now));
    }

    /// <summary>
    /// The case, tracked, for a handler about to change it; or why not: not found when the actor may not see it (so a
    /// user never learns it exists), forbidden when they may see but not write cases.
    /// </summary>
    public static async Task<(VictimCase? Case, ResultFailure Refused)> ForChangeAsync(this IQueryable<VictimCase> cases, Guid caseId, Actor actor, CancellationToken ct)
    {
        var victimCase = await cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return (null, Fail.NotFound);
        }
        return actor.CanWriteCases ? (victimCase, default) : (null, Fail.Forbidden);
    }
}
