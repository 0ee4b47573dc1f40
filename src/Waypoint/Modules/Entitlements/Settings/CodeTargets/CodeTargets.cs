using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Settings.CodeTargets;

/// <summary>
/// One Code rule with the A3 defaults and the organisation's targets in force. The days are null for a rule whose
/// clock is not a working-day target (R6-UPD: a calendar-day frequency set per victim by their update plan).
/// </summary>
public sealed record CodeTargetRow(
    string Rule,
    string Title,
    int Right,
    string RightName,
    string Trigger,
    ObligationOwner Owner,
    ClockKind Clock,
    bool Editable,
    bool Live,
    int? DefaultStandardDays,
    int? DefaultEnhancedDays,
    int? StandardDays,
    int? EnhancedDays,
    bool Customised,
    DateTime? ChangedAt,
    string? ChangedByName,
    int Version);

public sealed class CodeTargetRequest
{
    /// <summary>Working days for standard rights.</summary>
    public int? StandardDays { get; set; }

    /// <summary>Working days for enhanced rights: never more than for standard rights.</summary>
    public int? EnhancedDays { get; set; }

    /// <summary>The target's version as read: someone else's change in between is a conflict.</summary>
    public int? Version { get; set; }
}

/// <summary>
/// The organisation's Code targets: A3's defaults until a Unit Administrator changes them. A change applies to
/// obligations started after it (each obligation keeps the targets it started with) and is audited.
/// </summary>
internal sealed class CodeTargetsHandler(AppDbContext db, AuditScope audit)
{
    public const string NotEditableReason =
        "R6-UPD is not a working-day target: it is a frequency in calendar days, agreed with each victim in their update plan. Change it on the victim's case.";

    public async Task<Result<IReadOnlyList<CodeTargetRow>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        var own = await OwnAsync(actor, ct);
        return Result<IReadOnlyList<CodeTargetRow>>.Ok(CodeRules.All.Select(r => Row(r, own.GetValueOrDefault(r.Id))).ToList());
    }

    public async Task<Result<CodeTargetRow>> GetAsync(string ruleId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        if (Find(ruleId) is not { } rule)
        {
            return Fail.NotFound;
        }
        var target = await db.RuleTargets.AsNoTracking().SingleOrDefaultAsync(t => t.OrganisationId == actor.OrganisationId && t.Rule == rule.Id, ct);
        return Result<CodeTargetRow>.Ok(Row(rule, target));
    }

    public async Task<Result<CodeTargetRow>> ChangeAsync(string ruleId, CodeTargetRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Fail.Forbidden;
        }
        if (Find(ruleId) is not { } rule)
        {
            return Fail.NotFound;
        }
        if (rule.Clock != ClockKind.WorkingDays)
        {
            return Fail.Rejected(NotEditableReason);
        }
        var errors = new Dictionary<string, string[]>();
        if (r.StandardDays is null)
        {
            errors[nameof(r.StandardDays)] = ["Enter the target for standard rights, in working days"];
        }
        if (r.EnhancedDays is null)
        {
            errors[nameof(r.EnhancedDays)] = ["Enter the target for enhanced rights, in working days"];
        }
        if (errors.Count > 0)
        {
            return Fail.Rejected(errors);
        }
        var target = await db.RuleTargets.SingleOrDefaultAsync(t => t.OrganisationId == actor.OrganisationId && t.Rule == rule.Id, ct);
        if (target is not null && r.Version is { } version && version != target.Version)
        {
            return Fail.Conflict;
        }
        var (standard, enhanced) = (r.StandardDays!.Value, r.EnhancedDays!.Value);
        var (oldStandard, oldEnhanced) = target is null ? (rule.StandardDays, rule.EnhancedDays) : (target.StandardDays, target.EnhancedDays);
        if (target is null)
        {
            var created = RuleTarget.Create(actor.OrganisationId, rule, standard, enhanced, actor);
            if (!created.Succeeded)
            {
                return Result<CodeTargetRow>.From(created);
            }
            if ((standard, enhanced) == (oldStandard, oldEnhanced))
            {
                // The defaults, unchanged: nothing to keep or to audit.
                return Result<CodeTargetRow>.Ok(Row(rule, null));
            }
            target = created.Value!;
            db.RuleTargets.Add(target);
        }
        else
        {
            if ((standard, enhanced) == (oldStandard, oldEnhanced))
            {
                return Result<CodeTargetRow>.Ok(Row(rule, target));
            }
            var changed = target.Change(standard, enhanced, actor);
            if (!changed.Succeeded)
            {
                return Result<CodeTargetRow>.From(changed);
            }
        }
        audit.Record(AuditOperation.Administration, nameof(RuleTarget), rule.Id,
            detail: $"{rule.Id}: standard {oldStandard} -> {standard}, enhanced {oldEnhanced} -> {enhanced}",
            field: "Target", oldValue: Describe(oldStandard, oldEnhanced), newValue: Describe(standard, enhanced));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator changed or first set this target in between.
            return Fail.Conflict;
        }
        return Result<CodeTargetRow>.Ok(Row(rule, target));
    }

    /// <summary>Back to A3's default: the organisation's own target is deleted.</summary>
    public async Task<Result> ResetAsync(string ruleId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdministrator())
        {
            return Result.Forbidden();
        }
        if (Find(ruleId) is not { } rule)
        {
            return Result.NotFound();
        }
        var target = await db.RuleTargets.SingleOrDefaultAsync(t => t.OrganisationId == actor.OrganisationId && t.Rule == rule.Id, ct);
        if (target is null)
        {
            return Result.Ok();
        }
        db.RuleTargets.Remove(target);
        audit.Record(AuditOperation.Administration, nameof(RuleTarget), rule.Id,
            detail: $"{rule.Id}: reset to the default, standard {target.StandardDays} -> {rule.StandardDays}, enhanced {target.EnhancedDays} -> {rule.EnhancedDays}",
            field: "Target", oldValue: Describe(target.StandardDays, target.EnhancedDays), newValue: Describe(rule.StandardDays, rule.EnhancedDays));
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

    private async Task<Dictionary<string, RuleTarget>> OwnAsync(Actor actor, CancellationToken ct) =>
        (await db.RuleTargets.AsNoTracking().Where(t => t.OrganisationId == actor.OrganisationId).ToListAsync(ct))
            .ToDictionary(t => t.Rule, StringComparer.Ordinal);

    private static CodeRule? Find(string? ruleId) => ruleId is null ? null : CodeRules.Find(ruleId.ToUpperInvariant());

    private static string Describe(int standard, int enhanced) => $"standard {standard}, enhanced {enhanced}";

    private static CodeTargetRow Row(CodeRule rule, RuleTarget? target)
    {
        var editable = rule.Clock == ClockKind.WorkingDays;
        return new CodeTargetRow(rule.Id, rule.Title, rule.Right, CodeRules.RightName(rule.Right), rule.Trigger, rule.Owner, rule.Clock, editable, rule.Live,
            editable ? rule.StandardDays : null, editable ? rule.EnhancedDays : null,
            editable ? target?.StandardDays ?? rule.StandardDays : null, editable ? target?.EnhancedDays ?? rule.EnhancedDays : null,
            target is not null, target?.ChangedAt, target?.ChangedByName, target?.Version ?? 0);
    }
}
