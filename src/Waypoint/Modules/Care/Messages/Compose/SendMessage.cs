using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Outbox;
using Waypoint.Modules.Care.SafeContact.Profile;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.RecordAction;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Messages.Compose;

/// <summary>A message to preview or send: the template, the language (the victim's preferred one when the template has it), and when sending, the override reason and the obligations it meets.</summary>
public sealed class ComposeRequest
{
    public Guid? TemplateId { get; set; }

    /// <summary>ISO 639-1 code; when not given, the profile's preferred language if the template has it, else English.</summary>
    public string? Language { get; set; }

    /// <summary>Why the officer goes against the safe-contact profile; required when the profile refuses the message.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The case's open obligations the message meets (R3-ACK, R6-*).</summary>
    public List<Guid>? Meets { get; set; }

    /// <summary>The id the preview gave the message: sending the same draft twice sends it once.</summary>
    public Guid? DraftId { get; set; }
}

public sealed record MessagePreview(Guid DraftId, Guid TemplateId, string TemplateName, ContactChannel Channel, string Language, IReadOnlyList<string> Languages,
    string? Subject, string Body, string Recipient, string? Refusal);

public sealed record MessageResponse(Guid Id, Guid CaseId, Guid TemplateId, string TemplateName, MessagePurpose Purpose, ContactChannel Channel, string Language,
    string? Subject, string Body, string Recipient, OutboxStatus Status, int Attempts, DateTime? NextAttemptAt, string? LastErrorCode, string? ProviderReference,
    DateTime CreatedAt, DateTime? SentAt, string ByName, string? OverrideReason, string? RefusalOverridden, Guid? ActionId)
{
    public static MessageResponse From(Message m, OutboxMessage o) => new(m.Id, m.CaseId, m.TemplateId, m.TemplateName, m.Purpose, m.Channel, m.Language,
        m.Subject, m.Body, m.Recipient, o.Status, o.Attempts, o.Status is OutboxStatus.Pending or OutboxStatus.Failed ? o.NextAttemptAt : null, o.LastErrorCode,
        o.ProviderReference, m.CreatedAt, o.SentAt, m.ByName, m.OverrideReason, m.RefusalOverridden, m.ActionId);
}

public sealed record SentMessage(MessageResponse Message, IReadOnlyList<MetObligation> Met);

/// <summary>
/// Compose, preview and send a message from a template (issue 5, "Messages"). The safe-contact profile is checked at
/// preview and again at send: a channel or time it forbids, no letters home, a text message or email without a safe
/// number or address is refused with the reason, unless the officer gives an override reason (kept and audited).
/// Sending writes the message, its outbox row, the case's timeline line and the Code action (meeting the ticked
/// obligations, with the message as its source) in one save; the outbox dispatcher sends it afterwards.
/// </summary>
internal sealed class SendMessageHandler(AppDbContext db, RecordActionHandler actions, AuditScope audit, OutboxSignal signal)
{
    public const string OverrideField = "OverrideReason";

    private sealed record Draft(VictimCase Case, MessageTemplate Template, string Language, string? Subject, string Body, string Recipient, string? Refusal);

    public async Task<Result<MessagePreview>> PreviewAsync(Guid caseId, ComposeRequest r, Actor actor, CancellationToken ct)
    {
        var draft = await DraftAsync(caseId, r, actor, tracked: false, ct);
        if (draft.Value is not { } d)
        {
            return Result<MessagePreview>.From(draft);
        }
        var id = r.DraftId is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();
        // The preview shows the victim's address or safe number: a consultation, though nothing else is saved.
        audit.Record(AuditOperation.Consultation, "Person", d.Case.PersonId.ToString(), d.Case.PersonId,
            detail: $"Message preview from template {d.Template.Id} on case {caseId} (recipient shown)");
        await db.SaveChangesAsync(ct);
        return Result<MessagePreview>.Ok(new MessagePreview(id, d.Template.Id, d.Template.Name, d.Template.Channel, d.Language,
            d.Template.Versions.Select(v => v.Language).Order(StringComparer.Ordinal).ToList(), d.Subject, d.Body, d.Recipient, d.Refusal));
    }

    public async Task<Result<SentMessage>> SendAsync(Guid caseId, ComposeRequest r, Actor actor, CancellationToken ct)
    {
        var draftResult = await DraftAsync(caseId, r, actor, tracked: true, ct);
        if (draftResult.Value is not { } draft)
        {
            return Result<SentMessage>.From(draftResult);
        }
        var id = r.DraftId is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();
        if (await db.Messages.AsNoTracking().AnyAsync(m => m.Id == id, ct))
        {
            // The same draft sent twice (a double click, a retried request): it was queued once.
            var existing = await OneAsync(caseId, id, ct);
            return existing is null ? Fail.Rejected("DraftId", "This draft belongs to another case") : Result<SentMessage>.Ok(new SentMessage(existing, []));
        }
        var overrideReason = string.IsNullOrWhiteSpace(r.OverrideReason) ? null : r.OverrideReason.Trim();
        if (overrideReason is { Length: > 1000 })
        {
            return Fail.Rejected(OverrideField, "The reason for going against the safe-contact profile must be 1000 characters or fewer");
        }
        if (draft.Refusal is { } refusal && overrideReason is null)
        {
            return new ResultFailure(Result.Rejected(refusal, new Dictionary<string, string[]>
            {
                [nameof(r.TemplateId)] = [refusal],
                [OverrideField] = ["To send it anyway, enter why you are going against the safe-contact profile"],
            }));
        }
        if (draft.Refusal is null)
        {
            overrideReason = null;
        }

        var victimCase = draft.Case;
        var template = draft.Template;
        var message = new Message(id, actor.OrganisationId, caseId, victimCase.PersonId, template, draft.Language, draft.Subject, draft.Body, draft.Recipient,
            overrideReason, draft.Refusal, actor);
        var channelName = ContactProfile.ChannelName(template.Channel);
        var staged = await actions.StageAsync(victimCase, new RecordActionRequest
        {
            Kind = template.Channel switch
            {
                ContactChannel.Letter => ActionKind.Letter,
                ContactChannel.Email => ActionKind.Email,
                _ => ActionKind.TextMessage,
            },
            OccurredAt = new DateTimeOffset(actor.Now, TimeSpan.Zero),
            Summary = $"{channelName} sent from the template \"{template.Name}\" ({Languages.Name(draft.Language)})",
            Meets = r.Meets,
        }, id, actor, ct);
        if (staged.Value is not { } recorded)
        {
            db.ChangeTracker.Clear();
            return Result<SentMessage>.From(staged);
        }
        message.ActionId = recorded.Id;
        var outbox = new OutboxMessage(message);
        db.Messages.Add(message);
        db.OutboxMessages.Add(outbox);
        victimCase.Note(TimelineKind.Message, $"{channelName} \"{template.Name}\" queued to send" + (draft.Refusal is null ? "" : " (against the safe-contact profile)"), actor);
        audit.Record(AuditOperation.Collection, "Message", id.ToString(), victimCase.PersonId,
            detail: $"{template.Channel} from template {template.Id} ({draft.Language}) written on case {caseId} and queued to send");
        if (draft.Refusal is not null)
        {
            audit.Record(AuditOperation.Alteration, "Message", id.ToString(), victimCase.PersonId, field: "SafeContactOverride",
                newValue: draft.Refusal, detail: $"Safe-contact profile overridden on case {caseId}: {draft.Refusal} Override reason recorded on the message.");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        signal.Wake();
        return Result<SentMessage>.Created(new SentMessage(MessageResponse.From(message, outbox), recorded.Met));
    }

    /// <summary>The case's messages with their delivery status, newest first; null when the actor cannot see the case.</summary>
    public async Task<IReadOnlyList<MessageResponse>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var rows = await db.Messages.AsNoTracking().Where(m => m.CaseId == caseId)
            .Join(db.OutboxMessages.AsNoTracking(), m => m.Id, o => o.MessageId, (m, o) => new { m, o })
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.m.CreatedAt).Select(x => MessageResponse.From(x.m, x.o)).ToList();
    }

    /// <summary>One message of the case, read (and logged as consulted) for its page or to print.</summary>
    public async Task<Result<MessageResponse>> GetAsync(Guid caseId, Guid messageId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return Fail.NotFound;
        }
        var message = await OneAsync(caseId, messageId, ct);
        if (message is null)
        {
            return Fail.NotFound;
        }
        var personId = await db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.PersonId).SingleAsync(ct);
        audit.Record(AuditOperation.Consultation, "Message", messageId.ToString(), personId, detail: $"Message viewed from case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<MessageResponse>.Ok(message);
    }

    private async Task<MessageResponse?> OneAsync(Guid caseId, Guid messageId, CancellationToken ct)
    {
        var row = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.CaseId == caseId)
            .Join(db.OutboxMessages.AsNoTracking(), m => m.Id, o => o.MessageId, (m, o) => new { m, o })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : MessageResponse.From(row.m, row.o);
    }

    /// <summary>The language to offer first: the profile's preferred language when the template has a version in it, else English.</summary>
    public static string DefaultLanguage(MessageTemplate template, string? preferred) =>
        preferred is not null && template.VersionIn(preferred) is { } v ? v.Language : Languages.English;

    private async Task<Result<Draft>> DraftAsync(Guid caseId, ComposeRequest r, Actor actor, bool tracked, CancellationToken ct)
    {
        var cases = tracked ? db.Cases : db.Cases.AsNoTracking();
        var victimCase = await cases.Include(c => c.Person).Include(c => c.Crime).VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var template = r.TemplateId is { } templateId
            ? await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId && t.OrganisationId == actor.OrganisationId && t.Active, ct)
            : null;
        if (template is null)
        {
            return Fail.Rejected(nameof(r.TemplateId), "Select a template");
        }
        var profile = (await ContactProfiles.ForCaseAsync(db, caseId, actor, tracked: false, ct))!.Profile;
        var language = string.IsNullOrWhiteSpace(r.Language) ? DefaultLanguage(template, profile.PreferredLanguage) : Languages.Code(r.Language);
        var version = template.VersionIn(language);
        if (version is null)
        {
            return Fail.Rejected(nameof(r.Language), $"There is no {Languages.Name(language)} version of \"{template.Name}\": choose {string.Join(" or ", template.Versions.Select(v => Languages.Name(v.Language)))}");
        }
        var unit = await db.Organisations.AsNoTracking().Where(o => o.Id == actor.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [MergeFields.VictimName] = victimCase.Person.DisplayName,
            [MergeFields.CrimeReference] = victimCase.Crime.CrimeReference,
            [MergeFields.OfficerName] = victimCase.Crime.OfficerInCaseName ?? actor.Name,
            [MergeFields.UnitName] = unit,
            [MergeFields.Date] = DateText(UkTime.Today(actor.Now), version.Language),
            [MergeFields.Offence] = victimCase.Crime.OffenceDescription,
        };
        var (recipient, refusal, missing) = Safety(profile, victimCase.Person, template.Channel, actor.Now);
        if (missing is not null)
        {
            return Fail.Rejected(nameof(r.TemplateId), missing);
        }
        var subject = template.Channel == ContactChannel.TextMessage ? null : MergeFields.Render(version.Subject, values);
        return Result<Draft>.Ok(new Draft(victimCase, template, version.Language, subject, MergeFields.Render(version.Body, values), recipient!, refusal));
    }

    /// <summary>Today's date as the language writes it (English when the system has no data for the language).</summary>
    public static string DateText(DateOnly date, string language)
    {
        CultureInfo culture;
        try
        {
            culture = language == Languages.English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.GetCultureInfo("en-GB");
        }
        return date.ToString("d MMMM yyyy", culture);
    }

    /// <summary>
    /// Where the message goes and whether the safe-contact profile forbids it: the profile's refusal for the channel
    /// and time; for a text message, a phone the perpetrator may see or no safe number; for an email, no safe address.
    /// Without a safe number or address, an overridden message goes to the one on the police record. <c>Missing</c>
    /// says there is nowhere at all to send it.
    /// </summary>
    public static (string? Recipient, string? Refusal, string? Missing) Safety(ContactProfile profile, Person person, ContactChannel channel, DateTime atUtc)
    {
        var refusal = profile.Refusal(channel, atUtc);
        string? recipient;
        switch (channel)
        {
            case ContactChannel.TextMessage:
                if (profile.PerpetratorMayAccessPhone)
                {
                    refusal ??= "The perpetrator may have access to the victim's phone: a text message is not safe.";
                }
                recipient = profile.SafePhone;
                if (recipient is null)
                {
                    refusal ??= "No safe phone number is recorded in the safe-contact profile.";
                    recipient = person.Mobile ?? person.Phone;
                }
                return (recipient, refusal, recipient is null ? "There is no phone number for the victim: add a safe number to the safe-contact profile" : null);
            case ContactChannel.Email:
                recipient = profile.SafeEmail;
                if (recipient is null)
                {
                    refusal ??= "No safe email address is recorded in the safe-contact profile.";
                    recipient = person.Email;
                }
                return (recipient, refusal, recipient is null ? "There is no email address for the victim: add a safe address to the safe-contact profile" : null);
            default:
                var lines = new[] { person.DisplayName, person.AddressLine1, person.AddressLine2, person.Town, person.Postcode }
                    .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()).ToList();
                var hasAddress = !string.IsNullOrWhiteSpace(person.AddressLine1) && !string.IsNullOrWhiteSpace(person.Postcode);
                return (hasAddress ? string.Join('\n', lines) : null, refusal, hasAddress ? null : "There is no postal address for the victim: a letter cannot be sent");
        }
    }
}
