using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>
/// A letter, text message or email sent to the victim from a template: the merged text as it went out, the
/// recipient (the safe number or address of the profile, or the postal address for a letter), and, when the
/// safe-contact profile refused it, the refusal and the officer's reason for sending anyway. Its delivery is the
/// <see cref="OutboxMessage"/> written in the same transaction.
/// </summary>
public sealed class Message
{
    private Message() { }

    public Message(Guid id, Guid organisationId, Guid caseId, Guid personId, MessageTemplate template, string language, string? subject, string body,
        string recipient, string? overrideReason, string? refusalOverridden, Actor actor)
    {
        Id = id;
        OrganisationId = organisationId;
        CaseId = caseId;
        PersonId = personId;
        TemplateId = template.Id;
        TemplateName = template.Name;
        Purpose = template.Purpose;
        Channel = template.Channel;
        Language = language;
        Subject = subject;
        Body = body;
        Recipient = recipient;
        OverrideReason = overrideReason;
        RefusalOverridden = refusalOverridden;
        ById = actor.UserId;
        ByName = actor.Name;
        CreatedAt = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid TemplateId { get; private set; }
    public string TemplateName { get; private set; } = "";
    public MessagePurpose Purpose { get; private set; }
    public ContactChannel Channel { get; private set; }
    public string Language { get; private set; } = "";
    public string? Subject { get; private set; }
    public string Body { get; private set; } = "";

    /// <summary>The phone number, email address, or postal address (lines joined by new lines).</summary>
    public string Recipient { get; private set; } = "";
    public string? OverrideReason { get; private set; }
    public string? RefusalOverridden { get; private set; }

    /// <summary>The Code action the message recorded (and through which it met obligations).</summary>
    public Guid? ActionId { get; set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}

public enum OutboxStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher until <see cref="OutboxMessage.LeaseUntil"/>.</summary>
    Sending,
    Sent,

    /// <summary>An attempt failed; tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Failed,

    /// <summary>Given up: too many attempts, or a failure that trying again cannot mend.</summary>
    Dead,
}

/// <summary>
/// The durable outbox row of a <see cref="Message"/> (ADR 0008): written in the same transaction as the message and
/// the case's timeline line, claimed by one dispatcher at a time (status Sending with a lease, guarded by the Version
/// token), retried with backoff, and given up after a number of attempts. The message id is the idempotency key
/// passed to the sender as its reference. Holds ids and codes only: no personal data.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(Message message)
    {
        Id = Guid.CreateVersion7();
        MessageId = message.Id;
        OrganisationId = message.OrganisationId;
        CaseId = message.CaseId;
        Channel = message.Channel;
        Status = OutboxStatus.Pending;
        CreatedAt = message.CreatedAt;
        NextAttemptAt = message.CreatedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The message, and the idempotency key every sender is given as its reference.</summary>
    public Guid MessageId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public ContactChannel Channel { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? LeaseUntil { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>A code (exception type or provider status), never the provider's text, which may quote the recipient.</summary>
    public string? LastErrorCode { get; private set; }
    public string? Sender { get; private set; }
    public string? ProviderReference { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Version { get; private set; }

    public string IdempotencyKey => MessageId.ToString("D");

    /// <summary>Due for an attempt: waiting and its time has come, or left Sending by a dispatcher whose lease ran out.</summary>
    public bool IsDue(DateTime now) =>
        (Status is OutboxStatus.Pending or OutboxStatus.Failed && NextAttemptAt <= now)
        || (Status == OutboxStatus.Sending && LeaseUntil <= now);

    /// <summary>Takes the row for one attempt until <paramref name="leaseUntil"/>. The caller saves with the Version check.</summary>
    public void Claim(DateTime now, DateTime leaseUntil)
    {
        if (!IsDue(now))
        {
            throw new InvalidOperationException("Only a due outbox row can be claimed.");
        }
        Status = OutboxStatus.Sending;
        Attempts++;
        LastAttemptAt = now;
        LeaseUntil = leaseUntil;
    }

    public void Delivered(DateTime now, string sender, string providerReference)
    {
        Status = OutboxStatus.Sent;
        Sender = sender;
        ProviderReference = providerReference;
        SentAt = now;
        LeaseUntil = null;
        LastErrorCode = null;
    }

    /// <summary>An attempt failed: tried again after a backoff, or given up (dead) after <paramref name="maxAttempts"/> or a permanent failure.</summary>
    public void AttemptFailed(DateTime now, string sender, string errorCode, bool permanent, int maxAttempts)
    {
        Sender = sender;
        LastErrorCode = errorCode.Length > 100 ? errorCode[..100] : errorCode;
        LeaseUntil = null;
        if (permanent || Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Dead;
            return;
        }
        Status = OutboxStatus.Failed;
        NextAttemptAt = now + Backoff(Attempts);
    }

    /// <summary>A dead message put back in the queue by an administrator: a fresh run of attempts.</summary>
    public void Requeue(DateTime now)
    {
        if (Status != OutboxStatus.Dead)
        {
            throw new InvalidOperationException("Only a message given up on can be put back in the queue.");
        }
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>1, 2, 4, 8... minutes after the attempts so far, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));
}
