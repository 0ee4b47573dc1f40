using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.SafeContact.Profile;

/// <summary>The safe-contact profile as read and written by the page and the API.</summary>
public sealed class ContactProfileDto
{
    public List<ContactChannel>? AllowedChannels { get; set; }
    public string? SafePhone { get; set; }
    public string? SafeEmail { get; set; }
    public List<DayOfWeek>? SafeDays { get; set; }

    /// <summary>Europe/London time, HH:mm.</summary>
    public string? SafeFrom { get; set; }
    public string? SafeTo { get; set; }
    public string? SafeTimesNote { get; set; }
    public bool NoVoicemail { get; set; }
    public bool NoLettersHome { get; set; }
    public bool NoHomeVisits { get; set; }
    public string? CodeWord { get; set; }
    public bool PerpetratorMayAccessPhone { get; set; }
    public string? PreferredLanguage { get; set; }
    public bool InterpreterNeeded { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public string? ProxyName { get; set; }
    public string? ProxyRelationship { get; set; }
    public string? ProxyPhone { get; set; }
    public string? ProxyEmail { get; set; }

    /// <summary>The version the editor started from (0 for a profile not yet saved).</summary>
    public int Version { get; set; }

    /// <summary>False while the profile is only seeded from the police feed and nobody has saved it.</summary>
    public bool Saved { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedByName { get; set; }

    public static ContactProfileDto From(ContactProfile p, bool saved) => new()
    {
        AllowedChannels = p.Channels.OrderBy(c => c).ToList(),
        SafePhone = p.SafePhone,
        SafeEmail = p.SafeEmail,
        SafeDays = ContactProfiles.Days(p).ToList(),
        SafeFrom = p.SafeFrom?.ToString("HH:mm", CultureInfo.InvariantCulture),
        SafeTo = p.SafeTo?.ToString("HH:mm", CultureInfo.InvariantCulture),
        SafeTimesNote = p.SafeTimesNote,
        NoVoicemail = p.NoVoicemail,
        NoLettersHome = p.NoLettersHome,
        NoHomeVisits = p.NoHomeVisits,
        CodeWord = p.CodeWord,
        PerpetratorMayAccessPhone = p.PerpetratorMayAccessPhone,
        PreferredLanguage = p.PreferredLanguage,
        InterpreterNeeded = p.InterpreterNeeded,
        AccessibilityNeeds = p.AccessibilityNeeds,
        ProxyName = p.ProxyName,
        ProxyRelationship = p.ProxyRelationship,
        ProxyPhone = p.ProxyPhone,
        ProxyEmail = p.ProxyEmail,
        Version = p.Version,
        Saved = saved,
        UpdatedAt = saved ? p.UpdatedAt : null,
        UpdatedByName = saved ? p.UpdatedByName : null,
    };
}

/// <summary>The case's person's profile (saved, or seeded from the police feed's flags when there is none yet).</summary>
public sealed record CaseContactProfile(Guid CaseId, string Name, Guid PersonId, ContactProfile Profile, bool Saved);

/// <summary>Finding, seeding and reading a person's safe-contact profile.</summary>
public static class ContactProfiles
{
    public static IEnumerable<DayOfWeek> Days(ContactProfile p) =>
        p.SafeDays.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>).OrderBy(d => ((int)d + 6) % 7);

    /// <summary>A new profile seeded from the police feed: contact restriction flags, language and interpreter.</summary>
    public static ContactProfile Seeded(Guid organisationId, Person person, Actor actor)
    {
        var profile = new ContactProfile(organisationId, person.Id, actor);
        var flags = Flags.Parse(person.ContactRestrictions);
        profile.NoVoicemail = flags.Contains("no_voicemail");
        profile.NoLettersHome = flags.Contains("no_letters");
        profile.NoHomeVisits = flags.Contains("no_home_visits");
        profile.PerpetratorMayAccessPhone = flags.Contains("perpetrator_has_phone_access");
        if (flags.Contains("safe_times_only"))
        {
            profile.SafeTimesNote = "The police recorded that contact is safe only at agreed times: agree them with the victim.";
        }
        profile.PreferredLanguage = person.PreferredLanguage;
        profile.InterpreterNeeded = person.InterpreterRequired;
        return profile;
    }

    /// <summary>The profile of the case's person, tracked when saved; null when the actor cannot see the case.</summary>
    public static async Task<CaseContactProfile?> ForCaseAsync(AppDbContext db, Guid caseId, Actor actor, bool tracked, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.OrganisationId, c.Person })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        var query = tracked ? db.ContactProfiles : db.ContactProfiles.AsNoTracking();
        var profile = await query.SingleOrDefaultAsync(p => p.OrganisationId == c.OrganisationId && p.PersonId == c.Person.Id, ct);
        return new CaseContactProfile(c.Id, c.Person.DisplayName, c.Person.Id, profile ?? Seeded(c.OrganisationId, c.Person, actor), profile is not null);
    }
}

internal sealed class ContactProfileHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<ContactProfileDto>> GetAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var found = await ContactProfiles.ForCaseAsync(db, caseId, actor, tracked: false, ct);
        if (found is null)
        {
            return Fail.NotFound;
        }
        audit.Record(AuditOperation.Consultation, "ContactProfile", found.Profile.Id.ToString(), found.PersonId, detail: $"Safe-contact profile viewed from case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<ContactProfileDto>.Ok(ContactProfileDto.From(found.Profile, found.Saved));
    }

    public async Task<Result<ContactProfileDto>> SaveAsync(Guid caseId, ContactProfileDto r, Actor actor, CancellationToken ct)
    {
        var found = await ContactProfiles.ForCaseAsync(db, caseId, actor, tracked: true, ct);
        if (found is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        var channels = (r.AllowedChannels ?? []).Distinct().ToList();
        if (channels.Any(c => !Enum.IsDefined(c)))
        {
            errors.Add(nameof(r.AllowedChannels), "Select only the channels listed");
        }
        var from = ReadTime(r.SafeFrom, nameof(r.SafeFrom), "the time contact is safe from", errors);
        var to = ReadTime(r.SafeTo, nameof(r.SafeTo), "the time contact is safe until", errors);
        if ((from is null) != (to is null) && !errors.Any)
        {
            errors.Add(from is null ? nameof(r.SafeFrom) : nameof(r.SafeTo), from is null ? "Enter the time contact is safe from" : "Enter the time contact is safe until");
        }
        if (from is not null && from == to)
        {
            errors.Add(nameof(r.SafeTo), "The time contact is safe until must be different from the time it is safe from");
        }
        Check(errors, r.SafePhone, nameof(r.SafePhone), "Safe phone number", 40);
        Check(errors, r.SafeEmail, nameof(r.SafeEmail), "Safe email address", 254);
        if (Clean(r.SafeEmail) is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(nameof(r.SafeEmail), "Enter a safe email address in the correct format, like name@example.com");
        }
        if (Clean(r.ProxyEmail) is { } proxyEmail && !proxyEmail.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(nameof(r.ProxyEmail), "Enter the proxy's email address in the correct format, like name@example.com");
        }
        Check(errors, r.SafeTimesNote, nameof(r.SafeTimesNote), "The note about safe times", 400);
        Check(errors, r.CodeWord, nameof(r.CodeWord), "The code word", 100);
        Check(errors, r.PreferredLanguage, nameof(r.PreferredLanguage), "Preferred language", 35);
        Check(errors, r.AccessibilityNeeds, nameof(r.AccessibilityNeeds), "Accessibility and communication needs", 1000);
        Check(errors, r.ProxyName, nameof(r.ProxyName), "The proxy's name", 200);
        Check(errors, r.ProxyRelationship, nameof(r.ProxyRelationship), "The proxy's relationship", 100);
        Check(errors, r.ProxyPhone, nameof(r.ProxyPhone), "The proxy's phone number", 40);
        Check(errors, r.ProxyEmail, nameof(r.ProxyEmail), "The proxy's email address", 254);
        if ((Clean(r.ProxyPhone) is not null || Clean(r.ProxyEmail) is not null || Clean(r.ProxyRelationship) is not null) && Clean(r.ProxyName) is null)
        {
            errors.Add(nameof(r.ProxyName), "Enter the proxy's name");
        }
        var days = (r.SafeDays ?? []).Distinct().ToList();
        if (days.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add(nameof(r.SafeDays), "Select only the days listed");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var p = found.Profile;
        if (p.Version != r.Version)
        {
            return Fail.Conflict;
        }
        if (found.Saved)
        {
            db.Entry(p).Property(x => x.Version).OriginalValue = r.Version;
        }
        var before = Snapshot(p);
        p.AllowedChannels = string.Join(';', channels.OrderBy(c => c).Select(c => c.ToString()));
        p.SafePhone = Clean(r.SafePhone);
        p.SafeEmail = Clean(r.SafeEmail);
        p.SafeDays = string.Join(';', days.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()));
        p.SafeFrom = from;
        p.SafeTo = to;
        p.SafeTimesNote = Clean(r.SafeTimesNote);
        p.NoVoicemail = r.NoVoicemail;
        p.NoLettersHome = r.NoLettersHome;
        p.NoHomeVisits = r.NoHomeVisits;
        p.CodeWord = Clean(r.CodeWord);
        p.PerpetratorMayAccessPhone = r.PerpetratorMayAccessPhone;
        p.PreferredLanguage = Clean(r.PreferredLanguage);
        p.InterpreterNeeded = r.InterpreterNeeded;
        p.AccessibilityNeeds = Clean(r.AccessibilityNeeds);
        p.ProxyName = Clean(r.ProxyName);
        p.ProxyRelationship = Clean(r.ProxyRelationship);
        p.ProxyPhone = Clean(r.ProxyPhone);
        p.ProxyEmail = Clean(r.ProxyEmail);
        var after = Snapshot(p);
        var changed = before.Keys.Where(k => !string.Equals(before[k], after[k], StringComparison.Ordinal)).ToList();
        if (found.Saved && changed.Count == 0)
        {
            return Result<ContactProfileDto>.Ok(ContactProfileDto.From(p, true));
        }
        p.Touch(actor);
        if (!found.Saved)
        {
            p.FirstSaved();
            db.ContactProfiles.Add(p);
        }
        var victimCase = await db.Cases.SingleAsync(c => c.Id == caseId, ct);
        victimCase.Note(TimelineKind.SafeContact, found.Saved ? "Safe-contact profile changed" : "Safe-contact profile recorded", actor);
        // Field names only: the values (a code word, a safe number) never go into the audit detail.
        audit.Record(found.Saved ? AuditOperation.Alteration : AuditOperation.Collection, "ContactProfile", p.Id.ToString(), found.PersonId,
            detail: $"Safe-contact profile {(found.Saved ? "changed" : "recorded")} from case {caseId}: {string.Join(", ", changed)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit (version) or a concurrent first save (one profile per person).
            return Fail.Conflict;
        }
        return Result<ContactProfileDto>.Ok(ContactProfileDto.From(p, true));
    }

    private static Dictionary<string, string?> Snapshot(ContactProfile p) => new(StringComparer.Ordinal)
    {
        ["allowed channels"] = p.AllowedChannels,
        ["safe phone"] = p.SafePhone,
        ["safe email"] = p.SafeEmail,
        ["safe days"] = p.SafeDays,
        ["safe times"] = $"{p.SafeFrom}-{p.SafeTo}",
        ["safe times note"] = p.SafeTimesNote,
        ["no voicemail"] = p.NoVoicemail.ToString(),
        ["no letters home"] = p.NoLettersHome.ToString(),
        ["no home visits"] = p.NoHomeVisits.ToString(),
        ["code word"] = p.CodeWord,
        ["perpetrator may access phone"] = p.PerpetratorMayAccessPhone.ToString(),
        ["preferred language"] = p.PreferredLanguage,
        ["interpreter"] = p.InterpreterNeeded.ToString(),
        ["accessibility needs"] = p.AccessibilityNeeds,
        ["proxy"] = $"{p.ProxyName}|{p.ProxyRelationship}|{p.ProxyPhone}|{p.ProxyEmail}",
    };

    private static TimeOnly? ReadTime(string? text, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }
        errors.Add(field, $"Enter {label} in the 24-hour clock, like 09:30");
        return null;
    }

    private static void Check(ValidationErrors errors, string? value, string field, string label, int max)
    {
        if (Clean(value) is { Length: var n } && n > max)
        {
            errors.Add(field, $"{label} must be {max} characters or fewer");
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
