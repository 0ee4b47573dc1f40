using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.ForceAccess;

/// <summary>A grant between a police force and an organisation that may see the force's records.</summary>
public sealed record GrantRow(Guid Id, Guid OrganisationId, string OrganisationCode, string OrganisationName, OrganisationType OrganisationType, DateTime GrantedAt, string? GrantedBy);

public sealed record ForceAccessOverview(bool CanGrant, IReadOnlyList<GrantRow> Given, IReadOnlyList<GrantRow> Received, IReadOnlyList<GranteeOption> Candidates);

public sealed record GranteeOption(Guid Id, string Code, string Name, OrganisationType Type);

public sealed class GrantAccessRequest
{
    public Guid? GranteeOrganisationId { get; set; }
}

/// <summary>
/// A police force's administrator lets a regional unit, victim hub or witness care unit see the force's records,
/// and takes that back. Only police forces grant; every organisation sees the grants it has received.
/// </summary>
internal sealed class ForceAccessHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<ForceAccessOverview>> OverviewAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var org = await OwnOrganisationAsync(actor, ct);
        var orgId = actor.OrganisationId;
        var given = await (from g in db.ForceAccessGrants.AsNoTracking()
                           join o in db.Organisations on g.GranteeOrganisationId equals o.Id
                           where g.ForceOrganisationId == orgId
                           orderby o.Name
                           select new GrantRow(g.Id, o.Id, o.Code, o.Name, o.Type, g.GrantedAt,
                               db.Users.Where(u => u.Id == g.GrantedByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
        var received = await (from g in db.ForceAccessGrants.AsNoTracking()
                              join o in db.Organisations on g.ForceOrganisationId equals o.Id
                              where g.GranteeOrganisationId == orgId
                              orderby o.Name
                              select new GrantRow(g.Id, o.Id, o.Code, o.Name, o.Type, g.GrantedAt, null))
            .ToListAsync(ct);
        var canGrant = org.Type == OrganisationType.PoliceForce;
        IReadOnlyList<GranteeOption> candidates = [];
        if (canGrant)
        {
            var already = given.Select(g => g.OrganisationId).ToList();
            candidates = await db.Organisations.AsNoTracking()
                .Where(o => o.Id != orgId && o.Type != OrganisationType.PoliceForce && !already.Contains(o.Id))
                .OrderBy(o => o.Name)
                .Select(o => new GranteeOption(o.Id, o.Code, o.Name, o.Type))
                .ToListAsync(ct);
        }
        return Result<ForceAccessOverview>.Ok(new ForceAccessOverview(canGrant, given, received, candidates));
    }

    public async Task<Result> GrantAsync(GrantAccessRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var force = await OwnOrganisationAsync(actor, ct);
        if (force.Type != OrganisationType.PoliceForce)
        {
            return Result.Forbidden("Only a police force can give another organisation access to its records.");
        }
        if (r.GranteeOrganisationId is not { } granteeId)
        {
            return Result.Rejected(nameof(r.GranteeOrganisationId), "Select the organisation to give access to");
        }
        var grantee = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == granteeId, ct);
        if (grantee is null || grantee.Id == force.Id || grantee.Type == OrganisationType.PoliceForce)
        {
            return Result.Rejected(nameof(r.GranteeOrganisationId), "Select a regional unit, victim hub or witness care unit from the list");
        }
        if (await db.ForceAccessGrants.AnyAsync(g => g.ForceOrganisationId == force.Id && g.GranteeOrganisationId == granteeId, ct))
        {
            return Result.Rejected(nameof(r.GranteeOrganisationId), $"{grantee.Name} already has access to {force.Name}'s records");
        }
        var grant = new ForceAccessGrant(grantee.Id, force.Id, actor.UserId!.Value, actor.Now);
        db.ForceAccessGrants.Add(grant);
        audit.Record(AuditOperation.Administration, "ForceAccessGrant", grant.Id.ToString(),
            detail: $"{grantee.Name} ({grantee.Code}) given access to {force.Name} ({force.Code}) records",
            recipient: $"{grantee.Name} ({grantee.Code})");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> RevokeAsync(Guid grantId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        var grant = await db.ForceAccessGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.ForceOrganisationId == actor.OrganisationId, ct);
        if (grant is null)
        {
            return Result.NotFound();
        }
        var grantee = await db.Organisations.AsNoTracking().Where(o => o.Id == grant.GranteeOrganisationId).Select(o => new { o.Name, o.Code }).SingleAsync(ct);
        db.ForceAccessGrants.Remove(grant);
        audit.Record(AuditOperation.Administration, "ForceAccessGrant", grant.Id.ToString(),
            detail: $"Access of {grantee.Name} ({grantee.Code}) to {actor.OrganisationName} ({actor.OrganisationCode}) records revoked",
            recipient: $"{grantee.Name} ({grantee.Code})");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private async Task<Organisation> OwnOrganisationAsync(Actor actor, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
}
