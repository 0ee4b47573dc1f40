using System.Text;
using System.Text.RegularExpressions;

namespace Waypoint.Modules.Care.Domain;

/// <summary>
/// Merge fields in templates, in GOV.UK Notify's syntax: <c>((victim_name))</c>. Only the fields listed in
/// <see cref="Known"/> may be used; anything else is an error when the template is saved, so a letter never goes out
/// with a placeholder left in it.
/// </summary>
public static partial class MergeFields
{
    public const string VictimName = "victim_name";
    public const string CrimeReference = "crime_reference";
    public const string OfficerName = "officer_name";
    public const string UnitName = "unit_name";
    public const string Date = "date";
    public const string Offence = "offence";

    /// <summary>Every field a template may use, with what it becomes.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Known { get; } =
    [
        (VictimName, "the victim's name"),
        (CrimeReference, "the crime reference number"),
        (OfficerName, "the officer in the case (or the sender when there is none)"),
        (UnitName, "the name of your unit"),
        (Date, "today's date"),
        (Offence, "the offence, as the police recorded it"),
    ];

    private static readonly HashSet<string> Names = Known.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\(\(([^()]*)\)\)")]
    private static partial Regex Field();

    /// <summary>The field names used in <paramref name="text"/>, in order of first use (trimmed, as written).</summary>
    public static IReadOnlyList<string> Used(string? text) =>
        text is null ? [] : Field().Matches(text).Select(m => m.Groups[1].Value.Trim()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What is wrong with the merge fields of <paramref name="text"/>: unknown fields, and brackets left open.</summary>
    public static IReadOnlyList<string> Problems(string? text, string where)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var problems = new List<string>();
        var unknown = Used(text).Where(n => !Names.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"{where} uses {(unknown.Count == 1 ? "an unknown merge field" : "unknown merge fields")} {string.Join(", ", unknown.Select(n => $"(({n}))"))}: use only {string.Join(", ", Known.Select(k => $"(({k.Name}))"))}");
        }
        var rest = Field().Replace(text, "");
        if (rest.Contains("((", StringComparison.Ordinal) || rest.Contains("))", StringComparison.Ordinal))
        {
            problems.Add($"{where} has a merge field that is not closed: write it as ((field_name))");
        }
        return problems;
    }

    /// <summary>
    /// <paramref name="text"/> with every known field replaced by its value. A known field without a value becomes
    /// an empty string; an unknown one (only in templates saved before a field was withdrawn) is left as written.
    /// </summary>
    public static string Render(string? text, IReadOnlyDictionary<string, string?> values)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return Field().Replace(text, m =>
        {
            var name = m.Groups[1].Value.Trim();
            return Names.Contains(name) ? values.GetValueOrDefault(name) ?? "" : m.Value;
        });
    }

    /// <summary>A readable list of the fields, for hints.</summary>
    public static string Hint()
    {
        var s = new StringBuilder("You can use ");
        s.AppendJoin(", ", Known.Select(k => $"(({k.Name})) for {k.Meaning}"));
        return s.Append('.').ToString();
    }
}
