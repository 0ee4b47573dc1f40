using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Referrals.Shared;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.Consent;

/// <summary>The victim's consent to share their details: with whom (a service of the directory or named in words), what, when and how.</summary>
public sealed class ConsentRequest
{
    public Guid? ServiceId { get; set; }

    /// <summary>Who the details are shared with, when it is not a service of the directory.</summary>
    public string? SharedWith { get; set; }

    /// <summary>Categories shared: contact, crime, needs, risk, health.</summary>
    public List<string>? Shares { get; set; }

    /// <summary>Anything else about what is shared.</summary>
    public string? ShareNote { get; set; }
    public DateOnly? GivenOn { get; set; }

    /// <summary>How consent was given: phone, writing, in-person, proxy.</summary>
    public string? How { get; set; }
}

public sealed class WithdrawConsentRequest
{
    public string? Note { get; set; }
}

public sealed record RecordedConsent(Guid Id, Guid CaseId, Guid? ServiceId, string SharedWith, string WhatIsShared, DateOnly GivenOn, string How, bool InForce);

internal sealed class RecordConsentHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<RecordedConsent>> HandleAsync(Guid caseId, ConsentRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        SupportService? service = null;
        if (r.ServiceId is { } serviceId)
        {
            service = await db.SupportServices.SingleOrDefaultAsync(s => s.Id == serviceId && s.OrganisationId == victimCase.OrganisationId, ct);
            if (service is null)
            {
                errors.Add(nameof(r.ServiceId), "Select a service from the directory");
            }
        }
        else if (string.IsNullOrWhiteSpace(r.SharedWith))
        {
            errors.Add(nameof(r.ServiceId), "Select the service, or enter who the victim agreed to share their details with");
        }
        errors.MaxLength(r.SharedWith, 200, nameof(r.SharedWith), "Who the details are shared with");
        var shares = (r.Shares ?? []).Distinct().ToList();
        if (shares.Any(s => ReferralText.ShareLabel(s) is null))
        {
            errors.Add(nameof(r.Shares), "Select only the kinds of information listed");
        }
        if (shares.Count == 0 && string.IsNullOrWhiteSpace(r.ShareNote))
        {
            errors.Add(nameof(r.Shares), "Select what the victim agreed to share");
        }
        errors.MaxLength(r.ShareNote, 500, nameof(r.ShareNote), "What else is shared");
        if (r.GivenOn is null)
        {
            errors.Add(nameof(r.GivenOn), "Enter the date consent was given");
        }
        else if (r.GivenOn > UkTime.Today(actor.Now))
        {
            errors.Add(nameof(r.GivenOn), "The date consent was given must be today or in the past");
        }
        if (ReferralText.MethodLabel(r.How) is null)
        {
            errors.Add(nameof(r.How), "Select how the victim gave consent");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var sharedWith = service?.Name ?? r.SharedWith!.Trim();
        var what = string.Join("; ", ReferralText.ShareCategories.Where(c => shares.Contains(c.Value)).Select(c => c.Text)
            .Concat(string.IsNullOrWhiteSpace(r.ShareNote) ? [] : [r.ShareNote.Trim()]));
        var how = ReferralText.MethodLabel(r.How)!;
        var consent = new ConsentRecord(victimCase.OrganisationId, caseId, service?.Id, sharedWith, what, r.GivenOn!.Value, how, actor);
        db.ConsentRecords.Add(consent);
        victimCase.Note(TimelineKind.Consent, $"Consent recorded to share details with {sharedWith} (given {ReferralText.Date(consent.GivenOn)}, {how.ToLowerInvariant()})", actor);
        audit.Record(AuditOperation.Collection, "ConsentRecord", consent.Id.ToString(), victimCase.PersonId,
            detail: $"Consent to share with {sharedWith} on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<RecordedConsent>.Created(From(consent));
    }

    public async Task<Result<RecordedConsent>> WithdrawAsync(Guid caseId, Guid consentId, WithdrawConsentRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var consent = await db.ConsentRecords.SingleOrDefaultAsync(c => c.Id == consentId && c.CaseId == caseId, ct);
        if (consent is null)
        {
            return Fail.NotFound;
        }
        if (!consent.InForce)
        {
            return Fail.Rejected(nameof(r.Note), "This consent has already been withdrawn");
        }
        var errors = new ValidationErrors();
        errors.Required(r.Note, nameof(r.Note), "Enter why consent was withdrawn");
        errors.MaxLength(r.Note, 1000, nameof(r.Note), "Why consent was withdrawn");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        consent.Withdraw(r.Note!.Trim(), actor.Now);
        victimCase.Note(TimelineKind.Consent, $"Consent to share details with {consent.SharedWith} withdrawn", actor);
        audit.Record(AuditOperation.Alteration, "ConsentRecord", consent.Id.ToString(), victimCase.PersonId,
            field: "InForce", oldValue: "Yes", newValue: "No", detail: $"Consent to share with {consent.SharedWith} withdrawn on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<RecordedConsent>.Ok(From(consent));
    }

    public static RecordedConsent From(ConsentRecord c) => new(c.Id, c.CaseId, c.ServiceId, c.SharedWith, c.WhatIsShared, c.GivenOn, c.How, c.InForce);
}
