using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Worklists;

public sealed class EscalationListQuery
{
    /// <summary>open (the default) or closed.</summary>
    public string? State { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

/// <summary>One escalated obligation, as its Team Leader sees it.</summary>
public sealed record EscalationRow(
    Guid EscalationId,
    Guid ObligationId,
    Guid CaseId,
    string VictimName,
    string? CrimeReference,
    string Rule,
    string RuleTitle,
    DateOnly DueOn,
    int DaysOverdue,
    string? OfficerName,
    string? TeamName,
    DateTime RaisedAt,
    DateTime? ClosedAt,
    string Status);

public sealed record EscalationList(bool Open, int OpenCount, int ClosedCount, Paged<EscalationRow> Rows);

/// <summary>
/// The escalations of a Team Leader's teams, and those of cases with no team in their organisation, only of cases
/// they can see. Open ones by due date; closed ones most recently closed first.
/// </summary>
internal sealed class EscalationListHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<EscalationList>> HandleAsync(EscalationListQuery query, Actor actor, CancellationToken ct)
    {
        var state = (query.State ?? "open").Trim().ToLowerInvariant();
        if (state is not ("open" or "closed"))
        {
            return Fail.Rejected("state", "State must be open or closed");
        }
        if (!actor.IsInRole(Roles.TeamLeader) || !actor.CanReadCases)
        {
            return Fail.Forbidden;
        }
        var open = state == "open";
        var pageSize = Math.Clamp(query.PageSize ?? ObligationWorklistHandler.DefaultPageSize, 1, 200);
        var page = Math.Max(1, query.Page ?? 1);
        var today = UkTime.Today(actor.Now);

        var mine = Mine(actor);
        var counts = await mine
            .GroupBy(_ => 1)
            .Select(g => new { Open = g.Count(e => e.ClosedAt == null), Closed = g.Count(e => e.ClosedAt != null) })
            .FirstOrDefaultAsync(ct);
        var openCount = counts?.Open ?? 0;
        var closedCount = counts?.Closed ?? 0;

        var selected = open ? mine.Where(e => e.ClosedAt == null) : mine.Where(e => e.ClosedAt != null);
        var ordered = open
            ? selected.OrderBy(e => e.DueOn).ThenBy(e => e.CaseId).ThenBy(e => e.Id)
            : selected.OrderByDescending(e => e.ClosedAt).ThenBy(e => e.Id);
        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(e => new
            {
                e.Id,
                e.ObligationId,
                e.CaseId,
                Case = db.Cases.Where(c => c.Id == e.CaseId).Select(c => new { c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, c.Crime.CrimeReference }).First(),
                e.Rule,
                e.DueOn,
                Officer = db.Users.Where(u => u.Id == e.OfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == e.TeamId).Select(t => t.Name).FirstOrDefault(),
                e.RaisedAt,
                e.ClosedAt,
                Obligation = db.Obligations.Where(o => o.Id == e.ObligationId).Select(o => new { o.Status, o.DueOn, o.CompletedAt }).First(),
            })
            .ToListAsync(ct);

        var items = rows.Select(r =>
        {
            // Open: how long it has been overdue. Closed: how late it was when it ended (met late or set aside).
            var until = r.ClosedAt is null ? today : UkTime.Today(r.Obligation.CompletedAt ?? r.ClosedAt.Value);
            var stateNow = r.Obligation.Status == Domain.ObligationStatus.Open && r.Obligation.DueOn < today ? ObligationState.Overdue
                : r.Obligation.Status switch
                {
                    Domain.ObligationStatus.Met => ObligationState.Met,
                    Domain.ObligationStatus.Late => ObligationState.Late,
                    Domain.ObligationStatus.NotApplicable => ObligationState.NotApplicable,
                    _ => ObligationState.Open,
                };
            return new EscalationRow(r.Id, r.ObligationId, r.CaseId, Person.FullName(r.Case.FirstName, r.Case.LastName, r.Case.BusinessName),
                r.Case.CrimeReference, r.Rule, CodeRules.Find(r.Rule)?.Title ?? r.Rule, r.DueOn,
                Math.Max(0, until.DayNumber - r.DueOn.DayNumber), r.Officer, r.Team, r.RaisedAt, r.ClosedAt, Obligation.Describe(stateNow));
        }).ToList();

        if (items.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "Worklist", null, null,
                detail: $"Escalations state={state} page={page}: {items.Count} of {(open ? openCount : closedCount)} shown: " +
                        string.Join(",", items.Select(i => i.CaseId).Distinct()));
            await db.SaveChangesAsync(ct);
        }
        return Result<EscalationList>.Ok(new EscalationList(open, openCount, closedCount,
            new Paged<EscalationRow>(items, open ? openCount : closedCount, page, pageSize)));
    }

    /// <summary>How many escalations are open for this Team Leader (0 for anyone else).</summary>
    public Task<int> OpenCountAsync(Actor actor, CancellationToken ct) =>
        actor.IsInRole(Roles.TeamLeader) && actor.CanReadCases ? Mine(actor).CountAsync(e => e.ClosedAt == null, ct) : Task.FromResult(0);

    /// <summary>Escalations brought to this Team Leader: their teams', and the organisation's cases with no team; visible cases only.</summary>
    private IQueryable<Escalation> Mine(Actor actor)
    {
        var org = actor.OrganisationId;
        var teams = actor.TeamIds.ToList();
        var escalations = db.Escalations.AsNoTracking().Where(e => e.OrganisationId == org && (e.TeamId == null || teams.Contains(e.TeamId.Value)));
        return from e in escalations
               join c in db.Cases.AsNoTracking().VisibleTo(actor) on e.CaseId equals c.Id
               select e;
    }
}
