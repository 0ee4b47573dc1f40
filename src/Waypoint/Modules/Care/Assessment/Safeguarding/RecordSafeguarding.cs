using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Assessment.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Tasks;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment.Safeguarding;

public sealed class SafeguardingRequest
{
    public SafeguardingSubject? Subject { get; set; }
    public SafeguardingDestination? Destination { get; set; }

    /// <summary>Which authority or hub, for example "Northshire County Council MASH".</summary>
    public string? DestinationName { get; set; }
    public string? Concern { get; set; }
    public DateOnly? SentOn { get; set; }
    public string? Reference { get; set; }

    /// <summary>The NDM rationale of the safeguarding decision (required).</summary>
    public NdmInput? Rationale { get; set; }
}

public sealed class SafeguardingOutcomeRequest
{
    public string? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
}

public sealed record SafeguardingDto(Guid Id, Guid CaseId, SafeguardingSubject Subject, SafeguardingDestination Destination, string DestinationName, string Concern,
    DateOnly SentOn, string? Reference, NdmDto? Rationale, string? Outcome, DateOnly? OutcomeOn, string? OutcomeByName, string ByName, DateTime RecordedAt)
{
    public static SafeguardingDto From(SafeguardingReferral s) => new(s.Id, s.CaseId, s.Subject, s.Destination, s.DestinationName, s.Concern, s.SentOn,
        s.Reference, NdmDto.From(s.Rationale), s.Outcome, s.OutcomeOn, s.OutcomeByName, s.ByName, s.RecordedAt);
}

/// <summary>
/// Safeguarding referrals (adult or child): recorded with the decision's NDM rationale; each raises a follow-up task
/// to chase the outcome (5 working days), done when the outcome is recorded.
/// </summary>
internal sealed class RecordSafeguardingHandler(AppDbContext db, CaseTasks tasks, AuditScope audit)
{
    public const int FollowUpWorkingDays = 5;

    public async Task<Result<SafeguardingDto>> HandleAsync(Guid caseId, SafeguardingRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        if (r.Subject is not { } subject || !Enum.IsDefined(subject))
        {
            errors.Add(nameof(r.Subject), "Select whether the concern is about an adult or a child");
            subject = default;
        }
        if (r.Destination is not { } destination || !Enum.IsDefined(destination))
        {
            errors.Add(nameof(r.Destination), "Select where the referral was sent");
            destination = default;
        }
        var name = string.IsNullOrWhiteSpace(r.DestinationName) ? null : r.DestinationName.Trim();
        errors.Required(name, nameof(r.DestinationName), "Enter the local authority or hub the referral was sent to");
        errors.MaxLength(name, 200, nameof(r.DestinationName), "The local authority or hub");
        var concern = string.IsNullOrWhiteSpace(r.Concern) ? null : r.Concern.Trim();
        errors.Required(concern, nameof(r.Concern), "Enter the safeguarding concern");
        errors.MaxLength(concern, 2000, nameof(r.Concern), "The concern");
        var reference = string.IsNullOrWhiteSpace(r.Reference) ? null : r.Reference.Trim();
        errors.MaxLength(reference, 100, nameof(r.Reference), "The reference");
        var today = UkTime.Today(actor.Now);
        if (r.SentOn is not { } sentOn)
        {
            errors.Add(nameof(r.SentOn), "Enter the date the referral was sent");
            sentOn = today;
        }
        else if (sentOn > today)
        {
            errors.Add(nameof(r.SentOn), "The date the referral was sent must be today or in the past");
        }
        var rationale = NdmInput.Read(r.Rationale, errors, required: true, "Record the National Decision Model rationale for the safeguarding decision");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var referral = new SafeguardingReferral(victimCase.OrganisationId, caseId, subject, destination, name!, concern!, sentOn, reference, rationale, actor);
        db.SafeguardingReferrals.Add(referral);
        victimCase.Note(TimelineKind.Risk, $"Safeguarding referral ({SafeguardingReferral.SubjectName(subject).ToLowerInvariant()}) sent to {name}", actor);
        audit.Record(AuditOperation.Collection, "SafeguardingReferral", referral.Id.ToString(), victimCase.PersonId, detail: $"SafeguardingReferral recorded on case {caseId}");
        audit.Record(AuditOperation.Disclosure, "SafeguardingReferral", referral.Id.ToString(), victimCase.PersonId, recipient: name,
            detail: $"{subject} safeguarding referral on case {caseId} to {destination}");
        await tasks.RaiseAsync(victimCase, CaseTaskKind.SafeguardingFollowUp, "Chase the safeguarding referral's outcome",
            $"Safeguarding referral sent to {name} on {sentOn:d MMMM yyyy}: record its outcome", FollowUpWorkingDays, referral.Id, actor, ct);
        await db.SaveChangesAsync(ct);
        return Result<SafeguardingDto>.Created(SafeguardingDto.From(referral));
    }

    public async Task<Result<SafeguardingDto>> RecordOutcomeAsync(Guid caseId, Guid referralId, SafeguardingOutcomeRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var referral = victimCase is null ? null : await db.SafeguardingReferrals.SingleOrDefaultAsync(s => s.Id == referralId && s.CaseId == caseId, ct);
        if (victimCase is null || referral is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        var outcome = string.IsNullOrWhiteSpace(r.Outcome) ? null : r.Outcome.Trim();
        errors.Required(outcome, nameof(r.Outcome), "Enter the outcome of the referral");
        errors.MaxLength(outcome, 2000, nameof(r.Outcome), "The outcome");
        var today = UkTime.Today(actor.Now);
        var on = r.OutcomeOn ?? today;
        if (on > today)
        {
            errors.Add(nameof(r.OutcomeOn), "The date of the outcome must be today or in the past");
        }
        else if (on < referral.SentOn)
        {
            errors.Add(nameof(r.OutcomeOn), "The date of the outcome must be on or after the date the referral was sent");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var before = referral.Outcome;
        referral.RecordOutcome(outcome!, on, actor);
        foreach (var followUp in await db.CaseTasks.Where(t => t.SourceId == referral.Id && t.Status == CaseTaskStatus.Open).ToListAsync(ct))
        {
            followUp.Close(CaseTaskStatus.Done, "Outcome recorded: " + (outcome!.Length > 1900 ? outcome[..1900] : outcome), null, actor);
        }
        victimCase.Note(TimelineKind.Risk, $"Safeguarding referral outcome recorded ({referral.DestinationName})", actor);
        audit.Record(AuditOperation.Alteration, "SafeguardingReferral", referral.Id.ToString(), victimCase.PersonId, field: "Outcome", oldValue: before, newValue: outcome,
            detail: $"Safeguarding referral outcome on case {caseId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<SafeguardingDto>.Ok(SafeguardingDto.From(referral));
    }

    public async Task<IReadOnlyList<SafeguardingDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var list = await db.SafeguardingReferrals.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.SentOn).ThenByDescending(s => s.RecordedAt).ToListAsync(ct);
        return list.Select(SafeguardingDto.From).ToList();
    }
}
