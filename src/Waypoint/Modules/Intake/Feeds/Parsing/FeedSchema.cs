using Waypoint.Modules.Intake.Domain;

namespace Waypoint.Modules.Intake.Feeds.Parsing;

/// <summary>The columns of one feed (feeds.md §1 and §2): which are known, and which a file must carry.</summary>
public sealed class FeedSchema
{
    private FeedSchema(FeedKind feed, IReadOnlyList<string> required, IReadOnlyList<string> optional, IReadOnlySet<string> lists)
    {
        Feed = feed;
        Required = required;
        Known = new HashSet<string>(required.Concat(optional), StringComparer.OrdinalIgnoreCase);
        ListFields = lists;
    }

    public FeedKind Feed { get; }

    /// <summary>Columns without which the whole file is refused.</summary>
    public IReadOnlyList<string> Required { get; }
    public IReadOnlySet<string> Known { get; }

    /// <summary>Fields that carry a list (';'-separated in CSV, an array in JSON).</summary>
    public IReadOnlySet<string> ListFields { get; }

    public static readonly FeedSchema Victims = new(
        FeedKind.Victims,
        ["force_code", "crime_reference", "person_reference", "role", "date_reported", "offence_description"],
        [
            "date_of_offence", "offence_code", "offence_flags", "first_name", "last_name", "business_name", "date_of_birth",
            "phone", "mobile", "email", "address_line1", "address_line2", "town", "postcode", "preferred_language",
            "interpreter_required", "vulnerability_flags", "contact_restrictions", "consent_to_referral",
            "oic_id", "oic_name", "oic_email", "oic_phone", "investigation_status",
        ],
        new HashSet<string>(["offence_flags", "vulnerability_flags", "contact_restrictions"], StringComparer.OrdinalIgnoreCase));

    public static readonly FeedSchema InvestigationEvents = new(
        FeedKind.InvestigationEvents,
        ["force_code", "crime_reference", "event_id", "event_type", "event_at"],
        ["details", "suspect_reference"],
        new HashSet<string>(StringComparer.OrdinalIgnoreCase));

    public static FeedSchema For(FeedKind feed) => feed == FeedKind.Victims ? Victims : InvestigationEvents;
}
