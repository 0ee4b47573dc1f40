using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.EditCase;

/// <summary>
/// Editing a case's person and crime details. The versions the editor started from travel with the request:
/// if anyone saved in between, nothing is written and the editor is told, keeping what they typed.
/// </summary>
public sealed class EditCaseRequest : CaseDetailsInput
{
    public int CaseVersion { get; set; }
    public int PersonVersion { get; set; }
    public int CrimeVersion { get; set; }
}

public sealed record EditedCase(Guid Id, IReadOnlyList<string> ChangedFields);

internal sealed class EditCaseHandler(AppDbContext db)
{
    public async Task<Result<EditedCase>> HandleAsync(Guid caseId, EditCaseRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).Where(c => c.Id == caseId)
            .Include(c => c.Person).Include(c => c.Crime)
            .SingleOrDefaultAsync(ct);
        if (victimCase is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        r.Validate(errors, UkTime.Today(actor.Now));
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        if (victimCase.Version != r.CaseVersion || victimCase.Person.Version != r.PersonVersion || victimCase.Crime.Version != r.CrimeVersion)
        {
            return Fail.Conflict;
        }
        // The database checks the same versions, so a save racing this one between read and write is refused too.
        db.Entry(victimCase).Property(c => c.Version).OriginalValue = r.CaseVersion;
        db.Entry(victimCase.Person).Property(p => p.Version).OriginalValue = r.PersonVersion;
        db.Entry(victimCase.Crime).Property(c => c.Version).OriginalValue = r.CrimeVersion;

        victimCase.Person.Update(r.ToPerson());
        victimCase.Crime.Update(r.ToCrime() with { InvestigationStatus = victimCase.Crime.InvestigationStatus });
        victimCase.ChangeRole(r.Role, actor);
        db.ChangeTracker.DetectChanges();
        var changed = db.Entry(victimCase.Person).Properties.Concat(db.Entry(victimCase.Crime).Properties)
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && p.Metadata.Name != "Version")
            .Select(p => Labels.For(p.Metadata.Name))
            .Distinct()
            .ToList();
        if (changed.Count == 0 && !db.ChangeTracker.HasChanges())
        {
            return Result<EditedCase>.Ok(new EditedCase(caseId, []));
        }
        victimCase.RecordDetailsChanged(changed, actor);
        // A new timeline entry brings its own Guid key, so EF takes it for an existing row (Modified) and the save
        // fails as a concurrency conflict. Timeline entries are only ever added.
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<Domain.TimelineEntry>().Where(e => e.State == EntityState.Modified))
        {
            entry.State = EntityState.Added;
        }
        // The case's own version moves with any change to its person or crime, so case-level edits see them.
        db.Entry(victimCase).Property(c => c.Version).CurrentValue = r.CaseVersion + 1;
        db.Entry(victimCase).Property(c => c.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<EditedCase>.Ok(new EditedCase(caseId, changed));
    }
}

/// <summary>Field names as people read them, for the timeline.</summary>
internal static class Labels
{
    public static string For(string field) => field switch
    {
        "FirstName" => "first name",
        "LastName" => "last name",
        "BusinessName" => "business name",
        "DateOfBirth" => "date of birth",
        "Phone" => "phone",
        "Mobile" => "mobile",
        "Email" => "email",
        "AddressLine1" or "AddressLine2" or "Town" => "address",
        "Postcode" => "postcode",
        "PreferredLanguage" => "preferred language",
        "InterpreterRequired" => "interpreter",
        "OffenceDescription" => "offence",
        "OffenceCode" => "offence code",
        "DateReported" => "date reported",
        "DateOfOffence" => "date of offence",
        "OfficerInCaseName" or "OfficerInCaseEmail" or "OfficerInCasePhone" => "officer in the case",
        _ => field,
    };
}
