using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>What a message template is for, so the compose page can offer the right one first.</summary>
public enum MessagePurpose
{
    Acknowledgement,
    InvestigationUpdate,
    ReferralConfirmation,
    General,
}

/// <summary>
/// A letter, text message or email the unit sends from a template (product.md: "letter and message templates"),
/// kept by Unit Administrators. Each has versions per language (English always; Welsh and others as the unit writes
/// them) with a subject and a body holding merge fields in GOV.UK Notify's <c>((field))</c> syntax.
/// </summary>
public sealed class MessageTemplate
{
    private MessageTemplate() { }

    public MessageTemplate(Guid organisationId, string name, ContactChannel channel, MessagePurpose purpose, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Name = name;
        Channel = channel;
        Purpose = purpose;
        Active = true;
        Touch(actor);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public ContactChannel Channel { get; private set; }
    public MessagePurpose Purpose { get; private set; }
    public bool Active { get; private set; }
    public List<MessageTemplateVersion> Versions { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public int Version { get; private set; }

    /// <summary>The channels a template can be written for: the written ones.</summary>
    public static readonly IReadOnlyList<ContactChannel> Channels = [ContactChannel.Letter, ContactChannel.Email, ContactChannel.TextMessage];

    public void Change(string name, ContactChannel channel, MessagePurpose purpose, bool active, Actor actor)
    {
        Name = name;
        Channel = channel;
        Purpose = purpose;
        Active = active;
        Touch(actor);
    }

    /// <summary>Replaces the language versions: existing languages are updated in place, missing ones removed, new ones added.</summary>
    public void SetVersions(IEnumerable<(string Language, string? Subject, string Body)> versions)
    {
        var wanted = versions.ToList();
        Versions.RemoveAll(v => !wanted.Any(w => string.Equals(w.Language, v.Language, StringComparison.OrdinalIgnoreCase)));
        foreach (var (language, subject, body) in wanted)
        {
            var existing = Versions.FirstOrDefault(v => string.Equals(v.Language, language, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                Versions.Add(new MessageTemplateVersion(Id, language, subject, body));
            }
            else
            {
                existing.Change(subject, body);
            }
        }
    }

    /// <summary>The version in <paramref name="language"/>, or null when the unit has not written one.</summary>
    public MessageTemplateVersion? VersionIn(string? language) =>
        language is null ? null : Versions.FirstOrDefault(v => string.Equals(v.Language, Languages.Code(language), StringComparison.OrdinalIgnoreCase));

    private void Touch(Actor actor)
    {
        UpdatedAt = actor.Now;
        UpdatedByName = actor.Name;
    }
}

/// <summary>One language version of a template: subject (letters and emails) and body with merge fields.</summary>
public sealed class MessageTemplateVersion
{
    private MessageTemplateVersion() { }

    public MessageTemplateVersion(Guid templateId, string language, string? subject, string body)
    {
        Id = Guid.CreateVersion7();
        TemplateId = templateId;
        Language = language;
        Subject = subject;
        Body = body;
    }

    public Guid Id { get; private set; }
    public Guid TemplateId { get; private set; }

    /// <summary>An ISO 639-1 code: en, cy, pl...</summary>
    public string Language { get; private set; } = "";
    public string? Subject { get; private set; }
    public string Body { get; private set; } = "";

    public void Change(string? subject, string body)
    {
        Subject = subject;
        Body = body;
    }
}

/// <summary>The languages templates are written in, by ISO 639-1 code; English is the default.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Welsh = "cy";

    private static readonly (string Code, string Name)[] Known =
    [
        ("en", "English"), ("cy", "Welsh (Cymraeg)"), ("pl", "Polish"), ("ro", "Romanian"), ("ur", "Urdu"), ("pa", "Punjabi"),
        ("ar", "Arabic"), ("bn", "Bengali"), ("gu", "Gujarati"), ("pt", "Portuguese"), ("es", "Spanish"), ("lt", "Lithuanian"),
        ("so", "Somali"), ("tr", "Turkish"), ("zh", "Chinese"), ("fr", "French"), ("it", "Italian"), ("bg", "Bulgarian"),
    ];

    public static IReadOnlyList<(string Code, string Name)> All => Known;

    /// <summary>The code for a language given as a code or a name ("cy", "Welsh", "CY"); lower-cased as given otherwise.</summary>
    public static string Code(string language)
    {
        var trimmed = language.Trim();
        foreach (var (code, name) in Known)
        {
            if (string.Equals(code, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(trimmed + " ", StringComparison.OrdinalIgnoreCase))
            {
                return code;
            }
        }
        return trimmed.ToLowerInvariant();
    }

    public static string Name(string code) => Known.FirstOrDefault(k => k.Code == Code(code)).Name ?? code;

    /// <summary>A code is two or three lower-case letters, optionally with a region (en-GB).</summary>
    public static bool IsValidCode(string code) =>
        code.Length is >= 2 and <= 10 && code.All(c => char.IsAsciiLetterLower(c) || c == '-') && char.IsAsciiLetterLower(code[0]);
}
