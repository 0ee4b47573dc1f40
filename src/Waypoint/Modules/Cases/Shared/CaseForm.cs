using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.ViewCase;
using Waypoint.Platform.Ui;

namespace Waypoint.Modules.Cases.Shared;

/// <summary>
/// What the record and edit forms post: all text, so whatever a person typed (even an impossible date) comes back
/// to them unchanged beside its error.
/// </summary>
public sealed class CaseForm
{
    public string? Role { get; set; } = nameof(PersonRole.Victim);
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BusinessName { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? InterpreterRequired { get; set; }
    public string? OffenceDescription { get; set; }
    public string? OffenceCode { get; set; }
    public string? DateReported { get; set; }
    public string? DateOfOffence { get; set; }
    public string? OfficerInCaseName { get; set; }
    public string? OfficerInCaseEmail { get; set; }
    public string? OfficerInCasePhone { get; set; }

    // Record only.
    public string? ForceCode { get; set; }
    public string? CrimeReference { get; set; }
    public string? PersonReference { get; set; }
    public string? Source { get; set; } = nameof(CaseSource.Phone);
    public string? ReferringAgency { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerContact { get; set; }
    public string? ConsentToContact { get; set; }
    public string? TeamId { get; set; }

    // Edit only: the versions the editor started from.
    public int CaseVersion { get; set; }
    public int PersonVersion { get; set; }
    public int CrimeVersion { get; set; }

    /// <summary>Copies the typed values into a request, adding an error for anything that cannot be read.</summary>
    public void FillDetails(CaseDetailsInput target, FormState form)
    {
        if (Enum.TryParse<PersonRole>(Role, out var role))
        {
            target.Role = role;
        }
        else
        {
            form.Add(nameof(Role), "Select the person's role");
        }
        target.FirstName = FirstName;
        target.LastName = LastName;
        target.BusinessName = BusinessName;
        target.DateOfBirth = form.Date(DateOfBirth, nameof(DateOfBirth), "Date of birth");
        target.Phone = Phone;
        target.Mobile = Mobile;
        target.Email = Email;
        target.AddressLine1 = AddressLine1;
        target.AddressLine2 = AddressLine2;
        target.Town = Town;
        target.Postcode = Postcode;
        target.PreferredLanguage = PreferredLanguage;
        target.InterpreterRequired = InterpreterRequired == "true";
        target.OffenceDescription = OffenceDescription;
        target.OffenceCode = OffenceCode;
        target.DateReported = form.Date(DateReported, nameof(DateReported), "Date reported");
        target.DateOfOffence = form.Date(DateOfOffence, nameof(DateOfOffence), "Date of the offence");
        target.OfficerInCaseName = OfficerInCaseName;
        target.OfficerInCaseEmail = OfficerInCaseEmail;
        target.OfficerInCasePhone = OfficerInCasePhone;
    }

    public static CaseForm From(CaseDetail c) => new()
    {
        Role = c.Role.ToString(),
        FirstName = c.Person.FirstName,
        LastName = c.Person.LastName,
        BusinessName = c.Person.BusinessName,
        DateOfBirth = FormState.FormatDate(c.Person.DateOfBirth),
        Phone = c.Person.Phone,
        Mobile = c.Person.Mobile,
        Email = c.Person.Email,
        AddressLine1 = c.Person.AddressLine1,
        AddressLine2 = c.Person.AddressLine2,
        Town = c.Person.Town,
        Postcode = c.Person.Postcode,
        PreferredLanguage = c.Person.PreferredLanguage,
        InterpreterRequired = c.Person.InterpreterRequired ? "true" : null,
        OffenceDescription = c.Crime.OffenceDescription,
        OffenceCode = c.Crime.OffenceCode,
        DateReported = FormState.FormatDate(c.Crime.DateReported),
        DateOfOffence = FormState.FormatDate(c.Crime.DateOfOffence),
        OfficerInCaseName = c.Crime.OfficerInCaseName,
        OfficerInCaseEmail = c.Crime.OfficerInCaseEmail,
        OfficerInCasePhone = c.Crime.OfficerInCasePhone,
        CaseVersion = c.Version,
        PersonVersion = c.Person.Version,
        CrimeVersion = c.Crime.Version,
    };

    public static readonly IReadOnlyList<(string, string)> RoleOptions =
        Enum.GetValues<PersonRole>().Select(r => (r.ToString(), VictimCase.RoleName(r))).ToList();
}
