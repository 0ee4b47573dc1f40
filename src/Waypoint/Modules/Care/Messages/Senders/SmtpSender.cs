using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Waypoint.Modules.Care.Domain;

namespace Waypoint.Modules.Care.Messages.Senders;

/// <summary>
/// Emails through an SMTP server (MailKit). Letters and text messages are refused as permanent failures. SMTP cannot
/// be asked what it has already accepted, so <see cref="FindAsync"/> knows nothing; the message id is the email's
/// Message-ID instead, by which a receiving server or mail client recognises a copy sent again (ADR 0008).
/// </summary>
public sealed class SmtpSender(SmtpSenderOptions options) : IMessageSender
{
    public string Name => "Smtp";

    public async Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var m = message;
        if (m.Channel != ContactChannel.Email)
        {
            throw new MessageSendException("smtp-channel-not-supported", permanent: true);
        }
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new MessageSendException("smtp-no-host", permanent: true);
        }
        using var email = new MimeMessage();
        email.From.Add(MailboxAddress.Parse(options.From));
        if (!MailboxAddress.TryParse(m.Recipient, out var to))
        {
            throw new MessageSendException("smtp-bad-address", permanent: true);
        }
        email.To.Add(to);
        email.Subject = m.Subject ?? "";
        email.MessageId = $"{m.MessageId:D}@waypoint";
        email.Body = new TextPart("plain") { Text = m.Body };
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.UseTls ? SecureSocketOptions.Auto : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
            await client.SendAsync(email, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException e)
        {
            throw new MessageSendException($"smtp-{(int)e.StatusCode}", permanent: e.ErrorCode == SmtpErrorCode.RecipientNotAccepted, e);
        }
        catch (AuthenticationException e)
        {
            throw new MessageSendException("smtp-authentication", permanent: false, e);
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException)
        {
            throw new MessageSendException("smtp-unreachable", permanent: false, e);
        }
        return new SendReceipt(email.MessageId);
    }

    public Task<SendReceipt?> FindAsync(Guid messageId, ContactChannel channel, CancellationToken ct) => Task.FromResult<SendReceipt?>(null);
}
