using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.Shared;

/// <summary>What the ledger's own pages show about their case: whose it is, its level and status. Null for a case the actor cannot see.</summary>
public sealed record LedgerCaseHeading(Guid Id, string Name, EntitlementLevel Level, CaseStatus Status);

internal sealed class LedgerCases(AppDbContext db)
{
    public async Task<LedgerCaseHeading?> HeadingAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, c.EntitlementLevel, c.Status })
            .SingleOrDefaultAsync(ct);
        return c is null ? null : new LedgerCaseHeading(c.Id, Person.FullName(c.FirstName, c.LastName, c.BusinessName), c.EntitlementLevel, c.Status);
    }
}
