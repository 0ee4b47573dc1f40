using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.ViewCase;

/// <summary>Everything the case page shows. Reading it is logged as consultation of the case and its person.</summary>
public sealed record CaseDetail(
    Guid Id,
    Guid OrganisationId,
    string OrganisationName,
    CaseStatus Status,
    PersonRole Role,
    CaseSource Source,
    string? ReferringAgency,
    Guid? TeamId,
    string? TeamName,
    Guid? AllocatedOfficerId,
    string? AllocatedOfficerName,
    DateTime? AllocatedAt,
    bool Restricted,
    string? RestrictionReason,
    DateTime CreatedAt,
    int Version,
    PersonView Person,
    CrimeView Crime,
    IReadOnlyList<TimelineView> Timeline,
    IReadOnlyList<NamedUserView> NamedUsers,
    IReadOnlyList<BreakGlassView> BreakGlass)
{
    public string Name => Domain.Person.FullName(Person.FirstName, Person.LastName, Person.BusinessName);
}

public sealed record PersonView(
    Guid Id, string? PersonReference, string? FirstName, string? LastName, string? BusinessName, DateOnly? DateOfBirth,
    string? Phone, string? Mobile, string? Email, string? AddressLine1, string? AddressLine2, string? Town, string? Postcode,
    string? PreferredLanguage, bool InterpreterRequired, int Version);

public sealed record CrimeView(
    Guid Id, string? ForceCode, string? ForceName, string? CrimeReference, string? OffenceCode, string OffenceDescription,
    DateOnly? DateReported, DateOnly? DateOfOffence, string? OfficerInCaseName, string? OfficerInCaseEmail, string? OfficerInCasePhone,
    string? InvestigationStatus, int Version);

public sealed record TimelineView(DateTime At, TimelineKind Kind, string Summary, string ActorName);

public sealed record NamedUserView(Guid UserId, string Name);

public sealed record BreakGlassView(string UserName, string Reason, DateTime At, DateTime ExpiresAt);

internal sealed class ViewCaseHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<CaseDetail>> HandleAsync(Guid caseId, Actor actor, CancellationToken ct, bool logConsultation = true)
    {
        var detail = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new CaseDetail(
                c.Id,
                c.OrganisationId,
                db.Organisations.Where(o => o.Id == c.OrganisationId).Select(o => o.Name).First(),
                c.Status,
                c.Role,
                c.Source,
                c.ReferringAgency,
                c.TeamId,
                db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault(),
                c.AllocatedOfficerId,
                db.Users.Where(u => u.Id == c.AllocatedOfficerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.AllocatedAt,
                c.Restricted,
                c.RestrictionReason,
                c.CreatedAt,
                c.Version,
                new PersonView(c.Person.Id, c.Person.PersonReference, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName,
                    c.Person.DateOfBirth, c.Person.Phone, c.Person.Mobile, c.Person.Email, c.Person.AddressLine1, c.Person.AddressLine2,
                    c.Person.Town, c.Person.Postcode, c.Person.PreferredLanguage, c.Person.InterpreterRequired, c.Person.Version),
                new CrimeView(c.Crime.Id,
                    db.Organisations.Where(o => o.Id == c.Crime.ForceOrganisationId).Select(o => o.Code).FirstOrDefault(),
                    db.Organisations.Where(o => o.Id == c.Crime.ForceOrganisationId).Select(o => o.Name).FirstOrDefault(),
                    c.Crime.CrimeReference, c.Crime.OffenceCode, c.Crime.OffenceDescription, c.Crime.DateReported, c.Crime.DateOfOffence,
                    c.Crime.OfficerInCaseName, c.Crime.OfficerInCaseEmail, c.Crime.OfficerInCasePhone, c.Crime.InvestigationStatus, c.Crime.Version),
                c.Timeline.OrderByDescending(t => t.At).Select(t => new TimelineView(t.At, t.Kind, t.Summary, t.ActorName)).ToList(),
                c.NamedUsers.Select(n => new NamedUserView(n.UserId, db.Users.Where(u => u.Id == n.UserId).Select(u => u.DisplayName).First())).ToList(),
                c.BreakGlass.OrderByDescending(g => g.At).Select(g => new BreakGlassView(g.UserName, g.Reason, g.At, g.ExpiresAt)).ToList()))
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (detail is null)
        {
            return Fail.NotFound;
        }
        if (logConsultation)
        {
            audit.Record(AuditOperation.Consultation, "Case", caseId.ToString(), detail.Person.Id);
            await db.SaveChangesAsync(ct);
        }
        return Result<CaseDetail>.Ok(detail);
    }
}
