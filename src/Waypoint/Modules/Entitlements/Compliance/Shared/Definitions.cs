namespace Waypoint.Modules.Entitlements.Compliance.Shared;

/// <summary>What each figure means, written once for the page, the files and the API documentation.</summary>
public static class Definitions
{
    public static readonly IReadOnlyList<(string Term, string Meaning)> All =
    [
        ("Due", "Every obligation whose due date falls in the period, whatever happened to it."),
        ("Met on time", "Met by a recorded action on or before its due date."),
        ("Met late", "Met by a recorded action after its due date."),
        ("Overdue", "Still open, and its due date was before today."),
        ("Not yet due", "Still open, and due today or later."),
        ("Not applicable", "Declared not applicable, with a reason (for example, the victim opted out)."),
        ("% on time", "Met on time, divided by met on time plus met late plus overdue. Shown as \"-\" when there is nothing to divide by. Not applicable and not yet due obligations are left out."),
    ];

    public const string Period = "Obligations are counted in the period of their due date (Europe/London dates, both days included).";
}
