using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Oversight.VerifyAuditLog;

/// <summary>
/// Checking the whole hash chain. The chain is one for the whole service, so this is not narrowed to an
/// organisation; only auditors may run it, and each run is logged with its outcome.
/// </summary>
internal sealed class VerifyAuditLogHandler(AuditVerifier verifier, AppDbContext db, AuditScope audit)
{
    public async Task<Result<AuditVerification>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.Auditor))
        {
            return Fail.Forbidden;
        }
        var verification = await verifier.VerifyAsync(ct);
        audit.Record(AuditOperation.Administration, "AuditLog", null, detail: "Verified the audit log chain: " + verification.Describe());
        await db.SaveChangesAsync(ct);
        return Result<AuditVerification>.Ok(verification);
    }
}
