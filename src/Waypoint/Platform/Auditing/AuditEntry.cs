namespace Waypoint.Platform.Auditing;

/// <summary>The kinds of entry in the data-protection log (DPA 2018 s.62) and the security events kept beside them.</summary>
public enum AuditOperation
{
    Consultation,
    Collection,
    Alteration,
    Disclosure,
    Combination,
    Erasure,
    SignIn,
    SignInFailed,
    SignOut,
    Administration,
    BreakGlass,
}

/// <summary>
/// One append-only, hash-chained entry. <see cref="Hash"/> covers every other field and the previous entry's hash,
/// so altering or removing any entry breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(AuditEvent e, DateTime occurredAt, string? correlationId)
    {
        Id = Guid.CreateVersion7();
        // PostgreSQL keeps microseconds; truncate so the hash is the same after a round trip on either provider.
        OccurredAt = new DateTime(occurredAt.Ticks - (occurredAt.Ticks % 10), DateTimeKind.Utc);
        Operation = e.Operation;
        UserId = e.UserId;
        UserName = Cap(e.UserName, 256) ?? "";
        OrganisationId = e.OrganisationId;
        RecordType = Cap(e.RecordType, 64);
        RecordId = Cap(e.RecordId, 64);
        PersonId = e.PersonId;
        Field = Cap(e.Field, 128);
        OldValue = Cap(e.OldValue, 4000);
        NewValue = Cap(e.NewValue, 4000);
        Recipient = Cap(e.Recipient, 400);
        Detail = Cap(e.Detail, 4000);
        Channel = Cap(e.Channel, 16) ?? "";
        CorrelationId = Cap(correlationId, 64);
    }

    public Guid Id { get; private set; }

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; internal set; }
    public DateTime OccurredAt { get; private set; }
    public AuditOperation Operation { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public Guid? OrganisationId { get; private set; }
    public string? RecordType { get; private set; }
    public string? RecordId { get; private set; }

    /// <summary>The data subject the record is about, so an auditor can find everything touching one person.</summary>
    public Guid? PersonId { get; private set; }
    public string? Field { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
    public string? Recipient { get; private set; }
    public string? Detail { get; private set; }
    public string Channel { get; private set; } = "";
    public string? CorrelationId { get; private set; }
    public string PreviousHash { get; internal set; } = "";
    public string Hash { get; internal set; } = "";

    private static string? Cap(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>What a caller asks to log; the log adds time, correlation and chain.</summary>
public sealed record AuditEvent(
    AuditOperation Operation,
    Guid? UserId,
    string UserName,
    Guid? OrganisationId,
    string Channel,
    string? RecordType = null,
    string? RecordId = null,
    Guid? PersonId = null,
    string? Field = null,
    string? OldValue = null,
    string? NewValue = null,
    string? Recipient = null,
    string? Detail = null);

/// <summary>The last link of the chain, kept apart so that removing the newest entries is detected too.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
}
