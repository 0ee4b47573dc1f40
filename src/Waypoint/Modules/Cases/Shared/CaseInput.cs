using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Http;

namespace Waypoint.Modules.Cases.Shared;

/// <summary>The person and crime details an officer enters, shared by "record a victim" and "edit case".</summary>
public class CaseDetailsInput
{
    public PersonRole Role { get; set; } = PersonRole.Victim;
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BusinessName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? PreferredLanguage { get; set; }
    public bool InterpreterRequired { get; set; }
    public string? OffenceDescription { get; set; }
    public string? OffenceCode { get; set; }
    public DateOnly? DateReported { get; set; }
    public DateOnly? DateOfOffence { get; set; }
    public string? OfficerInCaseName { get; set; }
    public string? OfficerInCaseEmail { get; set; }
    public string? OfficerInCasePhone { get; set; }

    internal PersonDetails ToPerson() => new(FirstName, LastName, BusinessName, DateOfBirth, Phone, Mobile, Email,
        AddressLine1, AddressLine2, Town, Postcode, PreferredLanguage, InterpreterRequired);

    internal CrimeDetails ToCrime() => new(OffenceCode, OffenceDescription ?? "", DateReported, DateOfOffence,
        OfficerInCaseName, OfficerInCaseEmail, OfficerInCasePhone, null);

    /// <summary>The rules of feeds.md §1 that apply to a hand-entered record.</summary>
    internal void Validate(ValidationErrors errors, DateOnly today)
    {
        if (Role == PersonRole.BusinessContact)
        {
            errors.Required(BusinessName, nameof(BusinessName), "Enter the business's name");
        }
        else
        {
            errors.Required(FirstName, nameof(FirstName), "Enter the person's first name");
            errors.Required(LastName, nameof(LastName), "Enter the person's last name");
        }
        errors.MaxLength(FirstName, 100, nameof(FirstName), "First name");
        errors.MaxLength(LastName, 100, nameof(LastName), "Last name");
        errors.MaxLength(BusinessName, 200, nameof(BusinessName), "Business name");
        errors.MaxLength(Phone, 40, nameof(Phone), "Phone");
        errors.MaxLength(Mobile, 40, nameof(Mobile), "Mobile");
        errors.Email(Email, nameof(Email));
        errors.MaxLength(AddressLine1, 200, nameof(AddressLine1), "Address line 1");
        errors.MaxLength(AddressLine2, 200, nameof(AddressLine2), "Address line 2");
        errors.MaxLength(Town, 100, nameof(Town), "Town or city");
        errors.Postcode(Postcode, nameof(Postcode));
        errors.MaxLength(PreferredLanguage, 35, nameof(PreferredLanguage), "Preferred language");
        errors.Required(OffenceDescription, nameof(OffenceDescription), "Enter what the offence was");
        errors.MaxLength(OffenceDescription, 400, nameof(OffenceDescription), "Offence");
        errors.MaxLength(OffenceCode, 20, nameof(OffenceCode), "Offence code");
        errors.MaxLength(OfficerInCaseName, 200, nameof(OfficerInCaseName), "Officer in the case");
        errors.Email(OfficerInCaseEmail, nameof(OfficerInCaseEmail));
        errors.MaxLength(OfficerInCasePhone, 40, nameof(OfficerInCasePhone), "Officer's phone");
        if (DateReported is null)
        {
            errors.Add(nameof(DateReported), "Enter the date the crime was reported");
        }
        else if (DateReported > today)
        {
            errors.Add(nameof(DateReported), "Date reported must be today or in the past");
        }
        if (DateOfOffence is { } offence && DateReported is { } reported && offence > reported)
        {
            errors.Add(nameof(DateOfOffence), "Date of the offence must be on or before the date it was reported");
        }
        if (DateOfBirth is { } dob)
        {
            if (dob > today)
            {
                errors.Add(nameof(DateOfBirth), "Date of birth must be in the past");
            }
            else if ((DateOfOffence ?? DateReported) is { } when && dob > when)
            {
                errors.Add(nameof(DateOfBirth), "Date of birth must be before the date of the offence");
            }
        }
    }
}
