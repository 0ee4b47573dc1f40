using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Entitlements.Ledger.Shared;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.Shared;

/// <summary>The words of consent and referrals: what may be shared, how consent was given, the referral statuses.</summary>
public static class ReferralText
{
    /// <summary>The categories of information a victim may agree to share, as (code, label).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> ShareCategories =
    [
        ("contact", "Name and contact details"),
        ("crime", "Details of the crime"),
        ("needs", "Needs assessment"),
        ("risk", "Risk assessment"),
        ("health", "Health and vulnerability information"),
    ];

    /// <summary>How consent was given, as (code, label).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> ConsentMethods =
    [
        ("phone", "Verbally by phone"),
        ("writing", "In writing"),
        ("in-person", "In person"),
        ("proxy", "Through a proxy"),
    ];

    /// <summary>The statuses a referral can move to after it is sent, as (code, label).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> NextStatuses =
        new[] { ReferralStatus.Accepted, ReferralStatus.Declined, ReferralStatus.Started, ReferralStatus.Completed, ReferralStatus.Withdrawn }
            .Select(s => (s.ToString(), StatusName(s))).ToList();

    public static string? ShareLabel(string code) => ShareCategories.FirstOrDefault(c => c.Value == code).Text;

    public static string? MethodLabel(string? code) => ConsentMethods.FirstOrDefault(c => c.Value == code).Text;

    public static string StatusName(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "Sent",
        ReferralStatus.Accepted => "Accepted",
        ReferralStatus.Declined => "Declined",
        ReferralStatus.Started => "Support started",
        ReferralStatus.Completed => "Completed",
        ReferralStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    public static string StatusTag(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => "govuk-tag--blue",
        ReferralStatus.Accepted or ReferralStatus.Started => "govuk-tag--green",
        ReferralStatus.Completed => "govuk-tag--grey",
        _ => "govuk-tag--red",
    };

    public static string Date(DateOnly date) => LedgerText.Date(date);

    /// <summary>The moment a date-only event is taken to have happened: now when it is today, otherwise midday UK time.</summary>
    public static DateTime Moment(DateOnly date, Actor actor) =>
        date == UkTime.Today(actor.Now) ? actor.Now : LedgerText.ToUtc(date, new TimeOnly(12, 0));
}
