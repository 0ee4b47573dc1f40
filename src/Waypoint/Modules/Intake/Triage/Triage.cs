using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Intake.Triage;

/// <summary>What triage looks at for one person on one crime.</summary>
public sealed record TriageInput(
    PersonRole Role,
    IReadOnlyCollection<string> OffenceFlags,
    IReadOnlyCollection<string> VulnerabilityFlags,
    IReadOnlyCollection<string> ContactRestrictions,
    DateOnly? DateOfBirth,
    DateOnly? DateOfOffence,
    int CrimesInRepeatWindow);

/// <summary>Triage's answer, with every reason, so the case can show why.</summary>
public sealed record TriageOutcome(
    EntitlementLevel Level,
    IReadOnlyList<string> EnhancedReasons,
    int Priority,
    IReadOnlyList<string> PriorityReasons,
    bool RepeatVictim);

/// <summary>
/// The configurable rule set (section Waypoint:Triage). Defaults follow domain.md A2 for enhanced rights; the
/// priority rules are an ordered list: every rule that matches is a reason, the highest priority among them wins,
/// and a case no rule matches gets <see cref="DefaultPriority"/>.
/// </summary>
public sealed class TriageOptions
{
    public const string Section = "Waypoint:Triage";

    /// <summary>A person with this many crimes or more in <see cref="RepeatVictimMonths"/> is a repeat victim.</summary>
    public int RepeatVictimCrimes { get; set; } = 3;
    public int RepeatVictimMonths { get; set; } = 12;
    public int DefaultPriority { get; set; } = 4;

    /// <summary>Offence flags that make a victim of "the most serious crime" (A2).</summary>
    public List<string> MostSeriousOffences { get; set; } =
    [
        "domestic_abuse", "hate_crime", "sexual_offence", "attempted_murder", "arson_endangering_life", "kidnap_false_imprisonment",
        "human_trafficking", "modern_slavery", "terrorism", "wounding_gbh_with_intent",
    ];

    public List<PriorityRule> PriorityRules { get; set; } =
    [
        new() { Priority = 1, Name = "Bereaved by homicide", Roles = ["BereavedRelative"] },
        new() { Priority = 1, Name = "Sexual offence", OffenceFlags = ["sexual_offence"] },
        new() { Priority = 1, Name = "Domestic abuse", OffenceFlags = ["domestic_abuse"] },
        new() { Priority = 1, Name = "Child victim", OffenceFlags = ["child_victim"], UnderAge = 18 },
        new() { Priority = 1, Name = "Attempted murder or wounding with intent", OffenceFlags = ["attempted_murder", "wounding_gbh_with_intent"] },
        new() { Priority = 1, Name = "Perpetrator may have access to the victim's phone", ContactRestrictions = ["perpetrator_has_phone_access"] },
        new() { Priority = 2, Name = "Enhanced rights", Enhanced = true },
        new() { Priority = 2, Name = "Repeat victim", RepeatVictim = true },
        new() { Priority = 2, Name = "Vulnerable or intimidated", VulnerabilityFlags = ["mental_disorder", "learning_disability", "physical_disability", "intimidated"] },
        new() { Priority = 3, Name = "Elderly or communication needs", VulnerabilityFlags = ["elderly", "communication_needs"] },
        new() { Priority = 3, Name = "Contact restrictions", ContactRestrictions = ["no_voicemail", "no_letters", "no_home_visits", "safe_times_only"] },
    ];
}

/// <summary>
/// One priority rule: it matches when ANY of its conditions that are set holds (a rule names one kind of
/// concern; write several rules for several concerns).
/// </summary>
public sealed class PriorityRule
{
    public int Priority { get; set; } = 4;
    public string Name { get; set; } = "";
    public List<string> OffenceFlags { get; set; } = [];
    public List<string> VulnerabilityFlags { get; set; } = [];
    public List<string> ContactRestrictions { get; set; } = [];
    public List<string> Roles { get; set; } = [];

    /// <summary>Matches a person under this age on the date of the offence.</summary>
    public int? UnderAge { get; set; }
    public bool? Enhanced { get; set; }
    public bool? RepeatVictim { get; set; }

    public bool Matches(TriageInput input, EntitlementLevel level, bool repeat)
    {
        var role = input.Role.ToString();
        return OffenceFlags.Any(input.OffenceFlags.Contains)
            || VulnerabilityFlags.Any(input.VulnerabilityFlags.Contains)
            || ContactRestrictions.Any(input.ContactRestrictions.Contains)
            || Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
            || (UnderAge is { } age && Triage.AgeAt(input.DateOfBirth, input.DateOfOffence) is { } actual && actual < age)
            || (Enhanced == true && level == EntitlementLevel.Enhanced)
            || (RepeatVictim == true && repeat);
    }
}

/// <summary>Works out the entitlement level and contact priority, with reasons (domain.md A2; issue: transparent triage).</summary>
public static class Triage
{
    public static TriageOutcome Assess(TriageInput input, TriageOptions options)
    {
        var reasons = new List<string>();
        var repeat = input.CrimesInRepeatWindow >= options.RepeatVictimCrimes || input.VulnerabilityFlags.Contains("repeat_victim");

        if (input.Role == PersonRole.BereavedRelative)
        {
            reasons.Add("most_serious:bereaved_relative");
        }
        foreach (var flag in options.MostSeriousOffences.Where(input.OffenceFlags.Contains))
        {
            reasons.Add("most_serious:" + flag);
        }
        if (input.VulnerabilityFlags.Contains("persistently_targeted"))
        {
            reasons.Add("persistently_targeted:flagged");
        }
        if (input.OffenceFlags.Contains("stalking_harassment"))
        {
            reasons.Add("persistently_targeted:stalking_harassment");
        }
        if (repeat)
        {
            reasons.Add("persistently_targeted:repeat_victim");
        }
        if (AgeAt(input.DateOfBirth, input.DateOfOffence) is < 18 || input.OffenceFlags.Contains("child_victim"))
        {
            reasons.Add("vulnerable:under_18");
        }
        foreach (var flag in new[] { "mental_disorder", "learning_disability", "physical_disability" }.Where(input.VulnerabilityFlags.Contains))
        {
            reasons.Add("vulnerable:" + flag);
        }
        if (input.VulnerabilityFlags.Contains("intimidated"))
        {
            reasons.Add("intimidated");
        }
        var level = reasons.Count > 0 ? EntitlementLevel.Enhanced : EntitlementLevel.Standard;

        var matched = options.PriorityRules.Where(r => r.Matches(input, level, repeat)).ToList();
        var priority = matched.Count == 0 ? options.DefaultPriority : matched.Min(r => r.Priority);
        var priorityReasons = matched.Count == 0
            ? ["No priority rule matched: standard contact"]
            : matched.OrderBy(r => r.Priority).Select(r => $"P{r.Priority}: {r.Name}").ToList();
        return new TriageOutcome(level, reasons, Math.Clamp(priority, 1, 4), priorityReasons, repeat);
    }

    /// <summary>Whole years between birth and the offence; null when either date is unknown.</summary>
    public static int? AgeAt(DateOnly? birth, DateOnly? on)
    {
        if (birth is not { } b || on is not { } d)
        {
            return null;
        }
        var age = d.Year - b.Year;
        return d < b.AddYears(age) ? age - 1 : age;
    }

    /// <summary>An enhanced-rights reason code as people read it.</summary>
    public static string DescribeReason(string code) => code switch
    {
        "most_serious:bereaved_relative" => "Most serious crime: close relative bereaved by criminal conduct",
        "persistently_targeted:flagged" => "Persistently targeted (flagged by police)",
        "persistently_targeted:stalking_harassment" => "Persistently targeted: stalking or harassment",
        "persistently_targeted:repeat_victim" => "Persistently targeted: repeat victim",
        "vulnerable:under_18" => "Vulnerable: under 18 at the time of the offence",
        "intimidated" => "Intimidated",
        _ when code.StartsWith("most_serious:", StringComparison.Ordinal) => "Most serious crime: " + Flags.Describe(code["most_serious:".Length..]).ToLowerInvariant(),
        _ when code.StartsWith("vulnerable:", StringComparison.Ordinal) => "Vulnerable: " + Flags.Describe(code["vulnerable:".Length..]).ToLowerInvariant(),
        _ => code,
    };
}
