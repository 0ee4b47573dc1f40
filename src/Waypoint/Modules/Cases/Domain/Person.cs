namespace Waypoint.Modules.Cases.Domain;

/// <summary>Someone Waypoint cares for: a victim, witness, bereaved relative, parent or guardian, or a business's named contact.</summary>
public sealed class Person
{
    private Person() { }

    public Person(Guid organisationId, Guid? forceOrganisationId, string? personReference, PersonDetails details, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        ForceOrganisationId = forceOrganisationId;
        PersonReference = Clean(personReference);
        CreatedAt = now;
        Apply(details);
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation that recorded this person.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>The force whose records system knows this person; with <see cref="PersonReference"/> it identifies them across crimes.</summary>
    public Guid? ForceOrganisationId { get; private set; }
    public string? PersonReference { get; private set; }

    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? BusinessName { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    public string? Phone { get; private set; }
    public string? Mobile { get; private set; }
    public string? Email { get; private set; }
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? Town { get; private set; }
    public string? Postcode { get; private set; }
    public string? PreferredLanguage { get; private set; }
    public bool InterpreterRequired { get; private set; }

    /// <summary>Vulnerability flags (<see cref="Flags.Vulnerability"/>), stored as <see cref="Flags.Format"/>.</summary>
    public string VulnerabilityFlags { get; private set; } = "";

    /// <summary>Contact restrictions (<see cref="Flags.ContactRestriction"/>), stored as <see cref="Flags.Format"/>.</summary>
    public string ContactRestrictions { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public string DisplayName => FullName(FirstName, LastName, BusinessName);

    public static string FullName(string? first, string? last, string? business)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : business ?? "(no name)";
    }

    public void Update(PersonDetails details) => Apply(details);

    private void Apply(PersonDetails d)
    {
        FirstName = Clean(d.FirstName);
        LastName = Clean(d.LastName);
        BusinessName = Clean(d.BusinessName);
        DateOfBirth = d.DateOfBirth;
        Phone = Clean(d.Phone);
        Mobile = Clean(d.Mobile);
        Email = Clean(d.Email);
        AddressLine1 = Clean(d.AddressLine1);
        AddressLine2 = Clean(d.AddressLine2);
        Town = Clean(d.Town);
        Postcode = d.Postcode is null ? null : Postcodes.Normalise(d.Postcode);
        PreferredLanguage = Clean(d.PreferredLanguage);
        InterpreterRequired = d.InterpreterRequired;
        if (d.VulnerabilityFlags is not null)
        {
            VulnerabilityFlags = Flags.Format(d.VulnerabilityFlags);
        }
        if (d.ContactRestrictions is not null)
        {
            ContactRestrictions = Flags.Format(d.ContactRestrictions);
        }
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The changeable details of a person, as entered.</summary>
public sealed record PersonDetails(
    string? FirstName,
    string? LastName,
    string? BusinessName,
    DateOnly? DateOfBirth,
    string? Phone,
    string? Mobile,
    string? Email,
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    string? Postcode,
    string? PreferredLanguage,
    bool InterpreterRequired,
    IReadOnlyCollection<string>? VulnerabilityFlags = null,
    IReadOnlyCollection<string>? ContactRestrictions = null);

/// <summary>UK postcode shape checks (format only; no address lookup).</summary>
public static partial class Postcodes
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(GIR ?0AA|[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]? ?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]? ?[0-9][ABD-HJLNP-UW-Z]{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Pattern();

    public static bool IsValid(string? postcode) => postcode is not null && Pattern().IsMatch(postcode.Trim());

    /// <summary>Upper case with one space before the inward code, when the shape is valid; otherwise trimmed as sent.</summary>
    public static string Normalise(string postcode)
    {
        var compact = postcode.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return IsValid(compact) && compact.Length > 3 ? compact[..^3] + " " + compact[^3..] : postcode.Trim();
    }
}
