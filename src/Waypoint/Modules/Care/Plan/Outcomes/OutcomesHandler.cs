using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Plan.Outcomes;

public sealed class OutcomeAnswersRequest
{
    /// <summary>The victim's answer per question id: "1" to "5", or "none" when they did not answer. Every question needs one.</summary>
    public Dictionary<string, string?>? Answers { get; set; }
}

public sealed record RecordedMeasurement(Guid Id, Guid CaseId, MeasurementStage Stage, DateTime At);

/// <summary>One question's start and exit answers on a case (null: not answered, or not yet measured).</summary>
public sealed record OutcomeComparisonRow(string QuestionId, string Text, int? Start, int? Exit);

public sealed record OutcomeComparison(DateTime? StartAt, string? StartBy, DateTime? ExitAt, string? ExitBy, IReadOnlyList<OutcomeComparisonRow> Rows);

/// <summary>Per question over a period: how many closed cases had an answer at start and at exit, and how they moved.</summary>
public sealed record OutcomeReportRow(string QuestionId, string Text, int WithStart, int WithExit, int WithBoth, int Improved, int Same, int Worse, decimal? MeanChange)
{
    public decimal? Share(int n) => WithBoth == 0 ? null : Math.Round(100m * n / WithBoth, 0, MidpointRounding.AwayFromZero);
}

public sealed record OutcomeCaseRow(Guid CaseId, string Name, int Start, int Exit);

public sealed record OutcomeReport(DateOnly From, DateOnly To, int ExitMeasurements, IReadOnlyList<OutcomeReportRow> Rows);

/// <summary>
/// The "cope and recover" outcome measures (domain.md B9): start answers (at plan creation or first contact), exit
/// answers (taken at closure, see Closure/), the start-versus-exit view of a case and the organisation's aggregate.
/// </summary>
internal sealed class OutcomesHandler(AppDbContext db, AuditScope audit, IOptions<OutcomeOptions> options)
{
    public OutcomeOptions Options => options.Value;

    public async Task<Result<RecordedMeasurement>> RecordStartAsync(Guid caseId, OutcomeAnswersRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        if (victimCase.Status == CaseStatus.Closed)
        {
            return Fail.Rejected("This case is closed: re-open it before recording outcome measures.");
        }
        var errors = new ValidationErrors();
        var answers = Options.Read(r.Answers, required: true, errors);
        if (answers is null || errors.Any)
        {
            return errors.ToFailure();
        }
        var measurement = new OutcomeMeasurement(victimCase.OrganisationId, caseId, MeasurementStage.Start, answers, actor);
        db.OutcomeMeasurements.Add(measurement);
        var answered = answers.Count(a => a.Score is not null);
        victimCase.Note(TimelineKind.Plan, $"Start outcome measures recorded ({answered} of {answers.Count} answered)", actor);
        audit.Record(AuditOperation.Collection, "OutcomeMeasurement", measurement.Id.ToString(), victimCase.PersonId, detail: $"Start outcome measures on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<RecordedMeasurement>.Created(new RecordedMeasurement(measurement.Id, caseId, measurement.Stage, measurement.At));
    }

    /// <summary>The case's latest start and exit answers side by side, question by question (null when the case is not visible).</summary>
    public async Task<OutcomeComparison?> ForCaseAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var measurements = await db.OutcomeMeasurements.AsNoTracking().Include(m => m.Answers)
            .Where(m => m.CaseId == caseId).ToListAsync(ct);
        var start = measurements.Where(m => m.Stage == MeasurementStage.Start).MaxBy(m => m.At);
        var exit = measurements.Where(m => m.Stage == MeasurementStage.Exit).MaxBy(m => m.At);
        var questions = Options.QuestionsInForce.Select(q => (q.Id, q.Text)).ToList();
        // Questions answered before a change to the configuration still show, under the text they were asked with.
        foreach (var a in new[] { start, exit }.Where(m => m is not null).SelectMany(m => m!.Answers))
        {
            if (questions.All(q => q.Id != a.QuestionId))
            {
                questions.Add((a.QuestionId, a.QuestionText));
            }
        }
        var rows = questions.Select(q => new OutcomeComparisonRow(q.Id, q.Text,
            start?.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Score,
            exit?.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Score)).ToList();
        return new OutcomeComparison(start?.At, start?.ByName, exit?.At, exit?.ByName, rows);
    }

    /// <summary>
    /// The organisation's outcomes over a period: cases whose exit measures were taken between <paramref name="from"/>
    /// and <paramref name="to"/> (Europe/London dates), compared with their latest start measures. Counts only.
    /// </summary>
    public async Task<Result<OutcomeReport>> ReportAsync(DateOnly? from, DateOnly? to, Actor actor, CancellationToken ct)
    {
        if (Period(from, to, actor) is not { } period)
        {
            return Fail.Rejected("from", "The start of the period must be on or before its end");
        }
        var (start, end) = period;
        var (latestExit, latestStart) = await PeriodAsync(start, end, actor, ct);

        var questions = Options.QuestionsInForce.Select(q => (q.Id, q.Text)).ToList();
        foreach (var a in latestExit.SelectMany(m => m.Answers))
        {
            if (questions.All(q => q.Id != a.QuestionId))
            {
                questions.Add((a.QuestionId, a.QuestionText));
            }
        }
        var rows = new List<OutcomeReportRow>();
        foreach (var (id, text) in questions)
        {
            int withStart = 0, withExit = 0, improved = 0, same = 0, worse = 0;
            var changes = new List<int>();
            foreach (var exit in latestExit)
            {
                var e = exit.Answers.FirstOrDefault(a => a.QuestionId == id)?.Score;
                var s = latestStart.GetValueOrDefault(exit.CaseId)?.Answers.FirstOrDefault(a => a.QuestionId == id)?.Score;
                withStart += s is null ? 0 : 1;
                withExit += e is null ? 0 : 1;
                if (s is { } sv && e is { } ev)
                {
                    changes.Add(ev - sv);
                    if (ev > sv) { improved++; } else if (ev == sv) { same++; } else { worse++; }
                }
            }
            rows.Add(new OutcomeReportRow(id, text, withStart, withExit, changes.Count, improved, same, worse,
                changes.Count == 0 ? null : Math.Round((decimal)changes.Sum() / changes.Count, 2, MidpointRounding.AwayFromZero)));
        }
        audit.Record(AuditOperation.Consultation, "OutcomeReport", actor.OrganisationId.ToString(), detail: $"Outcomes report {start:yyyy-MM-dd} to {end:yyyy-MM-dd} (counts only)");
        await db.SaveChangesAsync(ct);
        return Result<OutcomeReport>.Ok(new OutcomeReport(start, end, latestExit.Count, rows));
    }

    /// <summary>
    /// The drill-down behind a number of the report: the cases, visible to <paramref name="actor"/>, whose answers to
    /// <paramref name="questionId"/> moved as <paramref name="change"/> says (improved, same, worse, or both for all
    /// with a start and an exit answer). Names are personal data: the list is for case readers, and its viewing is logged.
    /// </summary>
    public async Task<Result<IReadOnlyList<OutcomeCaseRow>>> CasesAsync(string questionId, string change, DateOnly? from, DateOnly? to, Actor actor, CancellationToken ct)
    {
        if (Period(from, to, actor) is not { } period)
        {
            return Fail.Rejected("from", "The start of the period must be on or before its end");
        }
        if (change is not ("improved" or "same" or "worse" or "both"))
        {
            return Fail.Rejected("change", "Choose improved, same, worse or both");
        }
        var (latestExit, latestStart) = await PeriodAsync(period.Start, period.End, actor, ct);
        var pairs = latestExit
            .Select(e => (e.CaseId, Start: latestStart.GetValueOrDefault(e.CaseId)?.Answers.FirstOrDefault(a => a.QuestionId == questionId)?.Score,
                Exit: e.Answers.FirstOrDefault(a => a.QuestionId == questionId)?.Score))
            .Where(p => p.Start is not null && p.Exit is not null)
            .Where(p => change switch { "improved" => p.Exit > p.Start, "same" => p.Exit == p.Start, "worse" => p.Exit < p.Start, _ => true })
            .ToList();
        var ids = pairs.Select(p => p.CaseId).ToList();
        var names = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.PersonId, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName }).ToListAsync(ct);
        var rows = names.Join(pairs, n => n.Id, p => p.CaseId, (n, p) => new OutcomeCaseRow(n.Id, Person.FullName(n.FirstName, n.LastName, n.BusinessName), p.Start!.Value, p.Exit!.Value))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        foreach (var n in names)
        {
            audit.Record(AuditOperation.Consultation, "Case", n.Id.ToString(), n.PersonId, detail: $"Outcomes report drill-down ({questionId}, {change})");
        }
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<OutcomeCaseRow>>.Ok(rows);
    }

    private static (DateOnly Start, DateOnly End)? Period(DateOnly? from, DateOnly? to, Actor actor)
    {
        var end = to ?? UkTime.Today(actor.Now);
        var start = from ?? end.AddMonths(-3).AddDays(1);
        return start > end ? null : (start, end);
    }

    /// <summary>The latest exit measurement per case taken in the period, and those cases' latest start measurements.</summary>
    private async Task<(List<OutcomeMeasurement> LatestExit, Dictionary<Guid, OutcomeMeasurement> LatestStart)> PeriodAsync(DateOnly start, DateOnly end, Actor actor, CancellationToken ct)
    {
        var startUtc = UkTime.StartOfDay(start);
        var endUtc = UkTime.StartOfDay(end.AddDays(1));
        var exits = await db.OutcomeMeasurements.AsNoTracking().Include(m => m.Answers)
            .Where(m => m.OrganisationId == actor.OrganisationId && m.Stage == MeasurementStage.Exit && m.At >= startUtc && m.At < endUtc)
            .ToListAsync(ct);
        var latestExit = exits.GroupBy(m => m.CaseId).Select(g => g.MaxBy(m => m.At)!).ToList();
        var caseIds = latestExit.Select(m => m.CaseId).ToList();
        var starts = caseIds.Count == 0 ? [] : await db.OutcomeMeasurements.AsNoTracking().Include(m => m.Answers)
            .Where(m => m.OrganisationId == actor.OrganisationId && m.Stage == MeasurementStage.Start && caseIds.Contains(m.CaseId))
            .ToListAsync(ct);
        return (latestExit, starts.GroupBy(m => m.CaseId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.At)!));
    }
}
