using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment.Thrive;

public sealed class ThriveRequest
{
    public string? Threat { get; set; }
    public string? Harm { get; set; }
    public string? Risk { get; set; }
    public string? Investigation { get; set; }
    public string? Vulnerability { get; set; }
    public string? Engagement { get; set; }
    public ThriveResponse? Response { get; set; }
    public string? ResponseNote { get; set; }
}

public sealed record ThriveDto(Guid Id, Guid CaseId, string Threat, string Harm, string Risk, string Investigation, string Vulnerability, string Engagement,
    ThriveResponse Response, string? ResponseNote, string ByName, DateTime AssessedAt)
{
    public static ThriveDto From(ThriveAssessment t) => new(t.Id, t.CaseId, t.Threat, t.Harm, t.Risk, t.Investigation, t.Vulnerability, t.Engagement,
        t.Response, t.ResponseNote, t.ByName, t.AssessedAt);
}

/// <summary>A case that has had a first successful contact but no THRIVE yet.</summary>
public sealed record ThriveDueRow(Guid CaseId, string Name, DateTime FirstSpokeAt);

/// <summary>THRIVE at first contact, and re-THRIVE when things change: a new record each time.</summary>
internal sealed class RecordThriveHandler(AppDbContext db, AuditScope audit)
{
    public static readonly IReadOnlyList<(string Field, string Label, string Hint)> Elements =
    [
        (nameof(ThriveRequest.Threat), "Threat", "What threat is there to the victim or others, and from whom?"),
        (nameof(ThriveRequest.Harm), "Harm", "What harm has been or could be caused?"),
        (nameof(ThriveRequest.Risk), "Risk", "How likely is the harm, and how soon?"),
        (nameof(ThriveRequest.Investigation), "Investigation", "What investigation opportunities are there?"),
        (nameof(ThriveRequest.Vulnerability), "Vulnerability", "Is the victim unable to take care of or protect themselves, or others, from harm or exploitation?"),
        (nameof(ThriveRequest.Engagement), "Engagement", "How is the victim engaging, and what would help them engage?"),
    ];

    public async Task<Result<ThriveDto>> HandleAsync(Guid caseId, ThriveRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        string Text(string? value, string field, string label)
        {
            var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (v is null)
            {
                errors.Add(field, $"Enter a note on {label.ToLowerInvariant()}");
            }
            else if (v.Length > 2000)
            {
                errors.Add(field, $"The note on {label.ToLowerInvariant()} must be 2000 characters or fewer");
            }
            return v ?? "";
        }
        var threat = Text(r.Threat, nameof(r.Threat), "Threat");
        var harm = Text(r.Harm, nameof(r.Harm), "Harm");
        var risk = Text(r.Risk, nameof(r.Risk), "Risk");
        var investigation = Text(r.Investigation, nameof(r.Investigation), "Investigation");
        var vulnerability = Text(r.Vulnerability, nameof(r.Vulnerability), "Vulnerability");
        var engagement = Text(r.Engagement, nameof(r.Engagement), "Engagement");
        if (r.Response is not { } response || !Enum.IsDefined(response))
        {
            errors.Add(nameof(r.Response), "Select the response THRIVE leads to");
            response = default;
        }
        var note = string.IsNullOrWhiteSpace(r.ResponseNote) ? null : r.ResponseNote.Trim();
        if (note is { Length: > 2000 })
        {
            errors.Add(nameof(r.ResponseNote), "The note on the response must be 2000 characters or fewer");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var thrive = new ThriveAssessment(victimCase.OrganisationId, caseId, threat, harm, risk, investigation, vulnerability, engagement, response, note, actor);
        db.ThriveAssessments.Add(thrive);
        victimCase.Note(TimelineKind.Assessment, $"THRIVE recorded: {ThriveAssessment.ResponseName(response).ToLowerInvariant()}", actor);
        audit.Record(AuditOperation.Collection, "ThriveAssessment", thrive.Id.ToString(), victimCase.PersonId, detail: $"THRIVE on case {caseId}: {response}");
        await db.SaveChangesAsync(ct);
        return Result<ThriveDto>.Created(ThriveDto.From(thrive));
    }

    public async Task<IReadOnlyList<ThriveDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var list = await db.ThriveAssessments.AsNoTracking().Where(t => t.CaseId == caseId).OrderByDescending(t => t.AssessedAt).ToListAsync(ct);
        return list.Select(ThriveDto.From).ToList();
    }

    /// <summary>My work: the actor's cases where the victim was spoken to but no THRIVE is recorded.</summary>
    public async Task<IReadOnlyList<ThriveDueRow>> DueAsync(Actor actor, CancellationToken ct)
    {
        var me = actor.UserId;
        if (me is null)
        {
            return [];
        }
        var rows = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.AllocatedOfficerId == me
                        && db.ContactAttempts.Any(a => a.CaseId == c.Id && a.Outcome == ContactOutcome.Spoke)
                        && !db.ThriveAssessments.Any(t => t.CaseId == c.Id))
            .Select(c => new
            {
                c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName,
                Spoke = db.ContactAttempts.Where(a => a.CaseId == c.Id && a.Outcome == ContactOutcome.Spoke).Min(a => a.At),
            })
            .OrderBy(x => x.Spoke)
            .Take(50)
            .ToListAsync(ct);
        return rows.Select(x => new ThriveDueRow(x.Id, Person.FullName(x.FirstName, x.LastName, x.BusinessName), x.Spoke)).ToList();
    }
}
