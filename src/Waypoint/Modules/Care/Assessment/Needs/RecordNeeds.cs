using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment.Needs;

public sealed class NeedInput
{
    public NeedArea? Area { get; set; }
    public NeedLevel? Level { get; set; }
    public string? Note { get; set; }
}

public sealed class NeedsRequest
{
    /// <summary>Every one of the ten areas, each with its level and an optional note.</summary>
    public List<NeedInput>? Areas { get; set; }
    public string? Summary { get; set; }
}

public sealed record NeedDto(NeedArea Area, NeedLevel Level, string? Note);

public sealed record NeedsAssessmentDto(Guid Id, Guid CaseId, int Number, IReadOnlyList<NeedDto> Areas, string? Summary, string ByName, DateTime AssessedAt)
{
    public static NeedsAssessmentDto From(NeedsAssessment a) => new(a.Id, a.CaseId, a.Number,
        a.Areas.OrderBy(x => x.Area).Select(x => new NeedDto(x.Area, x.Level, x.Note)).ToList(), a.Summary, a.ByName, a.AssessedAt);
}

/// <summary>The structured needs assessment: a new version each time, the earlier ones kept.</summary>
internal sealed class RecordNeedsHandler(AppDbContext db, AuditScope audit)
{
    public static string Field(NeedArea area) => "Level-" + area;

    public async Task<Result<NeedsAssessmentDto>> HandleAsync(Guid caseId, NeedsRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        var byArea = new Dictionary<NeedArea, (NeedLevel, string?)>();
        foreach (var a in r.Areas ?? [])
        {
            if (a.Area is not { } area || !Enum.IsDefined(area))
            {
                errors.Add("Areas", "Every entry needs one of the ten areas");
                continue;
            }
            var note = string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim();
            if (note is { Length: > 2000 })
            {
                errors.Add("Note-" + area, $"The note on {NeedsAssessment.AreaName(area).ToLowerInvariant()} must be 2000 characters or fewer");
            }
            if (a.Level is { } level && Enum.IsDefined(level))
            {
                byArea[area] = (level, note);
            }
        }
        foreach (var area in Enum.GetValues<NeedArea>().Where(a => !byArea.ContainsKey(a)))
        {
            errors.Add(Field(area), $"Select the level of need for {NeedsAssessment.AreaName(area).ToLowerInvariant()}");
        }
        var summary = string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary.Trim();
        if (summary is { Length: > 2000 })
        {
            errors.Add(nameof(r.Summary), "The summary must be 2000 characters or fewer");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var number = (await db.NeedsAssessments.Where(a => a.CaseId == caseId).MaxAsync(a => (int?)a.Number, ct) ?? 0) + 1;
        var assessment = new NeedsAssessment(victimCase.OrganisationId, caseId, number, byArea.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.Item1, kv.Value.Item2)), summary, actor);
        db.NeedsAssessments.Add(assessment);
        var high = byArea.Where(kv => kv.Value.Item1 == NeedLevel.High).Select(kv => NeedsAssessment.AreaName(kv.Key).ToLowerInvariant()).ToList();
        victimCase.Note(TimelineKind.Assessment, $"Needs assessment {number} recorded" + (high.Count == 0 ? "" : $": high need in {string.Join(", ", high)}"), actor);
        audit.Record(AuditOperation.Collection, "NeedsAssessment", assessment.Id.ToString(), victimCase.PersonId, detail: $"Needs assessment {number} on case {caseId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (number > 0)
        {
            // Someone else recorded the same version number at the same moment.
            return Fail.Conflict;
        }
        return Result<NeedsAssessmentDto>.Created(NeedsAssessmentDto.From(assessment));
    }

    /// <summary>Every version, newest first; null when the actor cannot see the case.</summary>
    public async Task<IReadOnlyList<NeedsAssessmentDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var list = await db.NeedsAssessments.AsNoTracking().Include(a => a.Areas).Where(a => a.CaseId == caseId).OrderByDescending(a => a.Number).ToListAsync(ct);
        return list.Select(NeedsAssessmentDto.From).ToList();
    }
}
