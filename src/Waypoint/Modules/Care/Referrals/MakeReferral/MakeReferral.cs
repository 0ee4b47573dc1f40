using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Referrals.Shared;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.RecordAction;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.MakeReferral;

/// <summary>A referral of the victim to a service of the directory, with the consent behind it or a safeguarding reason.</summary>
public sealed class ReferralRequest
{
    public Guid? ServiceId { get; set; }

    /// <summary>The consent in force for that service; when left out, the case's consent in force for it is used.</summary>
    public Guid? ConsentId { get; set; }

    /// <summary>Referring without consent: only to safeguard the victim or others, with the reason (10 characters or more).</summary>
    public string? SafeguardingOverrideReason { get; set; }
    public DateOnly? SentOn { get; set; }
    public string? Note { get; set; }

    /// <summary>The ids of the case's open obligations the referral meets (R4-REF above all).</summary>
    public List<Guid>? Meets { get; set; }
}

public sealed class ReferralStatusRequest
{
    /// <summary>accepted, declined, started, completed or withdrawn.</summary>
    public ReferralStatus? Status { get; set; }
    public string? Outcome { get; set; }
    public int? Version { get; set; }
}

public sealed record ReferralResponse(Guid Id, Guid CaseId, Guid ServiceId, string ServiceName, Guid? ConsentId, string? SafeguardingOverrideReason,
    DateOnly SentOn, string? Note, ReferralStatus Status, DateTime StatusChangedAt, string? Outcome, Guid? ActionId, string ByName, int Version);

public sealed record MadeReferral(Guid Id, Guid CaseId, Guid ActionId, IReadOnlyList<MetObligation> Met);

internal sealed class MakeReferralHandler(AppDbContext db, RecordActionHandler actions, AuditScope audit)
{
    public const int MinimumOverrideReason = 10;

    public async Task<Result<MadeReferral>> HandleAsync(Guid caseId, ReferralRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        SupportService? service = null;
        if (r.ServiceId is not { } serviceId)
        {
            errors.Add(nameof(r.ServiceId), "Select the service to refer the victim to");
        }
        else
        {
            service = await db.SupportServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.OrganisationId == victimCase.OrganisationId, ct);
            if (service is null)
            {
                errors.Add(nameof(r.ServiceId), "Select a service from the directory");
            }
            else if (!service.Active)
            {
                errors.Add(nameof(r.ServiceId), $"{service.Name} has been withdrawn from the directory: choose another service");
            }
        }
        if (r.SentOn is null)
        {
            errors.Add(nameof(r.SentOn), "Enter the date the referral was sent");
        }
        else if (r.SentOn > UkTime.Today(actor.Now))
        {
            errors.Add(nameof(r.SentOn), "The date the referral was sent must be today or in the past");
        }
        errors.MaxLength(r.Note, 2000, nameof(r.Note), "The note");
        var overrideReason = string.IsNullOrWhiteSpace(r.SafeguardingOverrideReason) ? null : r.SafeguardingOverrideReason.Trim();
        if (overrideReason is { Length: < MinimumOverrideReason })
        {
            errors.Add(nameof(r.SafeguardingOverrideReason), $"Enter the safeguarding reason for referring without consent, in at least {MinimumOverrideReason} characters");
        }
        errors.MaxLength(overrideReason, 1000, nameof(r.SafeguardingOverrideReason), "The safeguarding reason");

        ConsentRecord? consent = null;
        if (service is not null)
        {
            var inForce = await db.ConsentRecords.AsNoTracking()
                .Where(c => c.CaseId == caseId && c.ServiceId == service.Id && c.WithdrawnAt == null)
                .OrderByDescending(c => c.GivenOn).ToListAsync(ct);
            consent = r.ConsentId is { } consentId ? inForce.FirstOrDefault(c => c.Id == consentId) : inForce.FirstOrDefault();
            if (consent is null && overrideReason is null)
            {
                errors.Add(nameof(r.ConsentId), r.ConsentId is not null && inForce.Count > 0
                    ? $"Select a consent in force to share the victim's details with {service.Name}"
                    : $"Record the victim's consent to share their details with {service.Name} before referring");
            }
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var sentOn = r.SentOn!.Value;
        var withoutConsent = consent is null;
        var referral = new ServiceReferral(victimCase.OrganisationId, caseId, service!.Id, consent?.Id, withoutConsent ? overrideReason : null,
            sentOn, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), actor);
        var request = new RecordActionRequest
        {
            Kind = ActionKind.Referral,
            OccurredAt = new DateTimeOffset(ReferralText.Moment(sentOn, actor), TimeSpan.Zero),
            Summary = $"Referred to {service.Name}" + (withoutConsent ? " without consent, to safeguard" : " with the victim's consent"),
            Meets = r.Meets,
        };
        var recorded = await actions.HandleAsync(caseId, request, actor, ct, sourceId: referral.Id, alsoSave: (tracked, action) =>
        {
            referral.ActionId = action.Id;
            db.ServiceReferrals.Add(referral);
            tracked.Note(TimelineKind.Referral, withoutConsent
                ? $"Referred to {service.Name} without consent (safeguarding override)"
                : $"Referred to {service.Name} with consent given {ReferralText.Date(consent!.GivenOn)}", actor);
            audit.Record(AuditOperation.Disclosure, "ServiceReferral", referral.Id.ToString(), tracked.PersonId, recipient: service.Name,
                detail: $"Referral on case {caseId} to {service.Name}" + (withoutConsent ? "; safeguarding override without consent" : $"; consent {consent!.Id}"));
        });
        if (!recorded.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<MadeReferral>.From(recorded);
        }
        return Result<MadeReferral>.Created(new MadeReferral(referral.Id, caseId, recorded.Value!.Id, recorded.Value.Met));
    }

    public async Task<Result<ReferralResponse>> ChangeStatusAsync(Guid caseId, Guid referralId, ReferralStatusRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var referral = await db.ServiceReferrals.SingleOrDefaultAsync(x => x.Id == referralId && x.CaseId == caseId, ct);
        if (referral is null)
        {
            return Fail.NotFound;
        }
        if (r.Version is { } version && version != referral.Version)
        {
            return Fail.Conflict;
        }
        var errors = new ValidationErrors();
        if (r.Status is not { } status || !Enum.IsDefined(status) || status == ReferralStatus.Sent)
        {
            errors.Add(nameof(r.Status), "Select the referral's new status");
            status = default;
        }
        else if (status == referral.Status)
        {
            errors.Add(nameof(r.Status), $"The referral is already {ReferralText.StatusName(status).ToLowerInvariant()}");
        }
        else if (referral.Status is ReferralStatus.Completed or ReferralStatus.Withdrawn or ReferralStatus.Declined)
        {
            errors.Add(nameof(r.Status), $"The referral is {ReferralText.StatusName(referral.Status).ToLowerInvariant()}: its status cannot change");
        }
        errors.MaxLength(r.Outcome, 2000, nameof(r.Outcome), "The outcome");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var serviceName = await db.SupportServices.Where(s => s.Id == referral.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var before = referral.Status;
        referral.ChangeStatus(status, r.Outcome, actor.Now);
        victimCase.Note(TimelineKind.Referral, $"Referral to {serviceName}: {ReferralText.StatusName(status).ToLowerInvariant()}", actor);
        audit.Record(AuditOperation.Alteration, "ServiceReferral", referral.Id.ToString(), victimCase.PersonId,
            field: nameof(ServiceReferral.Status), oldValue: before.ToString(), newValue: status.ToString(), detail: $"Referral on case {caseId} to {serviceName}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<ReferralResponse>.Ok((await GetAsync(caseId, referralId, actor, ct))!);
    }

    public async Task<IReadOnlyList<ReferralResponse>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        return await Query(caseId, null).ToListAsync(ct);
    }

    public async Task<ReferralResponse?> GetAsync(Guid caseId, Guid referralId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        return await Query(caseId, referralId).SingleOrDefaultAsync(ct);
    }

    private IQueryable<ReferralResponse> Query(Guid caseId, Guid? referralId) =>
        from x in db.ServiceReferrals.AsNoTracking()
        join s in db.SupportServices on x.ServiceId equals s.Id
        where x.CaseId == caseId && (referralId == null || x.Id == referralId)
        orderby x.CreatedAt descending
        select new ReferralResponse(x.Id, x.CaseId, x.ServiceId, s.Name, x.ConsentId, x.SafeguardingOverrideReason, x.SentOn, x.Note,
            x.Status, x.StatusChangedAt, x.Outcome, x.ActionId, x.ByName, x.Version);
}
