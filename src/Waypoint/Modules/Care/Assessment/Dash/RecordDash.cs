using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Assessment.Shared;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Tasks;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment.Dash;

public sealed class DashAnswerInput
{
    public string? QuestionId { get; set; }
    public DashAnswer? Answer { get; set; }
}

public sealed class DashRequest
{
    /// <summary>One answer per configured question, by its id.</summary>
    public List<DashAnswerInput>? Answers { get; set; }

    /// <summary>The level by professional judgement, when it is higher than the answers give; never lower.</summary>
    public RiskLevel? JudgedLevel { get; set; }
    public string? JudgementReason { get; set; }

    /// <summary>The NDM rationale of the judgement (required with a judged level).</summary>
    public NdmInput? Rationale { get; set; }

    /// <summary>This DASH is about a new incident (on a case that already had a MARAC referral it makes a repeat referral).</summary>
    public bool NewIncident { get; set; }
    public string? Notes { get; set; }
}

public sealed record DashAnswerDto(string QuestionId, string Question, DashAnswer Answer);

public sealed record DashDto(Guid Id, Guid CaseId, int Score, RiskLevel ComputedLevel, RiskLevel Level, string? JudgementReason, NdmDto? Rationale,
    bool NewIncident, string? Notes, IReadOnlyList<DashAnswerDto> Answers, Guid? TaskId, CaseTaskKind? TaskKind, string ByName, DateTime AssessedAt);

internal sealed class RecordDashHandler(AppDbContext db, IOptions<DashOptions> options, CaseTasks tasks, AuditScope audit)
{
    public const string JudgedLevelField = "JudgedLevel";

    public DashOptions Options => options.Value;

    public async Task<Result<DashDto>> HandleAsync(Guid caseId, DashRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var o = Options;
        var errors = new ValidationErrors();
        var given = new Dictionary<string, DashAnswer>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in r.Answers ?? [])
        {
            if (a.QuestionId is null || !o.Questions.Any(q => string.Equals(q.Id, a.QuestionId, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add("Answers", $"'{a.QuestionId}' is not a DASH question");
            }
            else if (a.Answer is { } answer && Enum.IsDefined(answer))
            {
                given[a.QuestionId] = answer;
            }
        }
        for (var i = 0; i < o.Questions.Count; i++)
        {
            if (!given.ContainsKey(o.Questions[i].Id))
            {
                errors.Add(o.Questions[i].Id, $"Answer question {i + 1}: yes, no or not known");
            }
        }
        var reason = string.IsNullOrWhiteSpace(r.JudgementReason) ? null : r.JudgementReason.Trim();
        var notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim();
        if (notes is { Length: > 4000 })
        {
            errors.Add(nameof(r.Notes), "Notes must be 4000 characters or fewer");
        }
        if (r.JudgedLevel is { } jl && !Enum.IsDefined(jl))
        {
            errors.Add(JudgedLevelField, "Select a risk level");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var answers = o.Questions.Select(q => (q.Id, q.Text, given[q.Id])).ToList();
        var score = DashScoring.Score(answers.Select(a => a.Item3));
        var computed = DashScoring.LevelFor(score, o.HighThreshold, o.MediumThreshold);
        var (level, refusal) = DashScoring.Apply(computed, r.JudgedLevel);
        if (refusal is not null)
        {
            return Fail.Rejected(JudgedLevelField, refusal);
        }
        var judged = level != computed;
        NdmRationale? rationale;
        if (judged)
        {
            if (reason is null)
            {
                errors.Add(nameof(r.JudgementReason), "Enter why your professional judgement raises the risk level");
            }
            else if (reason.Length > 2000)
            {
                errors.Add(nameof(r.JudgementReason), "The reason must be 2000 characters or fewer");
            }
            rationale = NdmInput.Read(r.Rationale, errors, required: true, "Record the National Decision Model rationale for raising the risk level");
        }
        else
        {
            reason = null;
            rationale = NdmInput.Read(r.Rationale, errors, required: false, "");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var dash = new DashAssessment(victimCase.OrganisationId, caseId, answers, score, computed, level!.Value, reason, rationale, r.NewIncident, notes, actor);
        db.DashAssessments.Add(dash);
        var basis = judged
            ? $"DASH {score} yes {(score == 1 ? "answer" : "answers")}, raised by professional judgement: {reason}"
            : $"DASH {score} yes {(score == 1 ? "answer" : "answers")}";
        victimCase.AssessRisk(dash.Level, basis.Length > 400 ? basis[..400] : basis, actor);
        audit.Record(AuditOperation.Collection, "DashAssessment", dash.Id.ToString(), victimCase.PersonId,
            detail: $"DASH on case {caseId}: score {score}, computed {computed}, recorded {dash.Level}{(judged ? " by professional judgement" : "")}");

        var task = await MaracTaskAsync(victimCase, dash, actor, ct);
        dash.TaskId = task?.Id;
        await db.SaveChangesAsync(ct);
        return Result<DashDto>.Created(ToDto(dash, task?.Kind));
    }

    /// <summary>
    /// SafeLives MARAC criteria: a new incident within 12 months of the person's last MARAC referral (on another case,
    /// or a DASH for a new incident on this one) is a repeat referral whatever the level; otherwise a high level is a
    /// referral, unless this case was already referred for this incident.
    /// </summary>
    private async Task<CaseTask?> MaracTaskAsync(VictimCase victimCase, DashAssessment dash, Actor actor, CancellationToken ct)
    {
        var o = Options;
        var since = actor.Now.AddMonths(-o.RepeatMaracMonths);
        var personId = victimCase.PersonId;
        var orgId = victimCase.OrganisationId;
        var earlier = await (from t in db.CaseTasks.AsNoTracking()
                             join c in db.Cases on t.CaseId equals c.Id
                             where c.PersonId == personId && t.OrganisationId == orgId && t.CreatedAt >= since && t.Status != CaseTaskStatus.Cancelled
                                   && (t.Kind == CaseTaskKind.MaracReferral || t.Kind == CaseTaskKind.RepeatMaracReferral)
                             orderby t.CreatedAt descending
                             select new { t.CaseId, t.CreatedAt }).ToListAsync(ct);
        var onThisCase = earlier.Any(e => e.CaseId == victimCase.Id);
        if (earlier.Count > 0 && (dash.NewIncident || !onThisCase))
        {
            var last = earlier[0];
            return await tasks.RaiseAsync(victimCase, CaseTaskKind.RepeatMaracReferral, "Make a repeat MARAC referral",
                $"A new incident within {o.RepeatMaracMonths} months of the MARAC referral of {last.CreatedAt:d MMMM yyyy}: refer again whatever the DASH score (DASH {dash.Score}, {VictimCase.RiskName(dash.Level).ToLowerInvariant()} risk)",
                o.MaracTaskWorkingDays, dash.Id, actor, ct);
        }
        if (dash.Level == RiskLevel.High && !onThisCase)
        {
            var why = dash.ComputedLevel == RiskLevel.High
                ? $"DASH {dash.Score} yes answers ({o.HighThreshold} or more is high risk)"
                : $"High risk by professional judgement (DASH {dash.Score} yes answers): {dash.JudgementReason}";
            return await tasks.RaiseAsync(victimCase, CaseTaskKind.MaracReferral, "Make a MARAC referral", why, o.MaracTaskWorkingDays, dash.Id, actor, ct);
        }
        return null;
    }

    public async Task<IReadOnlyList<DashDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var list = await db.DashAssessments.AsNoTracking().Include(d => d.Answers).Where(d => d.CaseId == caseId).OrderByDescending(d => d.AssessedAt).ToListAsync(ct);
        var taskIds = list.Where(d => d.TaskId != null).Select(d => d.TaskId!.Value).ToList();
        var kinds = await db.CaseTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Kind, ct);
        return list.Select(d => ToDto(d, d.TaskId is { } id && kinds.TryGetValue(id, out var k) ? k : null)).ToList();
    }

    private static DashDto ToDto(DashAssessment d, CaseTaskKind? kind) => new(d.Id, d.CaseId, d.Score, d.ComputedLevel, d.Level, d.JudgementReason,
        NdmDto.From(d.Rationale), d.NewIncident, d.Notes, d.Answers.OrderBy(a => a.Position).Select(a => new DashAnswerDto(a.QuestionId, a.Question, a.Answer)).ToList(),
        d.TaskId, kind, d.ByName, d.AssessedAt);
}
