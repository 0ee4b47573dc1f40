using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Entitlements.Ledger.Shared;
using Waypoint.Modules.Entitlements.Ledger.ViewLedger;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger.UpdatePlan;

/// <summary>
/// The update plan agreed with the victim (Right 6, the "victim contract"): how often, by which channel, at what
/// times, and when to review it. It replaces the plan in force and starts the R6-UPD clock from the agreed date.
/// </summary>
public sealed class AgreeUpdatePlanRequest
{
    public int? FrequencyDays { get; set; }
    public string? Channel { get; set; }
    public string? PreferredTimes { get; set; }
    public DateOnly? AgreedOn { get; set; }
    public DateOnly? ReviewOn { get; set; }
}

public sealed record AgreedUpdatePlan(Guid Id, Guid CaseId, int FrequencyDays, string Channel, Guid ObligationId, DateOnly FirstUpdateDue);

/// <summary>The plan in force and the earlier ones, newest first.</summary>
public sealed record UpdatePlanHistory(UpdatePlanView? InForce, IReadOnlyList<UpdatePlanView> Earlier);

internal sealed class UpdatePlanHandler(AppDbContext db, CodeClocks clocks, AuditScope audit, IEnumerable<IUpdateChannelCheck> channelChecks)
{
    /// <summary>The channels a victim can choose, as the form offers them.</summary>
    public static readonly IReadOnlyList<string> Channels = ["Phone", "Email", "Text message", "Letter", "In person"];

    public const string NoMoreUpdates = "The victim no longer wants updates";

    public async Task<Result<AgreedUpdatePlan>> AgreeAsync(Guid caseId, AgreeUpdatePlanRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        if (victimCase.Status == CaseStatus.Closed)
        {
            return Fail.Rejected("The case is closed: reopen it before agreeing an update plan.");
        }
        var channel = Channels.FirstOrDefault(c => string.Equals(c, r.Channel?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(r.Channel) && channel is null)
        {
            return Fail.Rejected(nameof(r.Channel), "Select how the victim wants to be updated");
        }
        if (channel is not null)
        {
            foreach (var check in channelChecks)
            {
                if (await check.RefusalAsync(caseId, channel, actor, ct) is { } refusal)
                {
                    return Fail.Rejected(nameof(r.Channel), refusal);
                }
            }
        }
        var today = UkTime.Today(actor.Now);
        var agreed = VictimContract.Agree(victimCase.OrganisationId, caseId, r.FrequencyDays, channel, r.PreferredTimes, r.AgreedOn, r.ReviewOn, today, actor);
        if (agreed.Value is not { } contract)
        {
            return Result<AgreedUpdatePlan>.From(agreed);
        }
        foreach (var previous in await db.VictimContracts.Where(c => c.CaseId == caseId && c.EndedAt == null).ToListAsync(ct))
        {
            previous.End($"Replaced by the plan agreed on {LedgerText.Date(contract.AgreedOn)}", actor);
            audit.Record(AuditOperation.Alteration, "VictimContract", previous.Id.ToString(), victimCase.PersonId, detail: "Ended: replaced by a new update plan");
        }
        db.VictimContracts.Add(contract);
        var replaced = await db.Obligations.Where(o => o.CaseId == caseId && o.Rule == CodeRules.Update && o.Status == ObligationStatus.Open)
            .Select(o => o.Id).ToListAsync(ct);
        var first = await clocks.StartUpdatesAsync(victimCase, contract, actor, ct);
        foreach (var id in replaced)
        {
            audit.Record(AuditOperation.Alteration, "Obligation", id.ToString(), victimCase.PersonId,
                field: "Status", oldValue: nameof(ObligationStatus.Open), newValue: nameof(ObligationStatus.NotApplicable), detail: "R6-UPD replaced by a new update plan");
        }
        await CloseEscalationsAsync(replaced, actor, ct);
        victimCase.Note(TimelineKind.Contract,
            $"Update plan agreed: every {LedgerText.Days(contract.FrequencyDays, "day")} by {contract.Channel.ToLowerInvariant()}; first update ({CodeRules.Update}) due {LedgerText.Date(first.DueOn)}", actor);
        audit.Record(AuditOperation.Collection, "VictimContract", contract.Id.ToString(), victimCase.PersonId,
            detail: $"Update plan agreed: every {contract.FrequencyDays} days by {contract.Channel}");
        audit.Record(AuditOperation.Collection, "Obligation", first.Id.ToString(), victimCase.PersonId, detail: $"{CodeRules.Update} started by update plan {contract.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<AgreedUpdatePlan>.Ok(new AgreedUpdatePlan(contract.Id, caseId, contract.FrequencyDays, contract.Channel, first.Id, first.DueOn));
    }

    /// <summary>The victim no longer wants updates: the plan ends and the open R6-UPD is not applicable, with that reason.</summary>
    public async Task<Result> StopAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused.Result;
        }
        var inForce = await db.VictimContracts.Where(c => c.CaseId == caseId && c.EndedAt == null).ToListAsync(ct);
        if (inForce.Count == 0)
        {
            return Result.Rejected("There is no update plan in force.");
        }
        foreach (var contract in inForce)
        {
            contract.End(NoMoreUpdates, actor);
            audit.Record(AuditOperation.Alteration, "VictimContract", contract.Id.ToString(), victimCase.PersonId, detail: "Ended: the victim no longer wants updates");
        }
        var open = await db.Obligations.Where(o => o.CaseId == caseId && o.Rule == CodeRules.Update && o.Status == ObligationStatus.Open).ToListAsync(ct);
        foreach (var obligation in open)
        {
            obligation.MarkNotApplicable(NoMoreUpdates, actor);
            audit.Record(AuditOperation.Alteration, "Obligation", obligation.Id.ToString(), victimCase.PersonId,
                field: "Status", oldValue: nameof(ObligationStatus.Open), newValue: nameof(ObligationStatus.NotApplicable), detail: $"{obligation.Rule} not applicable: the victim no longer wants updates");
        }
        await CloseEscalationsAsync(open.Select(o => o.Id).ToList(), actor, ct);
        victimCase.Note(TimelineKind.Contract, open.Count == 0
            ? "Update plan ended: the victim no longer wants updates"
            : $"Update plan ended: the victim no longer wants updates ({CodeRules.Update} marked not applicable)", actor);
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

    public async Task<UpdatePlanHistory?> HistoryAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var all = await db.VictimContracts.AsNoTracking().Where(c => c.CaseId == caseId)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new UpdatePlanView(c.Id, c.FrequencyDays, c.Channel, c.PreferredTimes, c.AgreedOn, c.ReviewOn, c.AgreedByName, c.CreatedAt, c.EndedAt, c.EndReason))
            .ToListAsync(ct);
        var inForce = all.FirstOrDefault(c => c.EndedAt is null);
        return new UpdatePlanHistory(inForce, all.Where(c => c != inForce).ToList());
    }

    private async Task CloseEscalationsAsync(List<Guid> obligationIds, Actor actor, CancellationToken ct)
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
}
