using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;
using Waypoint.Platform.Ui;

namespace Waypoint.Modules.Care.Intelligence;

/// <summary>Unseen crime or intelligence the victim disclosed.</summary>
public sealed class RecordIntelligenceRequest
{
    public IntelligenceCategory? Category { get; set; }

    /// <summary>What the victim disclosed.</summary>
    public string? Disclosure { get; set; }

    /// <summary>Whom or what it is about, when known.</summary>
    public string? About { get; set; }
    public IntelligenceUrgency? Urgency { get; set; }

    /// <summary>Whether it must be passed to the police (default true).</summary>
    public bool? NeedsPassing { get; set; }

    /// <summary>When the victim disclosed it; today when not given.</summary>
    public DateOnly? DisclosedOn { get; set; }
}

/// <summary>That a report was passed on: when, to whom or which system, and its reference there.</summary>
public sealed class PassOnRequest
{
    public DateOnly? PassedOn { get; set; }
    public string? PassedTo { get; set; }
    public string? Reference { get; set; }
}

public sealed record IntelligenceResponse(Guid Id, Guid CaseId, IntelligenceCategory Category, string Disclosure, string? About, IntelligenceUrgency Urgency,
    bool NeedsPassing, DateOnly DisclosedOn, string RecordedByName, DateTime RecordedAt, DateOnly? PassedOn, string? PassedTo, string? PassedReference,
    string? PassedRecordedByName, bool WaitingToPass)
{
    public static IntelligenceResponse From(IntelligenceReport r) => new(r.Id, r.CaseId, r.Category, r.Disclosure, r.About, r.Urgency, r.NeedsPassing,
        r.DisclosedOn, r.RecordedByName, r.RecordedAt, r.PassedOn, r.PassedTo, r.PassedReference, r.PassedRecordedByName, r.WaitingToPass);
}

/// <summary>A report still to pass to the police, as the unit's list and My work show it (no disclosure text: open the case for that).</summary>
public sealed record IntelligenceToPass(Guid Id, Guid CaseId, string Name, IntelligenceCategory Category, IntelligenceUrgency Urgency,
    DateOnly DisclosedOn, string RecordedByName, DateTime RecordedAt);

internal sealed class IntelligenceHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<IntelligenceResponse>> RecordAsync(Guid caseId, RecordIntelligenceRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var today = UkTime.Today(actor.Now);
        var errors = Validate(r, today);
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var category = r.Category!.Value;
        var urgency = r.Urgency!.Value;
        var disclosedOn = r.DisclosedOn ?? today;
        var needsPassing = r.NeedsPassing ?? true;
        var report = new IntelligenceReport(victimCase.OrganisationId, caseId, category, r.Disclosure!.Trim(),
            string.IsNullOrWhiteSpace(r.About) ? null : r.About.Trim(), urgency, needsPassing, disclosedOn, actor);
        db.IntelligenceReports.Add(report);
        victimCase.Note(TimelineKind.Intelligence,
            $"{IntelligenceReport.CategoryName(category)} recorded ({IntelligenceReport.UrgencyName(urgency).ToLowerInvariant()})"
            + (needsPassing ? ": to pass to the police" : ": not for passing to the police"), actor);
        audit.Record(AuditOperation.Collection, "IntelligenceReport", report.Id.ToString(), victimCase.PersonId,
            detail: $"{category} ({urgency}) recorded on case {caseId}" + (needsPassing ? "; to pass to the police" : ""));
        await db.SaveChangesAsync(ct);
        return Result<IntelligenceResponse>.Created(IntelligenceResponse.From(report));
    }

    /// <summary>The request's field errors, for the handler and for a page that found its own errors first.</summary>
    public static ValidationErrors Validate(RecordIntelligenceRequest r, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (r.Category is not { } category || !Enum.IsDefined(category))
        {
            errors.Add(nameof(r.Category), "Select what kind of information it is");
        }
        errors.Required(r.Disclosure, nameof(r.Disclosure), "Enter what the victim disclosed");
        errors.MaxLength(r.Disclosure, 4000, nameof(r.Disclosure), "What the victim disclosed");
        errors.MaxLength(r.About, 400, nameof(r.About), "Who or what it is about");
        if (r.Urgency is not { } urgency || !Enum.IsDefined(urgency))
        {
            errors.Add(nameof(r.Urgency), "Select how urgent it is");
        }
        if (r.DisclosedOn is { } on && on > today)
        {
            errors.Add(nameof(r.DisclosedOn), "The date it was disclosed must be today or in the past");
        }
        return errors;
    }

    public async Task<Result<IntelligenceResponse>> PassOnAsync(Guid caseId, Guid reportId, PassOnRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var report = await db.IntelligenceReports.SingleOrDefaultAsync(x => x.Id == reportId && x.CaseId == caseId, ct);
        if (report is null)
        {
            return Fail.NotFound;
        }
        if (report.PassedOn is not null)
        {
            return Fail.Rejected(nameof(r.PassedTo), $"This was already passed on, to {report.PassedTo} on {FormState.Display(report.PassedOn)}");
        }
        var errors = new ValidationErrors();
        var today = UkTime.Today(actor.Now);
        if (r.PassedOn is not { } on)
        {
            errors.Add(nameof(r.PassedOn), "Enter the date it was passed on");
            on = today;
        }
        else if (on > today)
        {
            errors.Add(nameof(r.PassedOn), "The date it was passed on must be today or in the past");
        }
        else if (on < report.DisclosedOn)
        {
            errors.Add(nameof(r.PassedOn), "The date it was passed on must be on or after the date it was disclosed");
        }
        errors.Required(r.PassedTo, nameof(r.PassedTo), "Enter who or which system it was passed to");
        errors.MaxLength(r.PassedTo, 200, nameof(r.PassedTo), "Who or which system it was passed to");
        errors.MaxLength(r.Reference, 100, nameof(r.Reference), "The reference");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var reference = string.IsNullOrWhiteSpace(r.Reference) ? null : r.Reference.Trim();
        report.PassOn(on, r.PassedTo!.Trim(), reference, actor);
        victimCase.Note(TimelineKind.Intelligence,
            $"{IntelligenceReport.CategoryName(report.Category)} passed to {report.PassedTo} on {FormState.Display(on)}" + (reference is null ? "" : $" (reference {reference})"), actor);
        audit.Record(AuditOperation.Disclosure, "IntelligenceReport", report.Id.ToString(), victimCase.PersonId, recipient: report.PassedTo,
            detail: $"{report.Category} from case {caseId} passed on" + (reference is null ? "" : $", reference {reference}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<IntelligenceResponse>.Ok(IntelligenceResponse.From(report));
    }

    /// <summary>The case's reports, newest first; null for a case the actor cannot see. Logged as consultation when asked.</summary>
    public async Task<IReadOnlyList<IntelligenceResponse>?> ForCaseAsync(Guid caseId, Actor actor, CancellationToken ct, bool logConsultation = true)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId).Select(c => new { c.Id, c.PersonId }).SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        var reports = await db.IntelligenceReports.AsNoTracking().Where(x => x.CaseId == caseId).OrderByDescending(x => x.RecordedAt).ToListAsync(ct);
        if (logConsultation && reports.Count > 0)
        {
            audit.Record(AuditOperation.Consultation, "IntelligenceReport", null, c.PersonId,
                detail: $"Intelligence of case {caseId} read: " + string.Join(",", reports.Select(x => x.Id)));
            await db.SaveChangesAsync(ct);
        }
        return reports.Select(IntelligenceResponse.From).ToList();
    }

    /// <summary>One report of a case the actor can see, for the "passed on" form.</summary>
    public async Task<IntelligenceResponse?> FindAsync(Guid caseId, Guid reportId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var report = await db.IntelligenceReports.AsNoTracking().SingleOrDefaultAsync(x => x.Id == reportId && x.CaseId == caseId, ct);
        return report is null ? null : IntelligenceResponse.From(report);
    }

    /// <summary>
    /// Reports still to pass to the police on cases the actor can see (restricted cases only for those who may see
    /// them), most urgent and oldest first; <paramref name="mine"/> keeps those the actor recorded (My work).
    /// </summary>
    public async Task<IReadOnlyList<IntelligenceToPass>> ToPassAsync(Actor actor, bool mine, CancellationToken ct, bool logConsultation = false, int max = 200)
    {
        var visible = db.Cases.AsNoTracking().VisibleTo(actor);
        var query = db.IntelligenceReports.AsNoTracking().Where(x => x.NeedsPassing && x.PassedOn == null);
        if (mine)
        {
            query = query.Where(x => x.RecordedById == actor.UserId);
        }
        var rows = await query
            .Join(visible, x => x.CaseId, c => c.Id, (x, c) => new { x.Id, x.CaseId, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, x.Category, x.Urgency, x.DisclosedOn, x.RecordedByName, x.RecordedAt })
            .OrderBy(x => x.RecordedAt)
            .Take(max)
            .ToListAsync(ct);
        if (logConsultation && rows.Count > 0)
        {
            // The list names the victims and what kind of information they gave: consultation of those cases.
            audit.Record(AuditOperation.Consultation, "IntelligenceList", null, null,
                detail: (mine ? "My intelligence to pass on" : "Intelligence to pass on") + " listed: cases " + string.Join(",", rows.Select(x => x.CaseId).Distinct()));
            await db.SaveChangesAsync(ct);
        }
        return rows
            .Select(x => new IntelligenceToPass(x.Id, x.CaseId, Person.FullName(x.FirstName, x.LastName, x.BusinessName), x.Category, x.Urgency, x.DisclosedOn, x.RecordedByName, x.RecordedAt))
            .OrderByDescending(x => x.Urgency).ThenBy(x => x.RecordedAt)
            .ToList();
    }
}
