using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.MarkNotApplicable;

/// <summary>Declares an open obligation not applicable (the victim opted out, there is no suspect...), always with the reason, which is reported.</summary>
public sealed class MarkNotApplicableRequest
{
    public string? Reason { get; set; }
}

/// <summary>The obligation the page is about.</summary>
public sealed record ObligationToSetAside(Guid Id, Guid CaseId, string Rule, string Title, DateOnly DueOn, ObligationState State);

internal sealed class MarkNotApplicableHandler(AppDbContext db, AuditScope audit)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result> HandleAsync(Guid caseId, Guid obligationId, MarkNotApplicableRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var obligation = victimCase is null ? null : await db.Obligations.SingleOrDefaultAsync(o => o.Id == obligationId && o.CaseId == caseId, ct);
        if (victimCase is null || obligation is null)
        {
            return Result.NotFound();
        }
        if (!actor.CanWriteCases)
        {
            return Result.Forbidden();
        }
        if (r.Reason?.Trim().Length > ReasonMaxLength)
        {
            return Result.Rejected(nameof(r.Reason), $"The reason must be {ReasonMaxLength} characters or fewer");
        }
        var result = obligation.MarkNotApplicable(r.Reason, actor);
        if (!result.Succeeded)
        {
            return result;
        }
        victimCase.Note(TimelineKind.Obligation, $"{obligation.Rule} marked not applicable: {obligation.NotApplicableReason}", actor);
        audit.Record(AuditOperation.Alteration, "Obligation", obligation.Id.ToString(), victimCase.PersonId,
            field: "Status", oldValue: nameof(ObligationStatus.Open), newValue: nameof(ObligationStatus.NotApplicable), detail: $"{obligation.Rule} marked not applicable");
        foreach (var escalation in await db.Escalations.Where(e => e.ObligationId == obligation.Id && e.ClosedAt == null).ToListAsync(ct))
        {
            escalation.Close(actor.Now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(Result.ChangedBySomeoneElse);
        }
        return Result.Ok();
    }

    public async Task<ObligationToSetAside?> FindAsync(Guid caseId, Guid obligationId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var o = await db.Obligations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == obligationId && o.CaseId == caseId, ct);
        return o is null ? null
            : new ObligationToSetAside(o.Id, o.CaseId, o.Rule, CodeRules.Find(o.Rule)?.Title ?? o.Rule, o.DueOn, o.StatusOn(UkTime.Today(actor.Now)));
    }
}
