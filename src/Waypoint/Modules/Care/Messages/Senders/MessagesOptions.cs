namespace Waypoint.Modules.Care.Messages.Senders;

/// <summary>Settings under <c>Waypoint:Messages</c>: which sender, its settings, and the outbox's pace.</summary>
public sealed class MessagesOptions
{
    public const string Section = "Waypoint:Messages";

    /// <summary>Folder (default), Notify or Smtp.</summary>
    public string Sender { get; set; } = "Folder";
    public FolderSenderOptions Folder { get; set; } = new();
    public NotifySenderOptions Notify { get; set; } = new();
    public SmtpSenderOptions Smtp { get; set; } = new();
    public OutboxOptions Outbox { get; set; } = new();
}

public sealed class FolderSenderOptions
{
    /// <summary>Where files are written; relative to the app's content root. Default: data/messages.</summary>
    public string Path { get; set; } = "data/messages";
}

/// <summary>
/// GOV.UK Notify. The API key comes from configuration (an environment variable or a secret store), never from the
/// repository. Each channel sends through one Notify template whose subject and body are the personalisation fields
/// ((subject)) and ((body)): Waypoint merges its own templates and Notify only carries the text.
/// </summary>
public sealed class NotifySenderOptions
{
    public string? ApiKey { get; set; }
    public string? EmailTemplateId { get; set; }
    public string? SmsTemplateId { get; set; }
    public string? LetterTemplateId { get; set; }
}

/// <summary>SMTP through MailKit (emails only); the password comes from configuration, never from the repository.</summary>
public sealed class SmtpSenderOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Waypoint <no-reply@waypoint.invalid>";

    /// <summary>Require TLS (STARTTLS or implicit on port 465); false only for a local relay.</summary>
    public bool UseTls { get; set; } = true;
}

/// <summary>The outbox dispatcher's pace: how often it looks, how long a claim lasts, how often it tries.</summary>
public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between looks at the outbox when nothing wakes the dispatcher sooner.</summary>
    public int PollSeconds { get; set; } = 10;

    /// <summary>How long a claimed message is held by one dispatcher before another may take it over (a crashed process).</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts before a message is given up (dead).</summary>
    public int MaxAttempts { get; set; } = 8;
    public int BatchSize { get; set; } = 20;
}
