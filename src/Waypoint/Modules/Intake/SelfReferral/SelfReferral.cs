using Waypoint.Modules.Entitlements.Clocks;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.SelfReferral;

/// <summary>What a victim tells us on the public self-referral form (crime reported to police or not).</summary>
public sealed class SelfReferralRequest
{
    /// <summary>The PCC victim hub or police force to send the referral to.</summary>
    public string? OrganisationCode { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }

    /// <summary>"phone", "text" or "email".</summary>
    public string? ContactMethod { get; set; }
    public string? SafeTimes { get; set; }
    public bool? VoicemailSafe { get; set; }
    public string? SafeContactNotes { get; set; }

    /// <summary>"yes", "no" or "not_sure".</summary>
    public string? ReportedToPolice { get; set; }
    public string? CrimeReference { get; set; }
    public string? WhatHappened { get; set; }
    public bool ConsentToContact { get; set; }

    /// <summary>The honeypot: hidden from people, so anything in it came from a bot.</summary>
    public string? Website { get; set; }
}

/// <summary>
/// Takes a self-referral: a person, a crime (with no force unless it was reported to the chosen force), a case in the
/// organisation's intake queue, the referral's own details, and triage. A bot that fills the honeypot is told the same
/// thing as a person and nothing is stored.
/// </summary>
internal sealed class SelfReferralHandler(AppDbContext db, AuditScope audit, CaseTriage triage, CodeClocks clocks, TimeProvider clock, ILogger<SelfReferralHandler> logger)
{
    public const string RateLimitPolicy = "self-referral";
    public const string ConfirmationPath = "/refer/sent";

    public static readonly IReadOnlyList<(string Value, string Text)> ContactMethods =
        [("phone", "Phone call"), ("text", "Text message"), ("email", "Email")];

    public static readonly IReadOnlyList<(string Value, string Text)> ReportedOptions =
        [("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")];

    public async Task<Result> HandleAsync(SelfReferralRequest r, CancellationToken ct, bool validateOnly = false)
    {
        if (!string.IsNullOrEmpty(r.Website))
        {
            logger.LogInformation("Self-referral discarded: the honeypot field was filled in");
            return Result.Ok();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = UkTime.Today(now);
        var errors = new ValidationErrors();

        Organisation? org = null;
        if (string.IsNullOrWhiteSpace(r.OrganisationCode))
        {
            errors.Add(nameof(r.OrganisationCode), "Select who to send your referral to");
        }
        else
        {
            var code = Organisation.NormaliseCode(r.OrganisationCode);
            org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code && (o.Type == OrganisationType.PccVictimHub || o.Type == OrganisationType.PoliceForce), ct);
            if (org is null)
            {
                errors.Add(nameof(r.OrganisationCode), "Select who to send your referral to");
            }
        }
        errors.Required(r.FirstName, nameof(r.FirstName), "Enter your first name");
        errors.MaxLength(r.FirstName, 100, nameof(r.FirstName), "First name");
        errors.MaxLength(r.LastName, 100, nameof(r.LastName), "Last name");
        if (r.DateOfBirth is { } dob && dob > today)
        {
            errors.Add(nameof(r.DateOfBirth), "Date of birth must be in the past");
        }
        errors.MaxLength(r.Mobile, 40, nameof(r.Mobile), "Mobile number");
        errors.MaxLength(r.Phone, 40, nameof(r.Phone), "Other phone number");
        errors.Email(r.Email, nameof(r.Email));
        var hasPhone = !string.IsNullOrWhiteSpace(r.Mobile) || !string.IsNullOrWhiteSpace(r.Phone);
        var hasEmail = !string.IsNullOrWhiteSpace(r.Email);
        if (!hasPhone && !hasEmail)
        {
            errors.Add(nameof(r.Mobile), "Enter a phone number or an email address so we can contact you");
        }
        var method = ContactMethods.FirstOrDefault(m => m.Value == r.ContactMethod);
        if (method.Value is null)
        {
            errors.Add(nameof(r.ContactMethod), "Select how it is safe to contact you");
        }
        else if (method.Value is "phone" or "text" && !hasPhone && hasEmail)
        {
            errors.Add(nameof(r.Mobile), "Enter a phone number we can call or text");
        }
        else if (method.Value == "email" && !hasEmail && hasPhone)
        {
            errors.Add(nameof(r.Email), "Enter your email address");
        }
        errors.MaxLength(r.SafeTimes, 500, nameof(r.SafeTimes), "When it is safe to contact you");
        errors.MaxLength(r.SafeContactNotes, 500, nameof(r.SafeContactNotes), "Anything else about contacting you safely");
        var reported = ReportedOptions.FirstOrDefault(o => o.Value == r.ReportedToPolice).Value;
        if (reported is null)
        {
            errors.Add(nameof(r.ReportedToPolice), "Select whether you have reported it to the police");
        }
        errors.MaxLength(r.CrimeReference, 40, nameof(r.CrimeReference), "Crime reference");
        errors.MaxLength(r.WhatHappened, 3000, nameof(r.WhatHappened), "What happened");
        if (!r.ConsentToContact)
        {
            errors.Add(nameof(r.ConsentToContact), "Select that you agree to us contacting you: we cannot take your referral without it");
        }
        if (errors.Any || org is null)
        {
            return errors.ToResult();
        }
        if (validateOnly)
        {
            return Result.Ok();
        }

        var system = Actor.System(org.Id, now, "Self-referral form");
        var actor = new Actor
        {
            UserId = null,
            Name = system.Name,
            OrganisationId = org.Id,
            OrganisationName = org.Name,
            OrganisationCode = org.Code,
            Now = now,
            Channel = "public",
        };
        audit.Actor = actor;

        var reportedToPolice = reported switch { "yes" => true, "no" => (bool?)false, _ => null };
        // A reference the victim typed is not the force's word for it: it stays in the referral, never in the crime's
        // reference, so it cannot collide with (or be mistaken for) what the police feed sends.
        var force = reportedToPolice == true && org.Type == OrganisationType.PoliceForce ? org.Id : (Guid?)null;
        var crime = db.Crimes.Add(new Crime(force, null, new CrimeDetails(null, OffenceSummary(r.WhatHappened), today, null, null, null, null, null), now)).Entity;
        var person = db.People.Add(new Person(org.Id, null, null,
            new PersonDetails(r.FirstName, r.LastName, null, r.DateOfBirth, r.Phone, r.Mobile, r.Email, null, null, null, null, null, false,
                ContactRestrictions: r.VoicemailSafe == false ? ["no_voicemail"] : null), now)).Entity;
        var victimCase = db.Cases.Add(new VictimCase(org.Id, person, crime, PersonRole.Victim, CaseSource.SelfReferral, null, actor)).Entity;

        var safeMethod = method.Text
            + (r.VoicemailSafe switch { true => ". It is safe to leave a voicemail", false => ". Do not leave a voicemail", _ => "" })
            + (string.IsNullOrWhiteSpace(r.SafeContactNotes) ? "" : ". " + r.SafeContactNotes.Trim());
        var whatHappened = string.IsNullOrWhiteSpace(r.CrimeReference)
            ? r.WhatHappened
            : $"Crime reference given: {r.CrimeReference.Trim()}\n{r.WhatHappened}";
        db.Referrals.Add(new Referral(org.Id, victimCase.Id, CaseSource.SelfReferral,
            new ReferralDetails(null, null, null, reportedToPolice, whatHappened, safeMethod, r.SafeTimes, ConsentToContact: true), now));
        await triage.ApplyAsync(victimCase, actor, ct);
        await clocks.StartForNewCaseAsync(victimCase, actor, ct);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The crime's description: the first line of what happened, short enough for a list; "Not stated" without it.</summary>
    internal static string OffenceSummary(string? whatHappened)
    {
        var first = whatHappened?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return "Not stated";
        }
        return first.Length <= 120 ? first : first[..117].TrimEnd() + "...";
    }
}
