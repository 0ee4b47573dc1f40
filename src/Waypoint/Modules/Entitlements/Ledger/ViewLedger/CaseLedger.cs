using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.ViewLedger;

/// <summary>A case's Victims' Code obligations with the evidence behind each, as the ledger shows them.</summary>
public sealed record CaseLedger(
    Guid CaseId,
    EntitlementLevel Level,
    CaseStatus CaseStatus,
    DateOnly Today,
    IReadOnlyList<LedgerEntry> Obligations,
    UpdatePlanView? Plan)
{
    public int Overdue => Obligations.Count(o => o.State == ObligationState.Overdue);
    public int DueToday => Obligations.Count(o => o.State == ObligationState.Open && o.DueOn == Today);
    public int OpenNotDue => Obligations.Count(o => o.State == ObligationState.Open && o.DueOn > Today);
    public int Met => Obligations.Count(o => o.State is ObligationState.Met or ObligationState.Late);
    public int MetLate => Obligations.Count(o => o.State == ObligationState.Late);

    public IEnumerable<LedgerEntry> ForRight(int right) => Obligations.Where(o => o.Right == right);
}

/// <summary>One obligation and how it ended: the recorded action behind a met one, or the reason it does not apply.</summary>
public sealed record LedgerEntry(
    Guid Id,
    string Rule,
    int Right,
    string Title,
    ObligationOwner Owner,
    TriggerKind Trigger,
    string TriggerSummary,
    DateTime TriggeredAt,
    DateOnly DueOn,
    bool Enhanced,
    int StandardDays,
    int EnhancedDays,
    ObligationState State,
    DateTime? CompletedAt,
    string? CompletedByName,
    string? NotApplicableReason,
    LedgerAction? Action)
{
    public bool IsOpen => State is ObligationState.Open or ObligationState.Overdue;

    public ClockKind Clock => CodeRules.Find(Rule)?.Clock ?? ClockKind.WorkingDays;

    public int Days => Enhanced ? EnhancedDays : StandardDays;
}

public sealed record LedgerAction(Guid Id, ActionKind Kind, DateTime OccurredAt, string Summary, string RecordedByName);

public sealed record UpdatePlanView(Guid Id, int FrequencyDays, string Channel, string? PreferredTimes, DateOnly AgreedOn, DateOnly? ReviewOn,
    string AgreedByName, DateTime CreatedAt, DateTime? EndedAt, string? EndReason);

/// <summary>Loads the ledger of a case the actor may see (404 otherwise). The case page logs the consultation.</summary>
internal sealed class CaseLedgerHandler(AppDbContext db)
{
    public async Task<Result<CaseLedger>> HandleAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.EntitlementLevel, c.Status })
            .SingleOrDefaultAsync(ct);
        if (victimCase is null)
        {
            return Fail.NotFound;
        }
        var today = UkTime.Today(actor.Now);
        var obligations = await db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId)
            .OrderBy(o => o.Right).ThenBy(o => o.TriggeredAt).ThenBy(o => o.Rule)
            .ToListAsync(ct);
        var actionIds = obligations.Where(o => o.ActionId != null).Select(o => o.ActionId!.Value).Distinct().ToList();
        var actions = await db.CaseActions.AsNoTracking().Where(a => a.CaseId == caseId && actionIds.Contains(a.Id))
            .Select(a => new LedgerAction(a.Id, a.Kind, a.OccurredAt, a.Summary, a.RecordedByName))
            .ToDictionaryAsync(a => a.Id, ct);
        var entries = obligations.Select(o => new LedgerEntry(o.Id, o.Rule, o.Right, CodeRules.Find(o.Rule)?.Title ?? o.Rule, o.Owner, o.Trigger,
                o.TriggerSummary, o.TriggeredAt, o.DueOn, o.Enhanced, o.StandardDays, o.EnhancedDays, o.StatusOn(today), o.CompletedAt,
                o.CompletedByName, o.NotApplicableReason, o.ActionId is { } id ? actions.GetValueOrDefault(id) : null))
            .ToList();
        var plan = await db.VictimContracts.AsNoTracking().Where(c => c.CaseId == caseId && c.EndedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new UpdatePlanView(c.Id, c.FrequencyDays, c.Channel, c.PreferredTimes, c.AgreedOn, c.ReviewOn, c.AgreedByName, c.CreatedAt, c.EndedAt, c.EndReason))
            .FirstOrDefaultAsync(ct);
        return Result<CaseLedger>.Ok(new CaseLedger(caseId, victimCase.EntitlementLevel, victimCase.Status, today, entries, plan));
    }
}

/// <summary>One obligation as GET /api/v1/cases/{caseId}/obligations returns it (feeds.md §3, with a few more fields).</summary>
public sealed record ObligationResponse(
    Guid Id,
    string Rule,
    int Right,
    string Title,
    string Trigger,
    DateTime TriggeredAt,
    DateOnly DueDate,
    string Status,
    DateTime? MetAt,
    ObligationOwner Owner,
    bool Enhanced,
    string? NotApplicableReason,
    Guid? ActionId)
{
    public static ObligationResponse From(LedgerEntry e) => new(e.Id, e.Rule, e.Right, e.Title, e.TriggerSummary, e.TriggeredAt, e.DueOn,
        Obligation.Code(e.State), e.State is ObligationState.Met or ObligationState.Late ? e.CompletedAt : null, e.Owner, e.Enhanced,
        e.NotApplicableReason, e.Action?.Id);
}
