using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Plan.Outcomes;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Closure;

/// <summary>A reason a case closes (Waypoint:Care:ClosureReasons).</summary>
public sealed class ClosureReason
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>False when the victim cannot give exit answers (they declined support, or could not be contacted).</summary>
    public bool ExitMeasuresRequired { get; set; } = true;

    /// <summary>True for "other": the reason must be described.</summary>
    public bool NoteRequired { get; set; }
}

public sealed class ClosureOptions
{
    public List<ClosureReason> Reasons { get; set; } = [];

    public static readonly IReadOnlyList<ClosureReason> DefaultReasons =
    [
        new() { Id = "support-completed", Text = "Support completed" },
        new() { Id = "victim-declined", Text = "Victim declined support", ExitMeasuresRequired = false },
        new() { Id = "unable-to-contact", Text = "Unable to contact the victim", ExitMeasuresRequired = false },
        new() { Id = "moved-area", Text = "Victim moved out of the area" },
        new() { Id = "referred-on", Text = "Referred on to another service" },
        new() { Id = "other", Text = "Other", NoteRequired = true },
    ];

    public IReadOnlyList<ClosureReason> ReasonsInForce => Reasons.Count > 0 ? Reasons : DefaultReasons;
}

public sealed class CloseRequest
{
    /// <summary>A reason id from the configured list (support-completed, victim-declined, unable-to-contact, moved-area, referred-on, other).</summary>
    public string? Reason { get; set; }

    /// <summary>Required when the reason is "other".</summary>
    public string? ReasonNote { get; set; }
    public string? ClosingNote { get; set; }

    /// <summary>Exit outcome answers per question id ("1" to "5" or "none"); every question needs one unless the reason says otherwise.</summary>
    public Dictionary<string, string?>? ExitAnswers { get; set; }

    /// <summary>
    /// Must be true to close a high-risk case: the closure then waits for a Team Leader of the case's team. Without it a
    /// high-risk case is refused (400) and nothing changes.
    /// </summary>
    public bool SendForApproval { get; set; }
}

public sealed class ClosureDecisionRequest
{
    /// <summary>Why the Team Leader declines (required to decline).</summary>
    public string? Reason { get; set; }

    /// <summary>The closure's version as read; a changed version answers 409.</summary>
    public int? Version { get; set; }
}

public sealed class ReopenRequest
{
    public string? Reason { get; set; }
}

public sealed record ClosureDto(Guid Id, string Reason, string ReasonText, string? ReasonNote, string? ClosingNote, ClosureStatus Status, bool NeedsApproval,
    string RequestedByName, DateTime RequestedAt, string? DecidedByName, DateTime? DecidedAt, string? DeclineReason, int Version);

public sealed record OpenObligationRow(string Rule, string Title, DateOnly DueOn);

public sealed record ClosureView(Guid CaseId, string Name, CaseStatus Status, DateTime? ClosedAt, RiskLevel? Risk, string? TeamName, ClosureDto? Pending,
    ClosureDto? Latest, IReadOnlyList<OpenObligationRow> OpenObligations, bool CanDecide);

public sealed record ClosureOutcome(Guid ClosureId, Guid CaseId, ClosureStatus Status, CaseStatus CaseStatus);

public sealed record ClosureToApproveRow(Guid CaseId, string Name, string ReasonText, string RequestedByName, DateTime RequestedAt);

/// <summary>
/// Closure (issue 5, item 10): with a reason and the exit outcome measures; a high-risk case only with the approval of a
/// Team Leader of its team; and re-opening with a reason.
/// <para>
/// The rule for high-risk cases: no one closes one in a single step. The closure is sent for approval (the case is then
/// "awaiting closure approval") and a Team Leader of the case's team (any Team Leader of the organisation when the case
/// has no team) approves or declines it. A Team Leader who closes a high-risk case themselves sends it too, and then
/// approves it as a separate, audited decision: Team Leaders close high-risk cases only by approving.
/// </para>
/// </summary>
internal sealed class CloseCaseHandler(AppDbContext db, AuditScope audit, IOptions<ClosureOptions> closureOptions, IOptions<OutcomeOptions> outcomeOptions)
{
    public IReadOnlyList<ClosureReason> Reasons => closureOptions.Value.ReasonsInForce;
    public OutcomeOptions Outcomes => outcomeOptions.Value;

    public const string NotATeamLeader = "Only a Team Leader of the case's team can approve or decline closing it.";

    public async Task<ClosureView?> GetAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, c.Status, c.ClosedAt, c.Risk, c.TeamId })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        var teamName = c.TeamId is { } teamId ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(ct) : null;
        var closures = await db.CaseClosures.AsNoTracking().Where(x => x.CaseId == caseId).OrderByDescending(x => x.RequestedAt).ToListAsync(ct);
        var pending = closures.FirstOrDefault(x => x.Status == ClosureStatus.AwaitingApproval);
        var open = await db.Obligations.AsNoTracking().Where(o => o.CaseId == caseId && o.Status == ObligationStatus.Open)
            .OrderBy(o => o.DueOn).Select(o => new { o.Rule, o.DueOn }).ToListAsync(ct);
        return new ClosureView(c.Id, Person.FullName(c.FirstName, c.LastName, c.BusinessName), c.Status, c.ClosedAt, c.Risk, teamName,
            pending is null ? null : ToDto(pending), closures.Count == 0 ? null : ToDto(closures[0]),
            open.Select(o => new OpenObligationRow(o.Rule, CodeRules.Find(o.Rule)?.Title ?? o.Rule, o.DueOn)).ToList(),
            CanDecide(actor, c.TeamId));
    }

    public async Task<Result<ClosureOutcome>> CloseAsync(Guid caseId, CloseRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        if (victimCase.Status == CaseStatus.Closed)
        {
            return Fail.Rejected("This case is already closed.");
        }
        if (await db.CaseClosures.AnyAsync(x => x.CaseId == caseId && x.Status == ClosureStatus.AwaitingApproval, ct))
        {
            return Fail.Rejected("This case is already awaiting a Team Leader's approval to close.");
        }
        var highRisk = victimCase.Risk == RiskLevel.High;
        if (highRisk && !r.SendForApproval)
        {
            return Fail.Rejected(VictimCase.HighRiskClosureRefusal);
        }
        var errors = new ValidationErrors();
        var reason = Reasons.FirstOrDefault(x => string.Equals(x.Id, r.Reason?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (reason is null)
        {
            errors.Add(nameof(r.Reason), "Select why the case is closing");
        }
        else if (reason.NoteRequired)
        {
            errors.Required(r.ReasonNote, nameof(r.ReasonNote), "Describe why the case is closing");
        }
        errors.MaxLength(r.ReasonNote, 1000, nameof(r.ReasonNote), "The reason");
        errors.MaxLength(r.ClosingNote, 4000, nameof(r.ClosingNote), "The closing note");
        var answers = Outcomes.Read(r.ExitAnswers, required: reason?.ExitMeasuresRequired ?? true, errors);
        if (errors.Any || answers is null)
        {
            return errors.ToFailure();
        }
        var reasonNote = Clean(r.ReasonNote);
        var reasonText = reasonNote is null ? reason!.Text : $"{reason!.Text} ({reasonNote})";
        // Nothing chosen for a reason that needs no exit answers: no exit measurement at all.
        var encoded = answers.All(a => a.Score is null) && !reason.ExitMeasuresRequired && (r.ExitAnswers is null || r.ExitAnswers.Values.All(string.IsNullOrWhiteSpace))
            ? ""
            : CaseClosure.Encode(answers.Select(a => (a.QuestionId, a.Score)));
        var closure = new CaseClosure(victimCase.OrganisationId, caseId, reason.Id, reasonText, reasonNote, Clean(r.ClosingNote), encoded, highRisk, actor);
        db.CaseClosures.Add(closure);
        if (highRisk)
        {
            victimCase.Note(TimelineKind.Closure, $"Closure sent for a Team Leader's approval (high risk): {reasonText}", actor);
            audit.Record(AuditOperation.Collection, "CaseClosure", closure.Id.ToString(), victimCase.PersonId, detail: $"Closure of high-risk case {caseId} sent for approval: {reason.Id}");
        }
        else
        {
            var closed = victimCase.Close(reasonText, actor);
            if (!closed.Succeeded)
            {
                db.ChangeTracker.Clear();
                return Result<ClosureOutcome>.From(closed);
            }
            AddExitMeasurement(victimCase, closure, actor);
            audit.Record(AuditOperation.Collection, "CaseClosure", closure.Id.ToString(), victimCase.PersonId, detail: $"Case {caseId} closed: {reason.Id}");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Fail.Conflict;
        }
        return Result<ClosureOutcome>.Created(new ClosureOutcome(closure.Id, caseId, closure.Status, victimCase.Status));
    }

    public async Task<Result<ClosureOutcome>> ApproveAsync(Guid caseId, ClosureDecisionRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, closure, failure) = await LoadPendingAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<ClosureOutcome>.From(failure);
        }
        closure!.Approve(actor);
        var closed = victimCase!.Close(closure.ReasonText, actor, approvedBy: actor.Name);
        if (!closed.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<ClosureOutcome>.From(closed);
        }
        AddExitMeasurement(victimCase, closure, actor);
        audit.Record(AuditOperation.Alteration, "CaseClosure", closure.Id.ToString(), victimCase.PersonId, field: nameof(CaseClosure.Status),
            oldValue: nameof(ClosureStatus.AwaitingApproval), newValue: nameof(ClosureStatus.Closed), detail: $"Closure of high-risk case {caseId} approved by a Team Leader");
        return await SaveAsync(victimCase, closure, ct);
    }

    public async Task<Result<ClosureOutcome>> DeclineAsync(Guid caseId, ClosureDecisionRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, closure, failure) = await LoadPendingAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<ClosureOutcome>.From(failure);
        }
        var errors = new ValidationErrors();
        errors.Required(r.Reason, nameof(r.Reason), "Enter why you are declining to close the case");
        errors.MaxLength(r.Reason, 1000, nameof(r.Reason), "The reason");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        closure!.Decline(r.Reason!.Trim(), actor);
        victimCase!.Note(TimelineKind.Closure, $"Closure declined by {actor.Name}: {closure.DeclineReason}", actor);
        audit.Record(AuditOperation.Alteration, "CaseClosure", closure.Id.ToString(), victimCase.PersonId, field: nameof(CaseClosure.Status),
            oldValue: nameof(ClosureStatus.AwaitingApproval), newValue: nameof(ClosureStatus.Declined), detail: $"Closure of high-risk case {caseId} declined by a Team Leader");
        return await SaveAsync(victimCase, closure, ct);
    }

    public async Task<Result<ClosureOutcome>> ReopenAsync(Guid caseId, ReopenRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        errors.MaxLength(r.Reason, 1000, nameof(r.Reason), "The reason");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var reopened = victimCase.Reopen(r.Reason ?? "", actor);
        if (!reopened.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<ClosureOutcome>.From(reopened);
        }
        audit.Record(AuditOperation.Alteration, "Case", caseId.ToString(), victimCase.PersonId, detail: $"Case re-opened: {r.Reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        return Result<ClosureOutcome>.Ok(new ClosureOutcome(Guid.Empty, caseId, ClosureStatus.Closed, victimCase.Status));
    }

    /// <summary>My work for a Team Leader: high-risk closures waiting for them (cases of their teams, or without a team).</summary>
    public async Task<IReadOnlyList<ClosureToApproveRow>> ToApproveAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsInRole(Roles.TeamLeader) || actor.IsMachine)
        {
            return [];
        }
        var teams = actor.TeamIds.ToList();
        var rows = await db.CaseClosures.AsNoTracking()
            .Where(x => x.OrganisationId == actor.OrganisationId && x.Status == ClosureStatus.AwaitingApproval)
            .Join(db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.TeamId == null || teams.Contains(c.TeamId.Value)),
                x => x.CaseId, c => c.Id, (x, c) => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, x.ReasonText, x.RequestedByName, x.RequestedAt })
            .OrderBy(x => x.RequestedAt)
            .Take(50)
            .ToListAsync(ct);
        return rows.Select(x => new ClosureToApproveRow(x.Id, Person.FullName(x.FirstName, x.LastName, x.BusinessName), x.ReasonText, x.RequestedByName, x.RequestedAt)).ToList();
    }

    /// <summary>Only the closure's state, for the case page: awaiting approval, or closed and why.</summary>
    public async Task<ClosureDto?> LatestAsync(Guid caseId, CancellationToken ct)
    {
        var latest = await db.CaseClosures.AsNoTracking().Where(x => x.CaseId == caseId).OrderByDescending(x => x.RequestedAt).FirstOrDefaultAsync(ct);
        return latest is null ? null : ToDto(latest);
    }

    private static bool CanDecide(Actor actor, Guid? teamId) =>
        actor.IsInRole(Roles.TeamLeader) && !actor.IsMachine && (teamId is null || actor.TeamIds.Contains(teamId.Value));

    private async Task<(VictimCase? Case, CaseClosure? Closure, Result? Failure)> LoadPendingAsync(Guid caseId, int? version, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return (null, null, Result.NotFound());
        }
        if (!CanDecide(actor, victimCase.TeamId))
        {
            return (null, null, Result.Forbidden(NotATeamLeader));
        }
        var closure = await db.CaseClosures.Where(x => x.CaseId == caseId && x.Status == ClosureStatus.AwaitingApproval).SingleOrDefaultAsync(ct);
        if (closure is null)
        {
            return (null, null, Result.Rejected("No closure of this case is waiting for approval."));
        }
        if (version is { } v && v != closure.Version)
        {
            return (null, null, Result.Conflict(Result.ChangedBySomeoneElse));
        }
        return (victimCase, closure, null);
    }

    private async Task<Result<ClosureOutcome>> SaveAsync(VictimCase victimCase, CaseClosure closure, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Fail.Conflict;
        }
        return Result<ClosureOutcome>.Ok(new ClosureOutcome(closure.Id, victimCase.Id, closure.Status, victimCase.Status));
    }

    private void AddExitMeasurement(VictimCase victimCase, CaseClosure closure, Actor actor)
    {
        if (closure.ExitAnswers.Length == 0)
        {
            return;
        }
        var texts = Outcomes.QuestionsInForce.ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
        var answers = CaseClosure.Decode(closure.ExitAnswers).Select(a => (a.QuestionId, texts.GetValueOrDefault(a.QuestionId) ?? a.QuestionId, a.Score));
        var measurement = new OutcomeMeasurement(victimCase.OrganisationId, victimCase.Id, MeasurementStage.Exit, answers, actor);
        db.OutcomeMeasurements.Add(measurement);
        audit.Record(AuditOperation.Collection, "OutcomeMeasurement", measurement.Id.ToString(), victimCase.PersonId, detail: $"Exit outcome measures on case {victimCase.Id}");
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static ClosureDto ToDto(CaseClosure x) => new(x.Id, x.Reason, x.ReasonText, x.ReasonNote, x.ClosingNote, x.Status, x.NeedsApproval, x.RequestedByName,
        x.RequestedAt, x.DecidedByName, x.DecidedAt, x.DeclineReason, x.Version);
}
