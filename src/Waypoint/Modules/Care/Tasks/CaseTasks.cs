using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Assessment.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Tasks;

public sealed record CaseTaskDto(Guid Id, Guid CaseId, CaseTaskKind Kind, string Title, string Reason, DateOnly DueOn, Guid? TeamId, Guid? OfficerId,
    CaseTaskStatus Status, string? Outcome, NdmDto? Rationale, DateTime CreatedAt, string CreatedByName, DateTime? ClosedAt, string? ClosedByName, int Version)
{
    public static CaseTaskDto From(CaseTask t) => new(t.Id, t.CaseId, t.Kind, t.Title, t.Reason, t.DueOn, t.TeamId, t.OfficerId, t.Status, t.Outcome,
        NdmDto.From(t.Rationale), t.CreatedAt, t.CreatedByName, t.ClosedAt, t.ClosedByName, t.Version);
}

public sealed class CloseTaskRequest
{
    /// <summary>Done or cancelled.</summary>
    public CaseTaskStatus? Status { get; set; }
    public string? Outcome { get; set; }

    /// <summary>The NDM rationale of the decision; required to cancel a task.</summary>
    public NdmInput? Rationale { get; set; }

    /// <summary>The version read; a changed one answers 409.</summary>
    public int? Version { get; set; }
}

/// <summary>An open task on someone's My work, with its case.</summary>
public sealed record TaskRow(Guid Id, Guid CaseId, string Name, CaseTaskKind Kind, string Title, DateOnly DueOn);

/// <summary>
/// Tasks on a case: <see cref="RaiseAsync"/> stages one (no save) for whatever raised it (a high-risk DASH, an event
/// that changes risk...), owned by the case's officer and team, due in working days; the case page lists them and
/// they are closed, done or cancelled, with an outcome and the decision's NDM rationale.
/// </summary>
public sealed class CaseTasks(AppDbContext db, WorkingDays workingDays, AuditScope audit)
{
    public const int MaxOutcome = 2000;

    /// <summary>
    /// Stages a new open task on <paramref name="victimCase"/> (tracked or not: the task row is added, the timeline
    /// line goes on the case when it is tracked) and its audit entry. The caller saves.
    /// </summary>
    public async Task<CaseTask> RaiseAsync(VictimCase victimCase, CaseTaskKind kind, string title, string reason, int dueInWorkingDays, Guid? sourceId, Actor actor, CancellationToken ct)
    {
        var calendar = await workingDays.CalendarAsync(ct);
        var task = new CaseTask(victimCase.OrganisationId, victimCase.Id, kind, Cap(title, 200), Cap(reason, 1000), calendar.DueDate(actor.Now, dueInWorkingDays),
            victimCase.TeamId, victimCase.AllocatedOfficerId, sourceId, actor);
        db.CaseTasks.Add(task);
        victimCase.Note(TimelineKind.Risk, $"Task raised: {task.Title} (due {task.DueOn:d MMMM yyyy})", actor);
        audit.Record(AuditOperation.Collection, "CaseTask", task.Id.ToString(), victimCase.PersonId, detail: $"{kind} task raised on case {victimCase.Id}");
        return task;
    }

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;

    /// <summary>The case's tasks, open first then newest; null when the actor cannot see the case.</summary>
    public async Task<IReadOnlyList<CaseTaskDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var tasks = await db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).ToListAsync(ct);
        return tasks.OrderBy(t => t.IsOpen ? 0 : 1).ThenBy(t => t.IsOpen ? t.DueOn : DateOnly.MinValue).ThenByDescending(t => t.CreatedAt)
            .Select(CaseTaskDto.From).ToList();
    }

    public async Task<Result<CaseTaskDto>> CloseAsync(Guid caseId, Guid taskId, CloseTaskRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var task = victimCase is null ? null : await db.CaseTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == caseId, ct);
        if (victimCase is null || task is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        if (r.Version is { } v && v != task.Version)
        {
            return Fail.Conflict;
        }
        if (!task.IsOpen)
        {
            return Fail.Rejected("Status", $"This task was already closed ({task.Status.ToString().ToLowerInvariant()}) by {task.ClosedByName}");
        }
        var errors = new ValidationErrors();
        if (r.Status is not (CaseTaskStatus.Done or CaseTaskStatus.Cancelled))
        {
            errors.Add(nameof(r.Status), "Select whether the task is done or cancelled");
        }
        var outcome = string.IsNullOrWhiteSpace(r.Outcome) ? null : r.Outcome.Trim();
        if (outcome is null)
        {
            errors.Add(nameof(r.Outcome), "Enter the outcome");
        }
        else if (outcome.Length > MaxOutcome)
        {
            errors.Add(nameof(r.Outcome), $"The outcome must be {MaxOutcome} characters or fewer");
        }
        var rationale = NdmInput.Read(r.Rationale, errors, required: r.Status == CaseTaskStatus.Cancelled,
            "Record the National Decision Model rationale for cancelling the task");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        task.Close(r.Status!.Value, outcome!, rationale, actor);
        victimCase.Note(TimelineKind.Risk, $"Task {(task.Status == CaseTaskStatus.Done ? "done" : "cancelled")}: {task.Title}. {outcome}", actor);
        audit.Record(AuditOperation.Alteration, "CaseTask", task.Id.ToString(), victimCase.PersonId, field: "Status", oldValue: "Open",
            newValue: task.Status.ToString(), detail: $"{task.Kind} task closed on case {caseId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<CaseTaskDto>.Ok(CaseTaskDto.From(task));
    }

    public async Task<CaseTaskDto?> GetAsync(Guid caseId, Guid taskId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        return await db.CaseTasks.AsNoTracking().Where(t => t.Id == taskId && t.CaseId == caseId).Select(t => CaseTaskDto.From(t)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// My work: the open tasks of the actor's cases (owned by them, or on a case now allocated to them) and, for team
    /// leaders, those of their teams; soonest due first.
    /// </summary>
    public async Task<IReadOnlyList<TaskRow>> MineAsync(Actor actor, CancellationToken ct)
    {
        var me = actor.UserId;
        var teams = actor.IsInRole(Roles.TeamLeader) ? actor.TeamIds.ToList() : [];
        var visible = db.Cases.AsNoTracking().VisibleTo(actor);
        var rows = await db.CaseTasks.AsNoTracking()
            .Where(t => t.Status == CaseTaskStatus.Open)
            .Join(visible, t => t.CaseId, c => c.Id, (t, c) => new { t, c.AllocatedOfficerId, c.TeamId, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName })
            .Where(x => (me != null && (x.t.OfficerId == me || x.AllocatedOfficerId == me)) || (x.TeamId != null && teams.Contains(x.TeamId.Value)))
            .OrderBy(x => x.t.DueOn)
            .Take(100)
            .Select(x => new { x.t.Id, x.t.CaseId, x.FirstName, x.LastName, x.BusinessName, x.t.Kind, x.t.Title, x.t.DueOn })
            .ToListAsync(ct);
        return rows.Select(x => new TaskRow(x.Id, x.CaseId, Person.FullName(x.FirstName, x.LastName, x.BusinessName), x.Kind, x.Title, x.DueOn)).ToList();
    }
}
