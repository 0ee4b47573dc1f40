using Waypoint.Modules.Care.Domain;

namespace Waypoint.Modules.Care.Messages.Senders;

/// <summary>What a sender is given: the message id (its idempotency key and reference), channel, recipient and text.</summary>
public sealed record OutgoingMessage(Guid MessageId, ContactChannel Channel, string Recipient, string? Subject, string Body, string Language, DateTime CreatedAt);

/// <summary>The provider's reference for a message it accepted.</summary>
public sealed record SendReceipt(string ProviderReference);

/// <summary>
/// A sender refused or failed a message. <see cref="Code"/> is safe to log and store (no personal data);
/// <see cref="Permanent"/> says trying again cannot help (an invalid number, a channel the sender cannot carry).
/// </summary>
public sealed class MessageSendException(string code, bool permanent, Exception? inner = null)
    : Exception($"The message could not be sent ({code}).", inner)
{
    public string Code { get; } = code;
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Where messages go (Waypoint:Messages:Sender): a local folder (the embedded default), GOV.UK Notify, or SMTP.
/// The outbox dispatcher calls it for a message it has claimed; the message id is passed as the provider's
/// reference so that a message sent again after a crash can be recognised (ADR 0008).
/// </summary>
public interface IMessageSender
{
    /// <summary>A short name stored on the outbox row and in the audit entry: Folder, Notify, Smtp.</summary>
    string Name { get; }

    /// <summary>Sends the message; throws <see cref="MessageSendException"/> (or any exception, taken as temporary) when it cannot.</summary>
    Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken ct);

    /// <summary>
    /// The receipt of a message the provider already accepted under this message id, or null when it has none or
    /// cannot tell. Asked before any retry, so a message sent by a dispatcher that crashed before recording it is
    /// not sent again.
    /// </summary>
    Task<SendReceipt?> FindAsync(Guid messageId, ContactChannel channel, CancellationToken ct);
}
