using Waypoint.Platform.Security;

namespace Waypoint.Platform.Auditing;

/// <summary>
/// The request's audit context: who is acting, the correlation id, and the entries waiting to be written.
/// Entries are written by AppDbContext.SaveChanges in the same transaction as the change they describe.
/// </summary>
public sealed class AuditScope
{
    private readonly List<AuditEvent> _pending = [];

    public Actor? Actor { get; set; }
    public string? CorrelationId { get; set; }

    internal IReadOnlyList<AuditEvent> Pending => _pending;

    internal void Clear() => _pending.Clear();

    public void Add(AuditEvent e) => _pending.Add(e);

    /// <summary>An event attributed to the current actor (or to the system when there is none).</summary>
    public void Record(
        AuditOperation operation,
        string? recordType = null,
        string? recordId = null,
        Guid? personId = null,
        string? detail = null,
        string? recipient = null,
        string? field = null,
        string? oldValue = null,
        string? newValue = null) =>
        Add(new AuditEvent(
            operation,
            Actor?.UserId,
            Actor?.Name ?? "system",
            Actor?.OrganisationId,
            Actor?.Channel ?? "system",
            recordType,
            recordId,
            personId,
            field,
            oldValue,
            newValue,
            recipient,
            detail));
}
