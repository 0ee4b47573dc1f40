using System.Globalization;
using System.Text.RegularExpressions;
using Notify.Client;
using Notify.Exceptions;
using Waypoint.Modules.Care.Domain;

namespace Waypoint.Modules.Care.Messages.Senders;

/// <summary>
/// GOV.UK Notify through its official .NET client. Each channel goes through one Notify template carrying
/// ((subject)) and ((body)); the message id is Notify's <c>reference</c>, so <see cref="FindAsync"/> can ask Notify
/// whether a message was already accepted before it is sent again. Errors are kept as codes: Notify's text can quote
/// the phone number or address.
/// </summary>
public sealed partial class NotifySender : IMessageSender
{
    private readonly NotifySenderOptions _options;
    private readonly NotificationClient _client;

    public NotifySender(NotifySenderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("Waypoint:Messages:Sender is Notify but Waypoint:Messages:Notify:ApiKey is not set.");
        }
        _options = options;
        _client = new NotificationClient(options.ApiKey);
    }

    public string Name => "Notify";

    [GeneratedRegex(@"Status code (\d{3})")]
    private static partial Regex StatusCode();

    public async Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var m = message;
        var personalisation = new Dictionary<string, dynamic>
        {
            ["subject"] = m.Subject ?? "",
            ["body"] = m.Body,
        };
        var reference = m.MessageId.ToString("D");
        try
        {
            switch (m.Channel)
            {
                case ContactChannel.Email:
                    return new SendReceipt((await _client.SendEmailAsync(m.Recipient, Template(_options.EmailTemplateId, "Email"), personalisation, reference)).id);
                case ContactChannel.TextMessage:
                    return new SendReceipt((await _client.SendSmsAsync(m.Recipient, Template(_options.SmsTemplateId, "Sms"), personalisation, reference)).id);
                case ContactChannel.Letter:
                    var lines = m.Recipient.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(7).ToList();
                    for (var i = 0; i < lines.Count; i++)
                    {
                        personalisation[$"address_line_{(i + 1).ToString(CultureInfo.InvariantCulture)}"] = lines[i];
                    }
                    return new SendReceipt((await _client.SendLetterAsync(Template(_options.LetterTemplateId, "Letter"), personalisation, reference)).id);
                default:
                    throw new MessageSendException("channel-not-supported", permanent: true);
            }
        }
        catch (NotifyClientException e)
        {
            throw Classified(e);
        }
        catch (HttpRequestException e)
        {
            throw new MessageSendException("notify-unreachable", permanent: false, e);
        }
    }

    public async Task<SendReceipt?> FindAsync(Guid messageId, ContactChannel channel, CancellationToken ct)
    {
        var type = channel switch
        {
            ContactChannel.Email => "email",
            ContactChannel.TextMessage => "sms",
            ContactChannel.Letter => "letter",
            _ => "",
        };
        try
        {
            var list = await _client.GetNotificationsAsync(type, "", messageId.ToString("D"));
            return list.notifications.FirstOrDefault() is { } found ? new SendReceipt(found.id) : null;
        }
        catch (NotifyClientException e)
        {
            throw Classified(e);
        }
    }

    private static MessageSendException Classified(NotifyClientException e)
    {
        var status = StatusCode().Match(e.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        // 400 (a bad number or address) and 403 (a bad key) will fail the same way again; 429 and 5xx may not.
        return new MessageSendException(status == 0 ? "notify-error" : $"notify-{status.ToString(CultureInfo.InvariantCulture)}", permanent: status is 400 or 403, e);
    }

    private static string Template(string? id, string channel) =>
        string.IsNullOrWhiteSpace(id) ? throw new MessageSendException($"notify-no-{channel.ToLowerInvariant()}-template", permanent: true) : id;
}
