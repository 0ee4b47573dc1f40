namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>Who answers for an obligation (domain.md A3, "owner").</summary>
public enum ObligationOwner
{
    Police,
    VictimCare,
    WitnessCare,
    Unit,
    Cps,
}

/// <summary>What an officer records on a case; each kind can meet the obligations whose rule lists it.</summary>
public enum ActionKind
{
    Contact,
    Letter,
    Email,
    TextMessage,
    Referral,
    Assessment,
    Note,
}

/// <summary>How a rule's clock counts: working days after the trigger (A1), or a calendar-day frequency (R6-UPD).</summary>
public enum ClockKind
{
    WorkingDays,
    CalendarDays,
}

/// <summary>
/// One Victims' Code clock of domain.md A3: its id, the right it serves, who owns it, the default targets for
/// standard and enhanced rights, and the actions that can meet it. <see cref="Live"/> says whether something in
/// the product starts it yet; the others are listed so that the ledger and the reports know them, and the court,
/// complaint and review work plugs them in by calling <c>CodeClocks.StartAsync</c> with the rule id.
/// </summary>
public sealed record CodeRule(
    string Id,
    int Right,
    string Title,
    string Trigger,
    ObligationOwner Owner,
    int StandardDays,
    int EnhancedDays,
    IReadOnlyList<ActionKind> MetBy,
    bool Live,
    ClockKind Clock = ClockKind.WorkingDays)
{
    public int DaysFor(bool enhanced) => enhanced ? EnhancedDays : StandardDays;
}

/// <summary>The catalogue of Code rules and the 12 rights (domain.md A3 and Part B §3).</summary>
public static class CodeRules
{
    private static readonly ActionKind[] Told = [ActionKind.Contact, ActionKind.Letter, ActionKind.Email, ActionKind.TextMessage, ActionKind.Note];
    private static readonly ActionKind[] Written = [ActionKind.Letter, ActionKind.Email, ActionKind.TextMessage];

    public const string Referral = "R4-REF";
    public const string NeedsAssessment = "R4-NA";
    public const string Acknowledgement = "R3-ACK";
    public const string Update = "R6-UPD";

    public static IReadOnlyList<CodeRule> All { get; } =
    [
        new(Acknowledgement, 3, "Written acknowledgement of the report", "Crime reported", ObligationOwner.Police, 5, 5, Written, true),
        new(Referral, 4, "Referral to support services, or the victim's opt-out recorded", "Crime reported", ObligationOwner.VictimCare, 2, 2,
            [ActionKind.Referral, ActionKind.Contact, ActionKind.Note], true),
        new(NeedsAssessment, 4, "Needs assessment and enhanced-rights assessment recorded", "Crime reported", ObligationOwner.VictimCare, 5, 5,
            [ActionKind.Assessment, ActionKind.Contact, ActionKind.Note], true),
        new("R6-ARR", 6, "Told the suspect was arrested", "Suspect arrested", ObligationOwner.Police, 5, 1, Told, true),
        new("R6-IUC", 6, "Told the suspect was interviewed under caution", "Suspect interviewed under caution", ObligationOwner.Police, 5, 1, Told, true),
        new("R6-RWC", 6, "Told the suspect was released without charge", "Suspect released with no further action", ObligationOwner.Police, 5, 1, Told, true),
        new("R6-BAIL", 6, "Told of bail, release under investigation or a change to bail", "Suspect bailed, released under investigation, or bail changed", ObligationOwner.Police, 5, 1, Told, true),
        new("R6-CHG", 6, "Told of the decision to charge, give an out-of-court disposal, or not to prosecute", "Charge, out-of-court disposal or decision not to prosecute", ObligationOwner.Police, 5, 1, Told, true),
        new("R6-NOINV", 6, "Told of the decision not to investigate, with reasons", "Decision not to investigate", ObligationOwner.Police, 5, 1, Told, true),
        new(Update, 6, "Update at the agreed frequency by the agreed channel", "Victim contract agreed", ObligationOwner.VictimCare, 28, 28, Told, true, ClockKind.CalendarDays),
        new("R6-CPSALT", 6, "Told the CPS discontinued, substantially altered a charge or offered no evidence", "CPS decision", ObligationOwner.WitnessCare, 5, 1, Told, false),
        new("R8-HEAR", 8, "Told the date, time and place of a hearing", "Hearing date received", ObligationOwner.WitnessCare, 1, 1, Told, false),
        new("R8-REQ", 8, "Told they are required to give evidence", "Witness required", ObligationOwner.WitnessCare, 1, 1, Told, false),
        new("R8-OUT", 8, "Told the outcome of a bail hearing, a warrant or a re-arrest", "Bail outcome, warrant or re-arrest received", ObligationOwner.WitnessCare, 5, 1, Told, false),
        new("R9-VERD", 9, "Told the verdict", "Verdict received", ObligationOwner.WitnessCare, 1, 1, Told, false),
        new("R9-SENT", 9, "Told the sentence and what it means", "Sentence received", ObligationOwner.WitnessCare, 1, 1, Told, false),
        new("R11-VCS", 11, "Referred to the Probation Victim Contact Scheme", "Qualifying sentence or hospital order", ObligationOwner.WitnessCare, 10, 10,
            [ActionKind.Referral, ActionKind.Note], false),
        new("R12-CMP", 12, "Complaint answered or acknowledged", "Complaint received", ObligationOwner.Unit, 10, 10, [ActionKind.Letter, ActionKind.Email, ActionKind.Note], false),
        new("VRR-POL", 6, "Review request acknowledged", "Police no further action after interview under caution", ObligationOwner.Police, 10, 10, Told, false),
    ];

    private static readonly Dictionary<string, CodeRule> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static CodeRule? Find(string id) => ById.GetValueOrDefault(id);

    public static CodeRule Get(string id) => ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"Unknown Code rule '{id}'.", nameof(id));

    /// <summary>The 12 rights of the 2020 Code, as the ledger names them.</summary>
    public static IReadOnlyList<(int Number, string Name)> Rights { get; } =
    [
        (1, "To be able to understand and to be understood"),
        (2, "To have the details of the crime recorded without unjustified delay"),
        (3, "To be provided with information when reporting the crime"),
        (4, "To be referred to services that support victims and have services tailored to your needs"),
        (5, "To be provided with information about compensation"),
        (6, "To be provided with information about the investigation and prosecution"),
        (7, "To make a Victim Personal Statement"),
        (8, "To be given information about the trial, trial process and your role as a witness"),
        (9, "To be given information about the outcome of the case and any appeals"),
        (10, "To be paid expenses and have property returned"),
        (11, "To be given information about the offender following a conviction"),
        (12, "To make a complaint about your rights not being met"),
    ];

    public static string RightName(int number) => Rights.FirstOrDefault(r => r.Number == number).Name ?? $"Right {number}";

    public static string OwnerName(ObligationOwner owner) => owner switch
    {
        ObligationOwner.Police => "Police",
        ObligationOwner.VictimCare => "Victim care",
        ObligationOwner.WitnessCare => "Witness care",
        ObligationOwner.Unit => "The unit",
        ObligationOwner.Cps => "CPS",
        _ => owner.ToString(),
    };

    public static string ActionName(ActionKind kind) => kind switch
    {
        ActionKind.Contact => "Contact",
        ActionKind.Letter => "Letter",
        ActionKind.Email => "Email",
        ActionKind.TextMessage => "Text message",
        ActionKind.Referral => "Referral",
        ActionKind.Assessment => "Assessment",
        ActionKind.Note => "Note",
        _ => kind.ToString(),
    };
}
