using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Validation;

namespace Waypoint.Modules.Intake.Feeds.ImportVictims;

/// <summary>A valid row of the victims and witnesses feed (feeds.md §1), with the hash of its normalised values.</summary>
internal sealed record VictimRow(
    Guid ForceId,
    string ForceCode,
    string CrimeReference,
    string PersonReference,
    PersonRole Role,
    PersonDetails Person,
    CrimeDetails Crime,
    ReferralConsent? Consent,
    string Hash)
{
    private static readonly Dictionary<string, PersonRole> Roles = new(StringComparer.Ordinal)
    {
        ["victim"] = PersonRole.Victim,
        ["witness"] = PersonRole.Witness,
        ["bereaved_relative"] = PersonRole.BereavedRelative,
        ["parent_guardian"] = PersonRole.ParentGuardian,
        ["business_contact"] = PersonRole.BusinessContact,
    };

    private static readonly Dictionary<string, ReferralConsent> Consents = new(StringComparer.Ordinal)
    {
        ["yes"] = ReferralConsent.Yes,
        ["no"] = ReferralConsent.No,
        ["not_asked"] = ReferralConsent.NotAsked,
    };

    /// <summary>Checks every rule of feeds.md §1; returns the row, or null and every reason.</summary>
    public static (VictimRow? Row, IReadOnlyList<string> Reasons, string? ForceCode, string? CrimeReference) Validate(FeedRow row, ForceDirectory forces, DateOnly today)
    {
        var c = new RowCheck(row);
        var forceCode = c.Text("force_code", 20, required: true);
        var force = forces.Check(c, forceCode);
        var crimeRef = c.Text("crime_reference", 40, required: true);
        var personRef = c.Text("person_reference", 40, required: true);
        var role = c.Choice("role", Roles, required: true);

        var reported = c.Date("date_reported", required: true);
        if (reported > today)
        {
            c.Fail($"date_reported {row["date_reported"]} is in the future");
        }
        var offence = c.Date("date_of_offence");
        if (offence is { } o && reported is { } r && o > r)
        {
            c.Fail($"date_of_offence {row["date_of_offence"]} is after date_reported {row["date_reported"]}");
        }
        var offenceCode = c.Text("offence_code", 20);
        var description = c.Text("offence_description", 400, required: true);
        var offenceFlags = c.Codes("offence_flags", Flags.Offence);

        var first = c.Text("first_name", 100);
        var last = c.Text("last_name", 100);
        var business = c.Text("business_name", 200);
        if (role == PersonRole.BusinessContact)
        {
            if (business is null)
            {
                c.Fail("business_name is required when role is business_contact");
            }
        }
        else if (role is not null)
        {
            if (first is null)
            {
                c.Fail("first_name is required (only a business_contact may be sent without a named person)");
            }
            if (last is null)
            {
                c.Fail("last_name is required (only a business_contact may be sent without a named person)");
            }
        }
        var birth = c.Date("date_of_birth");
        if (birth is { } b)
        {
            if (b > today)
            {
                c.Fail($"date_of_birth {row["date_of_birth"]} is in the future");
            }
            else if ((offence ?? reported) is { } when && b > when)
            {
                c.Fail($"date_of_birth {row["date_of_birth"]} is after date_of_offence {when:yyyy-MM-dd}");
            }
        }
        var phone = c.Text("phone", 40);
        var mobile = c.Text("mobile", 40);
        var email = c.Email("email");
        var line1 = c.Text("address_line1", 200);
        var line2 = c.Text("address_line2", 200);
        var town = c.Text("town", 100);
        var postcode = c.Postcode("postcode");
        var language = c.Language("preferred_language");
        var interpreter = c.Boolean("interpreter_required");
        var vulnerability = c.Codes("vulnerability_flags", Flags.Vulnerability);
        var restrictions = c.Codes("contact_restrictions", Flags.ContactRestriction);
        var consent = c.Choice("consent_to_referral", Consents);
        var oicId = c.Text("oic_id", 40);
        var oicName = c.Text("oic_name", 200);
        var oicEmail = c.Email("oic_email");
        var oicPhone = c.Text("oic_phone", 40);
        var status = c.Text("investigation_status", 200);

        if (c.Failed || force is null)
        {
            return (null, c.Reasons, force?.Code ?? Cap(forceCode, 20), Cap(crimeRef, 40));
        }
        var person = new PersonDetails(first, last, business, birth, phone, mobile, email, line1, line2, town,
            postcode is null ? null : Postcodes.Normalise(postcode), language, interpreter ?? false, vulnerability, restrictions);
        var crime = new CrimeDetails(offenceCode, description!, reported, offence ?? reported, oicName, oicEmail, oicPhone, status,
            offenceFlags, oicId);
        var hash = HashOf(force.Value.Code, crimeRef!, personRef!, role!.Value, person, crime, consent);
        return (new VictimRow(force.Value.Id, force.Value.Code, crimeRef!, personRef!, role.Value, person, crime, consent, hash), [], force.Value.Code, crimeRef);
    }

    private static string? Cap(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>SHA-256 of the normalised values: the same row sent again, in any column order or case, hashes the same.</summary>
    private static string HashOf(string force, string crime, string person, PersonRole role, PersonDetails p, CrimeDetails c, ReferralConsent? consent)
    {
        var s = new StringBuilder();
        void Add(string? value) => s.Append(value).Append('\u001f');
        string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? L(IReadOnlyCollection<string>? l) => l is null ? "\u0000" : Flags.Format(l);
        Add(force); Add(crime); Add(person); Add(role.ToString()); Add(consent?.ToString());
        Add(p.FirstName); Add(p.LastName); Add(p.BusinessName); Add(D(p.DateOfBirth)); Add(p.Phone); Add(p.Mobile); Add(p.Email);
        Add(p.AddressLine1); Add(p.AddressLine2); Add(p.Town); Add(p.Postcode); Add(p.PreferredLanguage); Add(p.InterpreterRequired ? "1" : "0");
        Add(L(p.VulnerabilityFlags)); Add(L(p.ContactRestrictions));
        Add(c.OffenceCode); Add(c.OffenceDescription); Add(D(c.DateReported)); Add(D(c.DateOfOffence)); Add(c.OfficerInCaseName);
        Add(c.OfficerInCaseEmail); Add(c.OfficerInCasePhone); Add(c.InvestigationStatus); Add(L(c.OffenceFlags)); Add(c.OfficerInCaseId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.ToString())));
    }
}
