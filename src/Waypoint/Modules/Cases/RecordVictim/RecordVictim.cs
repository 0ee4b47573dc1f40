using Waypoint.Modules.Entitlements.Clocks;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.RecordVictim;

/// <summary>Recording a victim by hand, after a phone call or an agency's referral.</summary>
public sealed class RecordVictimRequest : CaseDetailsInput
{
    /// <summary>The force that recorded the crime; empty when it has not been reported to police.</summary>
    public string? ForceCode { get; set; }
    public string? CrimeReference { get; set; }
    public string? PersonReference { get; set; }
    public CaseSource Source { get; set; } = CaseSource.Phone;
    public string? ReferringAgency { get; set; }

    /// <summary>For agency referrals: the person at the agency who referred, and how to reach them.</summary>
    public string? ReferrerName { get; set; }
    public string? ReferrerContact { get; set; }

    /// <summary>Whether the victim agreed to be contacted by us (kept on the referral).</summary>
    public bool ConsentToContact { get; set; }
    public Guid? TeamId { get; set; }
}

public sealed record RecordedCase(Guid Id);

internal sealed class RecordVictimHandler(AppDbContext db, CaseTriage triage, CodeClocks clocks)
{
    public async Task<Result<RecordedCase>> HandleAsync(RecordVictimRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var errors = new ValidationErrors();
        r.Validate(errors, UkTime.Today(actor.Now));
        errors.MaxLength(r.CrimeReference, 40, nameof(r.CrimeReference), "Crime reference");
        errors.MaxLength(r.PersonReference, 40, nameof(r.PersonReference), "Person reference");
        if (r.Source is not (CaseSource.Phone or CaseSource.AgencyReferral))
        {
            errors.Add(nameof(r.Source), "Select how the victim came to us: phone call or agency referral");
        }
        if (r.Source == CaseSource.AgencyReferral)
        {
            errors.Required(r.ReferringAgency, nameof(r.ReferringAgency), "Enter the referring agency");
        }
        errors.MaxLength(r.ReferringAgency, 200, nameof(r.ReferringAgency), "Referring agency");
        errors.MaxLength(r.ReferrerName, 200, nameof(r.ReferrerName), "Referrer's name");
        errors.MaxLength(r.ReferrerContact, 254, nameof(r.ReferrerContact), "Referrer's contact details");

        Organisation? force = null;
        if (!string.IsNullOrWhiteSpace(r.ForceCode))
        {
            var code = Organisation.NormaliseCode(r.ForceCode);
            force = await db.Organisations.SingleOrDefaultAsync(o => o.Code == code && o.Type == OrganisationType.PoliceForce, ct);
            if (force is null || (force.Id != actor.OrganisationId && !actor.GrantedForceIds.Contains(force.Id)))
            {
                errors.Add(nameof(r.ForceCode), "Select a force whose records you can see");
            }
            errors.Required(r.CrimeReference, nameof(r.CrimeReference), "Enter the force's crime reference");
        }
        else if (!string.IsNullOrWhiteSpace(r.CrimeReference) || !string.IsNullOrWhiteSpace(r.PersonReference))
        {
            errors.Add(nameof(r.ForceCode), "Select the force that holds this crime reference");
        }
        if (r.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.OrganisationId == actor.OrganisationId && !t.Archived, ct))
        {
            errors.Add(nameof(r.TeamId), "Select one of your organisation's teams");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var crimeRef = r.CrimeReference?.Trim();
        var personRef = r.PersonReference?.Trim();
        var crime = force is null ? null : await db.Crimes.SingleOrDefaultAsync(c => c.ForceOrganisationId == force.Id && c.CrimeReference == crimeRef, ct);
        crime ??= db.Crimes.Add(new Crime(force?.Id, crimeRef, r.ToCrime(), actor.Now)).Entity;

        var person = force is null || string.IsNullOrEmpty(personRef)
            ? null
            : await db.People.SingleOrDefaultAsync(p => p.ForceOrganisationId == force.Id && p.PersonReference == personRef, ct);
        if (person is not null && await db.Cases.AnyAsync(c => c.PersonId == person.Id && c.CrimeId == crime.Id, ct))
        {
            return Fail.Rejected(nameof(r.PersonReference), "This person already has a case for this crime: find it in the case list");
        }
        person ??= db.People.Add(new Person(actor.OrganisationId, force?.Id, personRef, r.ToPerson(), actor.Now)).Entity;

        var victimCase = new VictimCase(actor.OrganisationId, person, crime, r.Role, r.Source, r.ReferringAgency, actor);
        if (r.TeamId is { } team)
        {
            var teamName = await db.Teams.Where(t => t.Id == team).Select(t => t.Name).SingleAsync(ct);
            victimCase.Allocate(team, teamName, null, null, actor);
        }
        db.Cases.Add(victimCase);
        var agency = r.Source == CaseSource.AgencyReferral;
        db.Referrals.Add(new Referral(actor.OrganisationId, victimCase.Id, r.Source,
            new ReferralDetails(agency ? r.ReferringAgency : null, agency ? r.ReferrerName : null, agency ? r.ReferrerContact : null,
                force is null ? null : true, null, null, null, r.ConsentToContact), actor.Now));
        await triage.ApplyAsync(victimCase, actor, ct);
        await clocks.StartForNewCaseAsync(victimCase, actor, ct);
        await db.SaveChangesAsync(ct);
        return Result<RecordedCase>.Created(new RecordedCase(victimCase.Id));
    }
}
