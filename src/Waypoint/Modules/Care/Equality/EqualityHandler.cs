using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Equality;

/// <summary>
/// The victim's agreement and their answers. Every answer is optional (null: not answered); codes are those of
/// <see cref="EqualityQuestions"/>, "prefer-not-to-say" included. <see cref="Agreed"/> must be true: nothing is
/// recorded without the victim's agreement.
/// </summary>
public sealed class EqualityRequest
{
    public bool Agreed { get; set; }
    public DateOnly? AgreedOn { get; set; }

    /// <summary>phone, in-person, writing, online.</summary>
    public string? AgreedHow { get; set; }
    public string? AgeBand { get; set; }
    public string? Sex { get; set; }
    public string? GenderIdentity { get; set; }
    public string? Ethnicity { get; set; }
    public string? Religion { get; set; }
    public string? SexualOrientation { get; set; }
    public string? Disability { get; set; }
    public string? Pregnancy { get; set; }
    public string? MaritalStatus { get; set; }

    public string? Answer(string key) => key switch
    {
        "AgeBand" => AgeBand,
        "Sex" => Sex,
        "GenderIdentity" => GenderIdentity,
        "Ethnicity" => Ethnicity,
        "Religion" => Religion,
        "SexualOrientation" => SexualOrientation,
        "Disability" => Disability,
        "Pregnancy" => Pregnancy,
        "MaritalStatus" => MaritalStatus,
        _ => null,
    };
}

/// <summary>Whether the victim agreed to equality monitoring: never the answers.</summary>
public sealed record EqualityStatus(Guid CaseId, bool Agreed, DateOnly? AgreedOn, string? AgreedHow, DateTime? WithdrawnAt, int Version);

/// <summary>The answers, for the form only (writers).</summary>
public sealed record EqualityAnswers(EqualityStatus Status, IReadOnlyDictionary<string, string?> Answers);

internal sealed class EqualityHandler(AppDbContext db, AuditScope audit)
{
    private async Task<(VictimCase Case, EqualityMonitoring? Monitoring)?> LoadAsync(Guid caseId, Actor actor, bool tracked, CancellationToken ct)
    {
        var cases = tracked ? db.Cases : db.Cases.AsNoTracking();
        var victimCase = await cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (victimCase is null)
        {
            return null;
        }
        var monitoring = tracked ? db.EqualityMonitoring : db.EqualityMonitoring.AsNoTracking();
        var found = await monitoring.SingleOrDefaultAsync(e => e.OrganisationId == victimCase.OrganisationId && e.PersonId == victimCase.PersonId, ct);
        return (victimCase, found);
    }

    private static EqualityStatus StatusOf(Guid caseId, EqualityMonitoring? m) =>
        new(caseId, m?.Agreed == true, m?.AgreedOn, m?.AgreedHow, m?.WithdrawnAt, m?.Version ?? 0);

    /// <summary>Whether monitoring was agreed (read by anyone who can see the case); logged as consultation.</summary>
    public async Task<Result<EqualityStatus>> StatusAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(caseId, actor, tracked: false, ct) is not { } loaded)
        {
            return Fail.NotFound;
        }
        var (victimCase, monitoring) = loaded;
        audit.Record(AuditOperation.Consultation, "EqualityMonitoring", monitoring?.Id.ToString(), victimCase.PersonId,
            detail: $"Equality monitoring agreement viewed from case {caseId} (answers not shown)");
        await db.SaveChangesAsync(ct);
        return Result<EqualityStatus>.Ok(StatusOf(caseId, monitoring));
    }

    /// <summary>The answers, for the form: writers only; logged as consultation of the answers.</summary>
    public async Task<Result<EqualityAnswers>> AnswersAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(caseId, actor, tracked: false, ct) is not { } loaded)
        {
            return Fail.NotFound;
        }
        var (victimCase, monitoring) = loaded;
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        if (monitoring is { Agreed: true })
        {
            audit.Record(AuditOperation.Consultation, "EqualityMonitoring", monitoring.Id.ToString(), victimCase.PersonId,
                detail: $"Equality monitoring answers viewed on the form from case {caseId}");
            await db.SaveChangesAsync(ct);
        }
        var answers = EqualityQuestions.All.ToDictionary(q => q.Key, q => monitoring?.Answer(q.Key));
        return Result<EqualityAnswers>.Ok(new EqualityAnswers(StatusOf(caseId, monitoring), answers));
    }

    public async Task<Result<EqualityStatus>> SaveAsync(Guid caseId, EqualityRequest r, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(caseId, actor, tracked: true, ct) is not { } loaded)
        {
            return Fail.NotFound;
        }
        var (victimCase, monitoring) = loaded;
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = Validate(r, UkTime.Today(actor.Now));
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var isNew = monitoring is null;
        monitoring ??= new EqualityMonitoring(victimCase.OrganisationId, victimCase.PersonId);
        var wasAgreed = monitoring.Agreed;
        var changed = EqualityQuestions.All.Where(q => monitoring.Answer(q.Key) != Clean(r.Answer(q.Key))).Select(q => q.Key).ToList();
        monitoring.Record(r.AgreedOn!.Value, r.AgreedHow!, EqualityQuestions.All.ToDictionary(q => q.Key, q => Clean(r.Answer(q.Key))), actor);
        if (isNew)
        {
            db.EqualityMonitoring.Add(monitoring);
        }
        var answered = EqualityQuestions.All.Count(q => monitoring.Answer(q.Key) is not null);
        // The log says what was collected or changed, never the answers themselves.
        if (wasAgreed)
        {
            audit.Record(AuditOperation.Alteration, "EqualityMonitoring", monitoring.Id.ToString(), victimCase.PersonId,
                detail: $"Equality monitoring answers changed from case {caseId}: " + (changed.Count == 0 ? "no answer changed" : string.Join(", ", changed)));
        }
        else
        {
            audit.Record(AuditOperation.Collection, "EqualityMonitoring", monitoring.Id.ToString(), victimCase.PersonId,
                detail: $"Equality monitoring recorded with the victim's agreement ({r.AgreedHow}, {r.AgreedOn:yyyy-MM-dd}) from case {caseId}: {answered} of {EqualityQuestions.All.Count} questions answered");
        }
        victimCase.Note(TimelineKind.Equality, wasAgreed ? "Equality monitoring answers changed" : "Equality monitoring recorded with the victim's agreement", actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        catch (DbUpdateException) when (isNew)
        {
            return Fail.Conflict; // someone recorded it for this person at the same time
        }
        return Result<EqualityStatus>.Ok(StatusOf(caseId, monitoring));
    }

    /// <summary>The victim withdrew their agreement: the answers are erased, and the erasure logged.</summary>
    public async Task<Result<EqualityStatus>> WithdrawAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (await LoadAsync(caseId, actor, tracked: true, ct) is not { } loaded)
        {
            return Fail.NotFound;
        }
        var (victimCase, monitoring) = loaded;
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        if (monitoring is not { Agreed: true })
        {
            return Fail.Rejected("The victim has not agreed to equality monitoring: there is nothing to withdraw.");
        }
        var erased = EqualityQuestions.All.Where(q => monitoring.Answer(q.Key) is not null).Select(q => q.Key).ToList();
        monitoring.Withdraw(actor);
        audit.Record(AuditOperation.Erasure, "EqualityMonitoring", monitoring.Id.ToString(), victimCase.PersonId,
            detail: $"Agreement to equality monitoring withdrawn from case {caseId}: answers erased" + (erased.Count == 0 ? "" : " (" + string.Join(", ", erased) + ")"));
        victimCase.Note(TimelineKind.Equality, "Agreement to equality monitoring withdrawn: the answers were erased", actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<EqualityStatus>.Ok(StatusOf(caseId, monitoring));
    }

    public static ValidationErrors Validate(EqualityRequest r, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (!r.Agreed)
        {
            errors.Add(nameof(r.Agreed), "Confirm that the victim agreed to answer equality monitoring questions: nothing can be recorded without their agreement");
        }
        if (r.AgreedOn is null)
        {
            errors.Add(nameof(r.AgreedOn), "Enter the date the victim agreed");
        }
        else if (r.AgreedOn > today)
        {
            errors.Add(nameof(r.AgreedOn), "The date the victim agreed must be today or in the past");
        }
        if (EqualityQuestions.AgreementMethods.All(m => m.Code != r.AgreedHow))
        {
            errors.Add(nameof(r.AgreedHow), "Select how the victim gave their agreement");
        }
        foreach (var q in EqualityQuestions.All)
        {
            if (Clean(r.Answer(q.Key)) is { } code && q.Text(code) is null)
            {
                errors.Add(q.Key, $"Select one of the answers listed for {q.Heading.ToLowerInvariant()}");
            }
        }
        return errors;
    }

    private static string? Clean(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();
}
