using System.Globalization;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.UnitTests.Entitlements;

/// <summary>An organisation, a case, an officer and the shipped calendar, for the Code engine's domain tests.</summary>
internal static class EntitlementsTestData
{
    public static readonly Guid Org = Guid.CreateVersion7();
    public static readonly Guid CaseId = Guid.CreateVersion7();
    public static readonly DateTime Now = Utc("2027-06-01T09:00:00Z");
    public static readonly WorkingDayCalendar ShippedCalendar = new(BankHoliday.EnglandAndWales2024To2028.Select(h => h.Date).ToHashSet());

    public static DateTime Utc(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    public static Actor Officer(DateTime? now = null) => new()
    {
        UserId = Guid.CreateVersion7(),
        Name = "Priya Shah",
        OrganisationId = Org,
        OrganisationName = "Northshire Police",
        OrganisationCode = "NS",
        Roles = new HashSet<string> { Roles.VictimCareOfficer },
        Now = now ?? Now,
    };

    public static ObligationCase Subject(bool enhanced = false) => new(Org, CaseId, enhanced, null, null);

    public static IReadOnlyDictionary<string, RuleTarget> Defaults() =>
        CodeRules.All.ToDictionary(r => r.Id, r => RuleTarget.Default(Org, r), StringComparer.Ordinal);

    /// <summary>A working-day obligation started at <paramref name="triggeredAtUtc"/> with the rule's default targets, or <paramref name="target"/>.</summary>
    public static Obligation Start(string rule, string triggeredAtUtc, bool enhanced = false, RuleTarget? target = null) =>
        Obligation.Start(CodeRules.Get(rule), target ?? RuleTarget.Default(Org, CodeRules.Get(rule)), Subject(enhanced), TriggerKind.CaseRecorded,
            CaseId, "Crime reported", Utc(triggeredAtUtc), ShippedCalendar, Now);

    public static CaseAction Action(ActionKind kind, string occurredAtUtc, Guid? caseId = null) =>
        CaseAction.Record(Org, caseId ?? CaseId, kind, Utc(occurredAtUtc), "Rang the victim and explained the next steps", Officer()).Value!;

    public static VictimCase Case(DateOnly? reported, string? crimeReference, CaseSource source, string createdAtUtc)
    {
        var actor = Officer(Utc(createdAtUtc));
        var person = new Person(Org, crimeReference is null ? null : Org, null,
            new PersonDetails("Morwenna", "Trelawney", null, null, null, "07700 900456", null, null, null, null, "ns1 2ab", null, false), actor.Now);
        var crime = new Crime(crimeReference is null ? null : Org, crimeReference,
            new CrimeDetails(null, "Theft from a vehicle", reported, null, null, null, null, null), actor.Now);
        return new VictimCase(Org, person, crime, PersonRole.Victim, source, null, actor);
    }
}
