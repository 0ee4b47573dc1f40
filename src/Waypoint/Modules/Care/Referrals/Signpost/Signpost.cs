using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.Signpost;

/// <summary>Information about a service given to the victim without referring them: a service of the directory or one named in words.</summary>
public sealed class SignpostRequest
{
    public Guid? ServiceId { get; set; }
    public string? ServiceName { get; set; }
    public string? Note { get; set; }
}

public sealed record RecordedSignposting(Guid Id, Guid CaseId, Guid? ServiceId, string ServiceName, string? Note, DateTime At);

/// <summary>Signposting is recorded apart from referrals and records no Code action: it does not meet R4-REF.</summary>
internal sealed class SignpostHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<RecordedSignposting>> HandleAsync(Guid caseId, SignpostRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        string? name = null;
        if (r.ServiceId is { } serviceId)
        {
            name = await db.SupportServices.Where(s => s.Id == serviceId && s.OrganisationId == victimCase.OrganisationId).Select(s => s.Name).SingleOrDefaultAsync(ct);
            if (name is null)
            {
                errors.Add(nameof(r.ServiceId), "Select a service from the directory");
            }
        }
        else if (string.IsNullOrWhiteSpace(r.ServiceName))
        {
            errors.Add(nameof(r.ServiceId), "Select the service, or enter the name of the service the victim was told about");
        }
        else
        {
            name = r.ServiceName.Trim();
        }
        errors.MaxLength(r.ServiceName, 200, nameof(r.ServiceName), "The service's name");
        errors.MaxLength(r.Note, 2000, nameof(r.Note), "The note");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var signposting = new Signposting(victimCase.OrganisationId, caseId, r.ServiceId, name!, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), actor);
        db.Signpostings.Add(signposting);
        victimCase.Note(TimelineKind.Signposting, $"Signposted to {signposting.ServiceName}", actor);
        audit.Record(AuditOperation.Collection, "Signposting", signposting.Id.ToString(), victimCase.PersonId, detail: $"Signposted to {signposting.ServiceName} on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<RecordedSignposting>.Created(new RecordedSignposting(signposting.Id, caseId, signposting.ServiceId, signposting.ServiceName, signposting.Note, signposting.At));
    }
}
