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

    /// <summary>Entitlement level, priority and their reasons, with any override (Intake triage).</summary>
    public TriageView? Triage { get; init; }

    /// <summary>What the referral said, for cases that came from one.</summary>
    public ReferralView? Referral { get; init; }

    /// <summary>The other people on the same crime whose cases this user may see.</summary>
    public IReadOnlyList<LinkedCaseView> SameCrime { get; init; } = [];

    /// <summary>This person's other cases that this user may see.</summary>
    public IReadOnlyList<LinkedCaseView> SamePerson { get; init; } = [];
}

public sealed record TriageView(
    EntitlementLevel EntitlementLevel,
    EntitlementLevel ComputedEntitlementLevel,
    IReadOnlyList<string> EnhancedReasons,
    int Priority,
    int ComputedPriority,
    IReadOnlyList<string> PriorityReasons,
    bool RepeatVictim,
    EntitlementLevel? EntitlementOverride,
    string? EntitlementOverrideNote,
    int? PriorityOverride,
    string? PriorityOverrideNote,
    string? OverriddenBy,
    DateTime? OverriddenAt,
    DateTime? TriagedAt,
    IReadOnlyList<string> OffenceFlags,
    IReadOnlyList<string> VulnerabilityFlags,
    IReadOnlyList<string> ContactRestrictions);

public sealed record ReferralView(
    CaseSource Source, DateTime ReceivedAt, string? ReferringAgency, string? ReferrerName, string? ReferrerContact,
    bool? ReportedToPolice, string? WhatHappened, string? SafeContactMethod, string? SafeContactTimes, bool ConsentToContact);

/// <summary>Another case linked by crime or by person: enough to name it and link to it.</summary>
public sealed record LinkedCaseView(
    Guid Id, string? FirstName, string? LastName, string? BusinessName, PersonRole Role, string? CrimeReference, string OffenceDescription,
    DateOnly? DateReported, CaseStatus Status)
{
    public string Name => Domain.Person.FullName(FirstName, LastName, BusinessName);
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
        detail = await WithTriageAndLinksAsync(detail, actor, ct);
        if (logConsultation)
        {
            audit.Record(AuditOperation.Consultation, "Case", caseId.ToString(), detail.Person.Id);
            var linked = detail.SameCrime.Concat(detail.SamePerson).Select(l => l.Id).Distinct().ToList();
            if (linked.Count > 0)
            {
                // Naming the other people on the crime is consultation of their data too.
                audit.Record(AuditOperation.Consultation, "CaseLinks", caseId.ToString(), detail.Person.Id,
                    detail: "Linked cases shown: " + string.Join(",", linked));
            }
            await db.SaveChangesAsync(ct);
        }
        return Result<CaseDetail>.Ok(detail);
    }

    private async Task<CaseDetail> WithTriageAndLinksAsync(CaseDetail detail, Actor actor, CancellationToken ct)
    {
        var caseId = detail.Id;
        var t = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.EntitlementLevel, c.ComputedEntitlementLevel, c.EnhancedReasons, c.Priority, c.ComputedPriority, c.PriorityReasons, c.RepeatVictim,
                c.EntitlementOverride, c.EntitlementOverrideNote, c.PriorityOverride, c.PriorityOverrideNote, c.OverriddenBy, c.OverriddenAt, c.TriagedAt,
                c.Crime.OffenceFlags, c.Person.VulnerabilityFlags, c.Person.ContactRestrictions,
            })
            .SingleAsync(ct);
        var referral = await db.Referrals.AsNoTracking().Where(r => r.CaseId == caseId).OrderByDescending(r => r.ReceivedAt)
            .Select(r => new ReferralView(r.Source, r.ReceivedAt, r.ReferringAgency, r.ReferrerName, r.ReferrerContact, r.ReportedToPolice,
                r.WhatHappened, r.SafeContactMethod, r.SafeContactTimes, r.ConsentToContact))
            .FirstOrDefaultAsync(ct);
        var crimeId = detail.Crime.Id;
        var personId = detail.Person.Id;
        var linked = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.Id != caseId && (c.CrimeId == crimeId || c.PersonId == personId))
            .OrderByDescending(c => c.Crime.DateReported).ThenBy(c => c.Id)
            .Take(100)
            .Select(c => new
            {
                c.CrimeId,
                View = new LinkedCaseView(c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, c.Role, c.Crime.CrimeReference,
                    c.Crime.OffenceDescription, c.Crime.DateReported, c.Status),
            })
            .ToListAsync(ct);
        var sameCrime = linked.Where(l => l.CrimeId == crimeId).Select(l => l.View).ToList();
        var samePerson = linked.Where(l => l.CrimeId != crimeId).Select(l => l.View).ToList();
        return detail with
        {
            Triage = new TriageView(t.EntitlementLevel, t.ComputedEntitlementLevel, Flags.Parse(t.EnhancedReasons), t.Priority, t.ComputedPriority,
                Flags.Parse(t.PriorityReasons), t.RepeatVictim, t.EntitlementOverride, t.EntitlementOverrideNote, t.PriorityOverride,
                t.PriorityOverrideNote, t.OverriddenBy, t.OverriddenAt, t.TriagedAt, Flags.Parse(t.OffenceFlags), Flags.Parse(t.VulnerabilityFlags),
                Flags.Parse(t.ContactRestrictions)),
            Referral = referral,
            SameCrime = sameCrime,
            SamePerson = samePerson,
        };
    }
}
