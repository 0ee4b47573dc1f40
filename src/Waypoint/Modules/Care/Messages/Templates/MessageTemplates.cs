using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Messages.Templates;

/// <summary>Adding or editing a template: its channel and purpose, and its language versions (English required).</summary>
public sealed class TemplateRequest
{
    public string? Name { get; set; }
    public ContactChannel? Channel { get; set; }
    public MessagePurpose? Purpose { get; set; }
    public bool Active { get; set; } = true;
    public List<TemplateVersionRequest>? Versions { get; set; }

    /// <summary>The template's version as read, when editing: someone else's change in between is a conflict.</summary>
    public int? Version { get; set; }
}

public sealed class TemplateVersionRequest
{
    /// <summary>ISO 639-1 code (en, cy...) or the language's English name.</summary>
    public string? Language { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
}

public sealed record TemplateVersionRow(string Language, string LanguageName, string? Subject, string Body);

public sealed record TemplateRow(Guid Id, string Name, ContactChannel Channel, MessagePurpose Purpose, bool Active,
    IReadOnlyList<TemplateVersionRow> Versions, DateTime UpdatedAt, string UpdatedByName, int Version)
{
    public static TemplateRow From(MessageTemplate t) => new(t.Id, t.Name, t.Channel, t.Purpose, t.Active,
        t.Versions.OrderBy(v => v.Language != Languages.English).ThenBy(v => v.Language, StringComparer.Ordinal)
            .Select(v => new TemplateVersionRow(v.Language, Languages.Name(v.Language), v.Subject, v.Body)).ToList(),
        t.UpdatedAt, t.UpdatedByName, t.Version);
}

public sealed record SavedTemplate(Guid Id, string Name);

/// <summary>
/// The unit's message templates: Unit Administrators add and edit them (audited as Administration); everyone who
/// writes to victims lists them. A template whose subject or body uses a merge field Waypoint does not know is refused.
/// </summary>
internal sealed class MessageTemplatesHandler(AppDbContext db, AuditScope audit)
{
    public const int MaxBody = 10000;
    public const int MaxTextMessage = 918; // GOV.UK Notify's limit: 6 fragments

    public static string PurposeName(MessagePurpose p) => p switch
    {
        MessagePurpose.Acknowledgement => "Written acknowledgement",
        MessagePurpose.InvestigationUpdate => "Investigation update",
        MessagePurpose.ReferralConfirmation => "Referral confirmation",
        MessagePurpose.General => "General",
        _ => p.ToString(),
    };

    public async Task<Result<IReadOnlyList<TemplateRow>>> ListAsync(Actor actor, bool includeInactive, CancellationToken ct)
    {
        if (!actor.CanReadCases && !actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var templates = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.OrganisationId == actor.OrganisationId && (includeInactive || t.Active))
            .ToListAsync(ct);
        return Result<IReadOnlyList<TemplateRow>>.Ok(templates
            .OrderBy(t => !t.Active).ThenBy(t => t.Purpose).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(TemplateRow.From).ToList());
    }

    public async Task<Result<TemplateRow>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (!actor.CanReadCases && !actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.OrganisationId == actor.OrganisationId, ct);
        return template is null ? Fail.NotFound : Result<TemplateRow>.Ok(TemplateRow.From(template));
    }

    public async Task<Result<SavedTemplate>> CreateAsync(TemplateRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var (failure, versions) = await ValidateAsync(r, null, actor, ct);
        if (failure is not null)
        {
            return failure.Value;
        }
        var template = new MessageTemplate(actor.OrganisationId, r.Name!.Trim(), r.Channel!.Value, r.Purpose!.Value, actor);
        template.SetVersions(versions);
        db.MessageTemplates.Add(template);
        audit.Record(AuditOperation.Administration, "MessageTemplate", template.Id.ToString(), field: nameof(MessageTemplate.Name), newValue: template.Name,
            detail: $"Message template added: {template.Channel}, {template.Purpose}, languages {string.Join(", ", versions.Select(v => v.Language))}");
        await db.SaveChangesAsync(ct);
        return Result<SavedTemplate>.Created(new SavedTemplate(template.Id, template.Name));
    }

    public async Task<Result<SavedTemplate>> UpdateAsync(Guid id, TemplateRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Id == id && t.OrganisationId == actor.OrganisationId, ct);
        if (template is null)
        {
            return Fail.NotFound;
        }
        if (r.Version is { } version && version != template.Version)
        {
            return Fail.Conflict;
        }
        var (failure, versions) = await ValidateAsync(r, id, actor, ct);
        if (failure is not null)
        {
            return failure.Value;
        }
        var before = $"{template.Name}; {template.Channel}; {template.Purpose}; {(template.Active ? "active" : "withdrawn")}; {string.Join(",", template.Versions.Select(v => v.Language).Order(StringComparer.Ordinal))}";
        template.Change(r.Name!.Trim(), r.Channel!.Value, r.Purpose!.Value, r.Active, actor);
        template.SetVersions(versions);
        var after = $"{template.Name}; {template.Channel}; {template.Purpose}; {(template.Active ? "active" : "withdrawn")}; {string.Join(",", template.Versions.Select(v => v.Language).Order(StringComparer.Ordinal))}";
        audit.Record(AuditOperation.Administration, "MessageTemplate", template.Id.ToString(), field: "Template", oldValue: before, newValue: after,
            detail: "Message template edited (text of its language versions as saved)");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<SavedTemplate>.Ok(new SavedTemplate(template.Id, template.Name));
    }

    private async Task<(ResultFailure? Failure, List<(string Language, string? Subject, string Body)> Versions)> ValidateAsync(
        TemplateRequest r, Guid? id, Actor actor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required(r.Name, nameof(r.Name), "Enter a name for the template");
        errors.MaxLength(r.Name, 200, nameof(r.Name), "The name");
        if (r.Channel is not { } channel || !MessageTemplate.Channels.Contains(channel))
        {
            errors.Add(nameof(r.Channel), "Select whether the template is a letter, an email or a text message");
            channel = ContactChannel.Letter;
        }
        if (r.Purpose is not { } purpose || !Enum.IsDefined(purpose))
        {
            errors.Add(nameof(r.Purpose), "Select what the template is for");
        }
        var name = r.Name?.Trim();
        if (!string.IsNullOrEmpty(name) && await db.MessageTemplates.AnyAsync(t => t.OrganisationId == actor.OrganisationId && t.Name == name && t.Id != id, ct))
        {
            errors.Add(nameof(r.Name), "Your unit already has a template with this name");
        }

        var versions = new List<(string Language, string? Subject, string Body)>();
        var given = r.Versions ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var v = given[i];
            var subject = string.IsNullOrWhiteSpace(v.Subject) ? null : v.Subject.Trim();
            var body = string.IsNullOrWhiteSpace(v.Body) ? null : v.Body.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(v.Language) && subject is null && body is null)
            {
                continue; // an empty row of the form
            }
            var key = $"Versions[{i}]";
            var language = string.IsNullOrWhiteSpace(v.Language) ? "" : Languages.Code(v.Language);
            var label = language.Length == 0 ? "The language version" : $"The {Languages.Name(language)} version";
            if (!Languages.IsValidCode(language))
            {
                errors.Add(key + ".Language", "Enter the language as a code like cy, or a name like Welsh");
            }
            else if (versions.Any(x => x.Language == language))
            {
                errors.Add(key + ".Language", $"There is already a {Languages.Name(language)} version");
            }
            if (channel == ContactChannel.TextMessage)
            {
                subject = null;
            }
            else if (subject is null)
            {
                errors.Add(key + ".Subject", $"Enter the {(channel == ContactChannel.Letter ? "heading" : "subject")} of the {Languages.Name(language)} version".Replace("  ", " ", StringComparison.Ordinal));
            }
            else if (subject.Length > 200)
            {
                errors.Add(key + ".Subject", $"{label}'s {(channel == ContactChannel.Letter ? "heading" : "subject")} must be 200 characters or fewer");
            }
            if (body is null)
            {
                errors.Add(key + ".Body", $"Enter the text of the {Languages.Name(language)} version".Replace("  ", " ", StringComparison.Ordinal));
            }
            else if (body.Length > (channel == ContactChannel.TextMessage ? MaxTextMessage : MaxBody))
            {
                errors.Add(key + ".Body", $"{label}'s text must be {(channel == ContactChannel.TextMessage ? MaxTextMessage : MaxBody)} characters or fewer");
            }
            foreach (var problem in MergeFields.Problems(subject, $"{label}'s {(channel == ContactChannel.Letter ? "heading" : "subject")}"))
            {
                errors.Add(key + ".Subject", problem);
            }
            foreach (var problem in MergeFields.Problems(body, $"{label}'s text"))
            {
                errors.Add(key + ".Body", problem);
            }
            versions.Add((language, subject, body ?? ""));
        }
        if (!versions.Any(v => v.Language == Languages.English))
        {
            errors.Add("Versions[0].Body", "Enter the English version: every template needs one");
        }
        return errors.Any ? (errors.ToFailure(), versions) : (null, versions);
    }
}
