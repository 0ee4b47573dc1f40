using System.Globalization;
using System.Net;
using System.Text;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Calendar;

namespace Waypoint.Modules.Care.Messages.Senders;

/// <summary>
/// The embedded default: each message becomes a file named by its message id under the configured folder, in a
/// folder per channel (letters as printable HTML, text messages and emails as text). Written to a temporary file and
/// moved into place, so a file is whole or absent, and a message sent again overwrites its own file rather than
/// making a second one: the file name is the idempotency key.
/// </summary>
public sealed class FolderSender(string root) : IMessageSender
{
    public string Name => "Folder";

    public string Root { get; } = root;

    public static string FileFor(string root, Guid messageId, ContactChannel channel) =>
        Path.Combine(root, Folder(channel), messageId.ToString("D") + (channel == ContactChannel.Letter ? ".html" : ".txt"));

    private static string Folder(ContactChannel channel) => channel switch
    {
        ContactChannel.Letter => "letters",
        ContactChannel.TextMessage => "sms",
        ContactChannel.Email => "email",
        _ => throw new MessageSendException("channel-not-supported", permanent: true),
    };

    public async Task<SendReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var file = FileFor(Root, message.MessageId, message.Channel);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var content = message.Channel == ContactChannel.Letter ? LetterHtml(message) : Text(message);
        var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temp, content, Encoding.UTF8, ct);
            File.Move(temp, file, overwrite: true);
        }
        catch (IOException e)
        {
            throw new MessageSendException("folder-io", permanent: false, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MessageSendException("folder-access-denied", permanent: false, e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        return new SendReceipt(Path.GetRelativePath(Root, file).Replace('\\', '/'));
    }

    public Task<SendReceipt?> FindAsync(Guid messageId, ContactChannel channel, CancellationToken ct)
    {
        var file = FileFor(Root, messageId, channel);
        return Task.FromResult(File.Exists(file) ? new SendReceipt(Path.GetRelativePath(Root, file).Replace('\\', '/')) : null);
    }

    private static string Text(OutgoingMessage m)
    {
        var s = new StringBuilder();
        s.Append("To: ").AppendLine(m.Recipient);
        if (m.Subject is not null)
        {
            s.Append("Subject: ").AppendLine(m.Subject);
        }
        s.Append("Reference: ").AppendLine(m.MessageId.ToString("D"));
        s.AppendLine();
        s.AppendLine(m.Body);
        return s.ToString();
    }

    /// <summary>A self-contained HTML letter with its own print stylesheet: address, date, heading, paragraphs.</summary>
    public static string LetterHtml(OutgoingMessage m)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(m.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(m.Subject ?? "Letter")).Append("</title>\n<style>\n")
            .Append("body{font-family:Arial,sans-serif;font-size:12pt;line-height:1.4;max-width:42em;margin:2em auto;color:#000}\n")
            .Append(".address{white-space:pre-line;margin-bottom:2em}.date{margin-bottom:2em}.reference{font-size:9pt;color:#444;margin-top:3em}.subject{font-size:14pt}\n")
            .Append("@media print{@page{size:A4;margin:25mm 20mm}body{margin:0;max-width:none}.reference{position:fixed;bottom:0}}\n")
            .Append("</style>\n</head>\n<body>\n");
        s.Append("<div class=\"address\">").Append(E(m.Recipient)).Append("</div>\n");
        s.Append("<p class=\"date\">").Append(E(UkTime.Today(m.CreatedAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")))).Append("</p>\n");
        if (m.Subject is not null)
        {
            s.Append("<h1 class=\"subject\">").Append(E(m.Subject)).Append("</h1>\n");
        }
        foreach (var paragraph in Paragraphs(m.Body))
        {
            s.Append("<p>").Append(E(paragraph).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
        }
        s.Append("<p class=\"reference\">Reference ").Append(E(m.MessageId.ToString("D"))).Append("</p>\n</body>\n</html>\n");
        return s.ToString();
    }

    public static IEnumerable<string> Paragraphs(string body) =>
        body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
