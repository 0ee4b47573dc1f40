using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.SafeContact.Profile;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.RecordAction;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.SafeContact.Contacts;

/// <summary>A contact or attempt to record. Times without an offset are UK time.</summary>
public sealed class RecordContactRequest
{
    public ContactChannel? Channel { get; set; }
    public ContactDirection? Direction { get; set; }
    public ContactOutcome? Outcome { get; set; }

    /// <summary>When it happened; now when not given.</summary>
    public DateTimeOffset? At { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset? TryAgainAt { get; set; }

    /// <summary>Why the officer goes against the safe-contact profile; required when the profile refuses the contact.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>The case's open obligations this contact meets (only when the victim was spoken to or sent a message).</summary>
    public List<Guid>? Meets { get; set; }
}

public sealed record ContactResponse(Guid Id, Guid CaseId, ContactChannel Channel, ContactDirection Direction, ContactOutcome Outcome, DateTime At,
    string? Notes, DateTime? TryAgainAt, DateTime? TryAgainDoneAt, string? OverrideReason, string? RefusalOverridden, Guid? ActionId, string ByName, DateTime RecordedAt)
{
    public static ContactResponse From(ContactAttempt a) => new(a.Id, a.CaseId, a.Channel, a.Direction, a.Outcome, a.At, a.Notes, a.TryAgainAt, a.TryAgainDoneAt,
        a.OverrideReason, a.RefusalOverridden, a.ActionId, a.ByName, a.RecordedAt);
}

public sealed record RecordedContact(ContactResponse Contact, IReadOnlyList<MetObligation> Met);

public sealed record TryAgainRow(Guid AttemptId, Guid CaseId, string Name, ContactChannel Channel, ContactOutcome Outcome, DateTime TryAgainAt);

internal sealed class RecordContactHandler(AppDbContext db, RecordActionHandler actions, AuditScope audit)
{
    public const string OverrideField = "OverrideReason";

    public static string OutcomeName(ContactOutcome o) => o switch
    {
        ContactOutcome.Spoke => "Spoke to them",
        ContactOutcome.NoAnswer => "No answer",
        ContactOutcome.LeftVoicemail => "Left a voicemail",
        ContactOutcome.WrongNumber => "Wrong number",
        ContactOutcome.UnsafeToTalk => "Unsafe to talk",
        ContactOutcome.DeclinedSupport => "Declined support",
        ContactOutcome.MessageSent => "Message sent",
        _ => o.ToString(),
    };

    /// <summary>The Code action a contact records: only when the victim was reached.</summary>
    public static ActionKind? ActionFor(ContactChannel channel, ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Spoke or ContactOutcome.DeclinedSupport => channel switch
        {
            ContactChannel.TextMessage => ActionKind.TextMessage,
            ContactChannel.Email => ActionKind.Email,
            ContactChannel.Letter => ActionKind.Letter,
            _ => ActionKind.Contact,
        },
        ContactOutcome.MessageSent => channel switch
        {
            ContactChannel.TextMessage => ActionKind.TextMessage,
            ContactChannel.Email => ActionKind.Email,
            ContactChannel.Letter => ActionKind.Letter,
            _ => ActionKind.Contact,
        },
        _ => null,
    };

    public async Task<Result<RecordedContact>> HandleAsync(Guid caseId, RecordContactRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        if (r.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            errors.Add(nameof(r.Channel), "Select how you contacted the victim");
            channel = default;
        }
        if (r.Direction is not { } direction || !Enum.IsDefined(direction))
        {
            errors.Add(nameof(r.Direction), "Select who made contact");
            direction = default;
        }
        if (r.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            errors.Add(nameof(r.Outcome), "Select what happened");
            outcome = default;
        }
        var at = r.At?.UtcDateTime ?? actor.Now;
        if (at > actor.Now.AddMinutes(5))
        {
            errors.Add("At", "The date of the contact must be today or in the past");
        }
        var tryAgain = r.TryAgainAt?.UtcDateTime;
        if (tryAgain is { } t && t <= at)
        {
            errors.Add("TryAgainAt", "The time to try again must be after the contact");
        }
        var notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim();
        if (notes is { Length: > 4000 })
        {
            errors.Add(nameof(r.Notes), "Notes must be 4000 characters or fewer");
        }
        var overrideReason = string.IsNullOrWhiteSpace(r.OverrideReason) ? null : r.OverrideReason.Trim();
        if (overrideReason is { Length: > 1000 })
        {
            errors.Add(OverrideField, "The reason for going against the safe-contact profile must be 1000 characters or fewer");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var profile = (await ContactProfiles.ForCaseAsync(db, caseId, actor, tracked: false, ct))!.Profile;
        var refusal = profile.Refusal(channel, at, voicemail: outcome == ContactOutcome.LeftVoicemail);
        if (refusal is not null && overrideReason is null)
        {
            return new ResultFailure(Result.Rejected(refusal, new Dictionary<string, string[]>
            {
                [nameof(r.Channel)] = [refusal],
                [OverrideField] = ["To record it anyway, enter why you went against the safe-contact profile"],
            }));
        }
        if (refusal is null)
        {
            overrideReason = null;
        }

        var attempt = new ContactAttempt(victimCase.OrganisationId, caseId, channel, direction, outcome, at, notes, tryAgain, overrideReason, refusal, actor);
        db.ContactAttempts.Add(attempt);
        foreach (var earlier in await db.ContactAttempts.Where(a => a.CaseId == caseId && a.TryAgainAt != null && a.TryAgainDoneAt == null).ToListAsync(ct))
        {
            earlier.TryAgainDone(actor.Now);
        }
        var what = $"{ContactProfile.ChannelName(channel)} ({(direction == ContactDirection.Inbound ? "from the victim" : "to the victim")}): {OutcomeName(outcome).ToLowerInvariant()}";
        victimCase.Note(TimelineKind.Contact, "Contact recorded: " + what + (refusal is null ? "" : " (against the safe-contact profile)"), actor);
        audit.Record(AuditOperation.Collection, "ContactAttempt", attempt.Id.ToString(), victimCase.PersonId,
            detail: $"{channel} {direction} {outcome} on case {caseId}");
        if (refusal is not null)
        {
            audit.Record(AuditOperation.Alteration, "ContactAttempt", attempt.Id.ToString(), victimCase.PersonId, field: "SafeContactOverride",
                newValue: refusal, detail: $"Safe-contact profile overridden on case {caseId}: {refusal} Override reason recorded on the contact.");
        }

        IReadOnlyList<MetObligation> met = [];
        if (ActionFor(channel, outcome) is { } kind)
        {
            var staged = await actions.StageAsync(victimCase, new RecordActionRequest
            {
                Kind = kind,
                OccurredAt = new DateTimeOffset(at, TimeSpan.Zero),
                Summary = what + (notes is null ? "" : ". " + notes),
                Meets = r.Meets,
            }, attempt.Id, actor, ct);
            if (staged.Value is not { } recorded)
            {
                db.ChangeTracker.Clear();
                return Result<RecordedContact>.From(staged);
            }
            attempt.ActionId = recorded.Id;
            met = recorded.Met;
        }
        else if (r.Meets is { Count: > 0 })
        {
            db.ChangeTracker.Clear();
            return Fail.Rejected("Meets", "A contact where the victim was not reached cannot meet an obligation");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<RecordedContact>.Ok(new RecordedContact(ContactResponse.From(attempt), met));
    }

    public async Task<IReadOnlyList<ContactResponse>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var attempts = await db.ContactAttempts.AsNoTracking().Where(a => a.CaseId == caseId).OrderByDescending(a => a.At).ToListAsync(ct);
        return attempts.Select(ContactResponse.From).ToList();
    }

    /// <summary>The actor's attempts whose "try again" time has come (or comes within the hour) and that no later attempt has replaced.</summary>
    public async Task<IReadOnlyList<TryAgainRow>> TryAgainAsync(Actor actor, CancellationToken ct)
    {
        var until = actor.Now.AddHours(1);
        var visible = db.Cases.AsNoTracking().VisibleTo(actor);
        var rows = await db.ContactAttempts.AsNoTracking()
            .Where(a => a.ById == actor.UserId && a.TryAgainDoneAt == null && a.TryAgainAt != null && a.TryAgainAt <= until)
            .Join(visible, a => a.CaseId, c => c.Id, (a, c) => new { a.Id, a.CaseId, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, a.Channel, a.Outcome, a.TryAgainAt })
            .OrderBy(a => a.TryAgainAt)
            .Take(50)
            .ToListAsync(ct);
        return rows.Select(a => new TryAgainRow(a.Id, a.CaseId, Person.FullName(a.FirstName, a.LastName, a.BusinessName), a.Channel, a.Outcome, a.TryAgainAt!.Value)).ToList();
    }
}
