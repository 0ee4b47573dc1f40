using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.Directory;

/// <summary>A service of the organisation's directory.</summary>
public sealed record ServiceRow(Guid Id, string Name, string ServiceType, string? Area, string? Eligibility, string? HowToRefer,
    string? ReferralEmail, string? Phone, bool Commissioned, bool Active, int Version);

/// <summary>Adding or editing a service of the directory.</summary>
public sealed class ServiceRequest
{
    public string? Name { get; set; }
    public string? ServiceType { get; set; }
    public string? Area { get; set; }
    public string? Eligibility { get; set; }
    public string? HowToRefer { get; set; }
    public string? ReferralEmail { get; set; }
    public string? Phone { get; set; }
    public bool Commissioned { get; set; }

    /// <summary>The service's version as read, when editing: someone else's change in between is a conflict.</summary>
    public int? Version { get; set; }
}

public sealed record SavedService(Guid Id, string Name);

/// <summary>
/// The services directory: Unit Administrators add, edit, withdraw and reinstate services (each change audited as
/// Administration); everyone who reads cases may list them.
/// </summary>
internal sealed class ServicesHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<IReadOnlyList<ServiceRow>>> ListAsync(Actor actor, string? search, bool includeWithdrawn, CancellationToken ct)
    {
        if (!actor.CanReadCases && !actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var rows = await Query(actor, null, includeWithdrawn).ToListAsync(ct);
        var term = search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            rows = rows.Where(s => Contains(s.Name, term) || Contains(s.ServiceType, term) || Contains(s.Area, term)).ToList();
        }
        return Result<IReadOnlyList<ServiceRow>>.Ok(rows.OrderBy(s => !s.Active).ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).ToList());
    }

    public async Task<Result<ServiceRow>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (!actor.CanReadCases && !actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var row = await Query(actor, id, true).SingleOrDefaultAsync(ct);
        return row is null ? Fail.NotFound : Result<ServiceRow>.Ok(row);
    }

    public async Task<Result<SavedService>> CreateAsync(ServiceRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        if (await ValidateAsync(r, null, actor, ct) is { } failure)
        {
            return failure;
        }
        var service = new SupportService(actor.OrganisationId, r.Name!, actor.Now);
        Apply(service, r);
        db.SupportServices.Add(service);
        audit.Record(AuditOperation.Administration, "SupportService", service.Id.ToString(),
            detail: $"Service '{service.Name}' ({service.ServiceType}) added to the directory", field: nameof(SupportService.Name), newValue: service.Name);
        await db.SaveChangesAsync(ct);
        return Result<SavedService>.Created(new SavedService(service.Id, service.Name));
    }

    public async Task<Result<SavedService>> UpdateAsync(Guid id, ServiceRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var service = await db.SupportServices.SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == actor.OrganisationId, ct);
        if (service is null)
        {
            return Fail.NotFound;
        }
        if (r.Version is { } version && version != service.Version)
        {
            return Fail.Conflict;
        }
        if (await ValidateAsync(r, id, actor, ct) is { } failure)
        {
            return failure;
        }
        var before = Describe(service);
        service.Name = r.Name!.Trim();
        Apply(service, r);
        var after = Describe(service);
        if (before != after)
        {
            audit.Record(AuditOperation.Administration, "SupportService", service.Id.ToString(),
                detail: $"Service '{service.Name}' edited", oldValue: before, newValue: after);
        }
        return await SaveAsync(new SavedService(service.Id, service.Name), ct);
    }

    public async Task<Result<SavedService>> SetActiveAsync(Guid id, bool active, int? version, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var service = await db.SupportServices.SingleOrDefaultAsync(s => s.Id == id && s.OrganisationId == actor.OrganisationId, ct);
        if (service is null)
        {
            return Fail.NotFound;
        }
        if (version is { } v && v != service.Version)
        {
            return Fail.Conflict;
        }
        if (service.Active != active)
        {
            service.Active = active;
            audit.Record(AuditOperation.Administration, "SupportService", service.Id.ToString(),
                detail: active ? $"Service '{service.Name}' reinstated" : $"Service '{service.Name}' withdrawn: no new referrals",
                field: nameof(SupportService.Active), oldValue: AdminAccess.YesNo(!active), newValue: AdminAccess.YesNo(active));
        }
        return await SaveAsync(new SavedService(service.Id, service.Name), ct);
    }

    private IQueryable<ServiceRow> Query(Actor actor, Guid? id, bool includeWithdrawn)
    {
        var orgId = actor.OrganisationId;
        var services = db.SupportServices.AsNoTracking().Where(s => s.OrganisationId == orgId);
        if (id is { } only)
        {
            services = services.Where(s => s.Id == only);
        }
        if (!includeWithdrawn)
        {
            services = services.Where(s => s.Active);
        }
        return services
            .Select(s => new ServiceRow(s.Id, s.Name, s.ServiceType, s.Area, s.Eligibility, s.HowToRefer, s.ReferralEmail, s.Phone, s.Commissioned, s.Active, s.Version));
    }

    private static bool Contains(string? text, string term) => text is not null && text.Contains(term, StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Apply(SupportService service, ServiceRequest r)
    {
        service.ServiceType = r.ServiceType!.Trim();
        service.Area = Clean(r.Area);
        service.Eligibility = Clean(r.Eligibility);
        service.HowToRefer = Clean(r.HowToRefer);
        service.ReferralEmail = Clean(r.ReferralEmail);
        service.Phone = Clean(r.Phone);
        service.Commissioned = r.Commissioned;
    }

    private static string Describe(SupportService s) =>
        $"{s.Name}; type {s.ServiceType}; area {s.Area ?? "-"}; email {s.ReferralEmail ?? "-"}; phone {s.Phone ?? "-"}; commissioned {AdminAccess.YesNo(s.Commissioned)}; " +
        $"eligibility {(s.Eligibility is null ? "-" : "set")}; how to refer {(s.HowToRefer is null ? "-" : "set")}";

    private async Task<ResultFailure?> ValidateAsync(ServiceRequest r, Guid? except, Actor actor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required(r.Name, nameof(r.Name), "Enter the service's name");
        errors.MaxLength(r.Name, 200, nameof(r.Name), "The service's name");
        errors.Required(r.ServiceType, nameof(r.ServiceType), "Enter the type of service");
        errors.MaxLength(r.ServiceType, 100, nameof(r.ServiceType), "The type of service");
        errors.MaxLength(r.Area, 200, nameof(r.Area), "The area");
        errors.MaxLength(r.Eligibility, 1000, nameof(r.Eligibility), "Who it is for");
        errors.MaxLength(r.HowToRefer, 1000, nameof(r.HowToRefer), "How to refer");
        errors.MaxLength(r.ReferralEmail, 254, nameof(r.ReferralEmail), "The referral email address");
        errors.MaxLength(r.Phone, 40, nameof(r.Phone), "The phone number");
        errors.Email(r.ReferralEmail, nameof(r.ReferralEmail));
        if (!string.IsNullOrWhiteSpace(r.Name))
        {
            var trimmed = r.Name.Trim();
            var names = await db.SupportServices.AsNoTracking()
                .Where(s => s.OrganisationId == actor.OrganisationId && s.Id != except).Select(s => s.Name).ToListAsync(ct);
            if (names.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(nameof(r.Name), $"There is already a service called {trimmed}: choose another name");
            }
        }
        return errors.Any ? errors.ToFailure() : null;
    }

    private async Task<Result<SavedService>> SaveAsync(SavedService saved, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<SavedService>.Ok(saved);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
    }
}
