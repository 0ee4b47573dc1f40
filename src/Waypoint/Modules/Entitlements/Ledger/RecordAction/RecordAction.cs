using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.RecordAction;

/// <summary>
/// Something done for the victim, recorded on the case, and the open obligations it meets. This is the only way an
/// obligation becomes met: every met obligation has the recorded action behind it.
/// </summary>
public sealed class RecordActionRequest
{
    public ActionKind? Kind { get; set; }

    /// <summary>When it was done; a time without an offset is taken as UK time.</summary>
    public DateTimeOffset? OccurredAt { get; set; }
    public string? Summary { get; set; }

    /// <summary>The ids of the case's open obligations this action meets.</summary>
    public List<Guid>? Meets { get; set; }
}

public sealed record MetObligation(Guid Id, string Rule, string Status, DateOnly DueDate);

public sealed record RecordedAction(Guid Id, Guid CaseId, ActionKind Kind, DateTime OccurredAt, IReadOnlyList<MetObligation> Met, IReadOnlyList<MetObligation> Started);

/// <summary>An open obligation the form offers: what it is, when it is due, and the kinds of action that can meet it.</summary>
public sealed record OpenObligationOption(Guid Id, string Rule, string Title, DateOnly DueOn, DateOnly TriggerDate, IReadOnlyList<ActionKind> MetBy);

internal sealed class RecordActionHandler(AppDbContext db, CodeClocks clocks, AuditScope audit)
{
    /// <summary>
    /// Records the action and meets the obligations in one save. <c>sourceId</c> names the care record behind the action
    /// (a contact, a message, a referral); <c>alsoSave</c> is called once the action is valid and added, before that save,
    /// for the caller to add its own record, timeline lines and audit entries.
    /// </summary>
    public async Task<Result<RecordedAction>> HandleAsync(Guid caseId, RecordActionRequest r, Actor actor, CancellationToken ct,
        Guid? sourceId = null, Action<VictimCase, CaseAction>? alsoSave = null)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var staged = await StageAsync(victimCase, r, sourceId, actor, ct, alsoSave);
        if (!staged.Succeeded)
        {
            return staged;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return staged;
    }

    /// <summary>
    /// Checks the action and the obligations it meets and adds them (with timeline lines and audit entries) to the
    /// unit of work without saving, so that care work (a contact, a message, a referral) records its own row and
    /// the action in one save. <paramref name="sourceId"/> is that row's id. Nothing is added when it is refused.
    /// </summary>
    internal async Task<Result<RecordedAction>> StageAsync(VictimCase victimCase, RecordActionRequest r, Guid? sourceId, Actor actor, CancellationToken ct,
        Action<VictimCase, CaseAction>? alsoSave = null)
    {
        var caseId = victimCase.Id;
        var errors = new ValidationErrors();
        if (r.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(nameof(r.Kind), "Select what kind of action it was");
            kind = default;
        }
        if (r.OccurredAt is null)
        {
            errors.Add("OccurredOn", "Enter the date it happened");
        }
        var occurredAt = r.OccurredAt?.UtcDateTime ?? actor.Now;
        var recorded = CaseAction.Record(victimCase.OrganisationId, caseId, kind, occurredAt, r.Summary, actor, sourceId);
        foreach (var (field, messages) in recorded.Errors)
        {
            if (field != "OccurredOn" || r.OccurredAt is not null)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        var ids = (r.Meets ?? []).Distinct().ToList();
        var obligations = ids.Count == 0 ? [] : await db.Obligations.Where(o => ids.Contains(o.Id) && o.CaseId == caseId).ToListAsync(ct);
        if (obligations.Count < ids.Count)
        {
            errors.Add(nameof(r.Meets), "Select only obligations of this case");
        }
        var doneOn = UkTime.Today(occurredAt);
        foreach (var obligation in obligations.OrderBy(o => o.DueOn))
        {
            var rule = CodeRules.Find(obligation.Rule);
            if (!obligation.IsOpen)
            {
                errors.Add(nameof(r.Meets), $"{obligation.Rule} is already {Obligation.Describe(obligation.StatusOn(UkTime.Today(actor.Now))).ToLowerInvariant()}: it cannot be met again");
            }
            else if (r.Kind is not null && rule is not null && !rule.MetBy.Contains(kind))
            {
                errors.Add(nameof(r.Meets), $"{Capital(LedgerText.A(kind))} cannot meet {obligation.Rule}: it can only be met by {string.Join(", ", rule.MetBy.Select(LedgerText.A).SkipLast(1))}{(rule.MetBy.Count > 1 ? " or " : "")}{LedgerText.A(rule.MetBy[^1])}");
            }
            else if (r.OccurredAt is not null && doneOn < obligation.TriggerDate)
            {
                errors.Add(nameof(r.Meets), $"{obligation.Rule} started on {LedgerText.Date(obligation.TriggerDate)}, after this action, so the action cannot meet it");
            }
        }
        if (errors.Any || recorded.Value is not { } action)
        {
            return errors.ToFailure();
        }

        db.CaseActions.Add(action);
        alsoSave?.Invoke(victimCase, action);
        victimCase.Note(TimelineKind.ActionRecorded, $"{CodeRules.ActionName(kind)} recorded, done {LedgerText.When(occurredAt)}", actor);
        audit.Record(AuditOperation.Collection, "CaseAction", action.Id.ToString(), victimCase.PersonId,
            detail: $"{kind} on case {caseId}" + (obligations.Count == 0 ? "" : "; meets " + string.Join(", ", obligations.Select(o => o.Rule))));

        var met = new List<MetObligation>(obligations.Count);
        var started = new List<MetObligation>();
        foreach (var obligation in obligations.OrderBy(o => o.DueOn))
        {
            var result = obligation.Meet(action, actor);
            if (!result.Succeeded)
            {
                // Checked above; a refusal here means the rules moved under us: save nothing.
                db.ChangeTracker.Clear();
                return Result<RecordedAction>.From(Result.Rejected(nameof(r.Meets), result.Reason ?? "The action cannot meet this obligation"));
            }
            var onTime = obligation.Status == ObligationStatus.Met;
            met.Add(new MetObligation(obligation.Id, obligation.Rule, Obligation.Code(obligation.StatusOn(doneOn)), obligation.DueOn));
            var lateBy = doneOn.DayNumber - obligation.DueOn.DayNumber;
            victimCase.Note(TimelineKind.Obligation, onTime
                ? $"{obligation.Rule} met on time by the {CodeRules.ActionName(kind).ToLowerInvariant()} (due {LedgerText.Date(obligation.DueOn)})"
                : $"{obligation.Rule} met late by the {CodeRules.ActionName(kind).ToLowerInvariant()} (due {LedgerText.Date(obligation.DueOn)}, {LedgerText.Days(lateBy, "day")} late)", actor);
            audit.Record(AuditOperation.Alteration, "Obligation", obligation.Id.ToString(), victimCase.PersonId,
                field: "Status", oldValue: nameof(ObligationStatus.Open), newValue: obligation.Status.ToString(), detail: $"{obligation.Rule} met by action {action.Id}");
            if (await clocks.NextUpdateAsync(victimCase, obligation, action, actor, ct) is { } next)
            {
                started.Add(new MetObligation(next.Id, next.Rule, Obligation.Code(next.StatusOn(UkTime.Today(actor.Now))), next.DueOn));
                victimCase.Note(TimelineKind.Obligation, $"Next update ({next.Rule}) due {LedgerText.Date(next.DueOn)}", actor);
                audit.Record(AuditOperation.Collection, "Obligation", next.Id.ToString(), victimCase.PersonId, detail: $"{next.Rule} started after update {action.Id}");
            }
        }
        await EscalationsClosedAsync(obligations.Select(o => o.Id).ToList(), actor, ct);
        return Result<RecordedAction>.Ok(new RecordedAction(action.Id, caseId, kind, action.OccurredAt, met, started));
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>An obligation met or set aside closes its escalation.</summary>
    private async Task EscalationsClosedAsync(List<Guid> obligationIds, Actor actor, CancellationToken ct)
    {
        if (obligationIds.Count == 0)
        {
            return;
        }
        foreach (var escalation in await db.Escalations.Where(e => obligationIds.Contains(e.ObligationId) && e.ClosedAt == null).ToListAsync(ct))
        {
            escalation.Close(actor.Now);
        }
    }

    /// <summary>The case's open obligations, for the form's "This action meets" list (404 for a case the actor cannot see).</summary>
    public async Task<IReadOnlyList<OpenObligationOption>?> OpenObligationsAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var open = await db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId && o.Status == ObligationStatus.Open)
            .OrderBy(o => o.DueOn).ThenBy(o => o.Rule)
            .Select(o => new { o.Id, o.Rule, o.DueOn, o.TriggerDate })
            .ToListAsync(ct);
        return open.Select(o => new OpenObligationOption(o.Id, o.Rule, CodeRules.Find(o.Rule)?.Title ?? o.Rule, o.DueOn, o.TriggerDate,
            CodeRules.Find(o.Rule)?.MetBy ?? [])).ToList();
    }
}
