using System.Globalization;
using System.Text;
using Bogus;

namespace Waypoint.Benchmarks;

/// <summary>
/// Writes a synthetic, realistic victims feed (feeds.md §1) as CSV: British, Welsh, Polish and Irish names, several
/// people on some crimes, some people on several crimes (repeat victims), flags, contact restrictions, quoting.
/// Deterministic for a seed, so runs compare like with like.
/// </summary>
public static class VictimFeedGenerator
{
    public static readonly string[] Columns =
    [
        "force_code", "crime_reference", "person_reference", "role", "date_reported", "date_of_offence", "offence_code",
        "offence_description", "offence_flags", "first_name", "last_name", "business_name", "date_of_birth", "phone", "mobile",
        "email", "address_line1", "address_line2", "town", "postcode", "preferred_language", "interpreter_required",
        "vulnerability_flags", "contact_restrictions", "consent_to_referral", "oic_id", "oic_name", "oic_email", "oic_phone",
        "investigation_status",
    ];

    private static readonly (string Code, string Description, string Flags)[] Offences =
    [
        ("8N", "Assault occasioning actual bodily harm", ""), ("105A", "Common assault", ""), ("28E", "Burglary - residential", ""),
        ("45", "Theft from a vehicle", ""), ("58C", "Criminal damage to a dwelling", ""), ("8M", "Harassment", "stalking_harassment"),
        ("8L", "Coercive and controlling behaviour", "domestic_abuse"), ("19C", "Rape of a female aged 16 or over", "sexual_offence"),
        ("34B", "Robbery of personal property", ""), ("53C", "Fraud by false representation", "fraud"),
        ("66", "Racially or religiously aggravated public fear, alarm or distress", "hate_crime"), ("5D", "Wounding with intent", "wounding_gbh_with_intent"),
    ];

    private static readonly string[] OtherNames = ["Siân Llŷr", "Gethin Pryce", "Łucja Wróblewska", "Paweł Kowalczyk", "Órla Ní Bhriain", "Seán Ó Súilleabháin"];

    /// <summary>Writes <paramref name="rows"/> data rows after the header.</summary>
    public static void Write(TextWriter output, int rows, string forceCode, int seed = 20261123)
    {
        Randomizer.Seed = new Random(seed);
        var f = new Faker("en_GB");
        var today = new DateOnly(2026, 11, 20);
        output.Write(string.Join(',', Columns));
        output.Write("\r\n");
        // Names come from the person number, so a person seen again on another crime has the same name.
        var firstNames = Enumerable.Range(0, 257).Select(_ => f.Name.FirstName()).ToArray();
        var lastNames = Enumerable.Range(0, 263).Select(_ => f.Name.LastName()).ToArray();
        var crime = 0;
        var sb = new StringBuilder(512);
        var written = 0;
        while (written < rows)
        {
            crime++;
            var offence = f.PickRandom(Offences);
            var reported = today.AddDays(-f.Random.Int(0, 364));
            var people = f.Random.WeightedRandom([1, 2, 3], [0.8f, 0.15f, 0.05f]);
            for (var p = 0; p < people && written < rows; p++, written++)
            {
                // About 4% of people are seen again on a later crime (same person_reference).
                var personNumber = f.Random.Int(0, 24) == 0 && written > 100 ? f.Random.Int(1, written) : written + 1;
                var name = personNumber % 17 == 0 ? OtherNames[personNumber % OtherNames.Length].Split(' ') : [firstNames[personNumber % firstNames.Length], lastNames[(personNumber / 7) % lastNames.Length]];
                sb.Clear();
                Field(sb, forceCode);
                Field(sb, $"{forceCode}/{reported:yy}/{crime:D7}");
                Field(sb, $"{forceCode}P{personNumber:D8}");
                Field(sb, p == 0 ? "victim" : f.PickRandom("witness", "victim", "parent_guardian"));
                Field(sb, reported.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Field(sb, reported.AddDays(-f.Random.Int(0, 5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Field(sb, offence.Code);
                Field(sb, offence.Description);
                Field(sb, offence.Flags);
                Field(sb, name[0]);
                Field(sb, name[1]);
                Field(sb, "");
                Field(sb, new DateOnly(1940, 1, 1).AddDays((int)((personNumber * 7919L) % 25_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Field(sb, "");
                Field(sb, "07700 9" + (personNumber % 100_000).ToString("00000", CultureInfo.InvariantCulture));
                Field(sb, f.Random.Bool(0.5f) ? $"person{personNumber}@example.org" : "");
                Field(sb, $"{f.Random.Int(1, 200)} {f.Address.StreetName()}");
                Field(sb, f.Random.Int(0, 9) == 0 ? "Flat 2, \"The Maltings\"" : "");
                Field(sb, f.Address.City());
                Field(sb, $"NS{f.Random.Int(1, 19)} {f.Random.Int(1, 9)}AB");
                Field(sb, personNumber % 17 == 0 ? "pl" : "en");
                Field(sb, personNumber % 17 == 0 ? "yes" : "no");
                Field(sb, f.Random.Int(0, 9) == 0 ? "intimidated;elderly" : "");
                Field(sb, offence.Flags == "domestic_abuse" ? "no_voicemail;no_letters" : "");
                Field(sb, f.PickRandom("yes", "no", "not_asked"));
                Field(sb, $"OIC{f.Random.Int(1000, 9999)}");
                Field(sb, $"DC {f.Name.LastName()}");
                Field(sb, "");
                Field(sb, "");
                Field(sb, f.PickRandom("Under investigation", "Suspect identified", "Awaiting forensic results"), last: true);
                output.Write(sb);
            }
        }
    }

    private static void Field(StringBuilder sb, string value, bool last = false)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            sb.Append(value);
        }
        sb.Append(last ? "\r\n" : ",");
    }
}
