using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.Validation;

/// <summary>
/// The configured police forces by code, and the ones the sending organisation may send records for: itself
/// (when it is a force) and the forces it has been granted.
/// </summary>
internal sealed class ForceDirectory
{
    private readonly Dictionary<string, Guid> _forces;
    private readonly HashSet<Guid> _allowed;

    private ForceDirectory(Dictionary<string, Guid> forces, HashSet<Guid> allowed)
    {
        _forces = forces;
        _allowed = allowed;
    }

    public static async Task<ForceDirectory> LoadAsync(AppDbContext db, Guid organisationId, IEnumerable<Guid> grantedForceIds, CancellationToken ct)
    {
        var forces = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.PoliceForce)
            .Select(o => new { o.Code, o.Id }).ToListAsync(ct);
        return new ForceDirectory(
            forces.ToDictionary(f => f.Code, f => f.Id, StringComparer.OrdinalIgnoreCase),
            [organisationId, .. grantedForceIds]);
    }

    /// <summary>The force's id and normalised code, or null with the reason added to <paramref name="check"/>.</summary>
    public (Guid Id, string Code)? Check(RowCheck check, string? code)
    {
        if (code is null)
        {
            return null;
        }
        var normalised = Organisation.NormaliseCode(code);
        if (!_forces.TryGetValue(normalised, out var id))
        {
            check.Fail($"force_code '{code}' is not a configured force");
            return null;
        }
        if (!_allowed.Contains(id))
        {
            check.Fail($"force_code '{code}' is not a force your organisation may send records for");
            return null;
        }
        return (id, normalised);
    }
}
