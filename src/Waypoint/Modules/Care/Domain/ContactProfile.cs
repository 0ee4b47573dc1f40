using Waypoint.Platform.Calendar;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>The ways Waypoint can reach a victim, or send them something.</summary>
public enum ContactChannel
{
    Phone,
    TextMessage,
    Email,
    Letter,
    HomeVisit,
    InPerson,
}

/// <summary>
/// How to reach a person safely (product.md, "Safe contact"): the channels they allow, a safe number and address,
/// safe days and times, what must never happen (voicemail, letters home, home visits), a code word, whether the
/// perpetrator may see their phone, language and communication needs, and a nominated proxy. One per person in an
/// organisation, shared by all their cases there. Every contact and message is checked against it.
/// </summary>
public sealed class ContactProfile
{
    private ContactProfile() { }

    public ContactProfile(Guid organisationId, Guid personId, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        PersonId = personId;
        AllowedChannels = string.Join(';', Enum.GetNames<ContactChannel>());
        UpdatedAt = actor.Now;
        UpdatedByName = actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The channels the victim allows, ';'-joined <see cref="ContactChannel"/> names.</summary>
    public string AllowedChannels { get; set; } = "";
    public string? SafePhone { get; set; }
    public string? SafeEmail { get; set; }

    /// <summary>Days contact is safe, ';'-joined <see cref="DayOfWeek"/> names; empty means any day.</summary>
    public string SafeDays { get; set; } = "";

    /// <summary>Safe hours, Europe/London time; both null means any time.</summary>
    public TimeOnly? SafeFrom { get; set; }
    public TimeOnly? SafeTo { get; set; }
    public string? SafeTimesNote { get; set; }
    public bool NoVoicemail { get; set; }
    public bool NoLettersHome { get; set; }
    public bool NoHomeVisits { get; set; }
    public string? CodeWord { get; set; }
    public bool PerpetratorMayAccessPhone { get; set; }
    public string? PreferredLanguage { get; set; }
    public bool InterpreterNeeded { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public string? ProxyName { get; set; }
    public string? ProxyRelationship { get; set; }
    public string? ProxyPhone { get; set; }
    public string? ProxyEmail { get; set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid? UpdatedById { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public int Version { get; private set; }

    public IReadOnlySet<ContactChannel> Channels =>
        AllowedChannels.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ContactChannel>).ToHashSet();

    /// <summary>
    /// A profile saved for the first time starts at version 1, so that an editor still holding the unsaved seeded
    /// profile (version 0) cannot overwrite it.
    /// </summary>
    public void FirstSaved() => Version = Math.Max(Version, 1);

    public void Touch(Actor actor)
    {
        UpdatedAt = actor.Now;
        UpdatedById = actor.UserId;
        UpdatedByName = actor.Name;
    }

    /// <summary>
    /// Why contacting the victim by <paramref name="channel"/> at <paramref name="atUtc"/> is forbidden by this
    /// profile, or null when it is allowed. Leaving a voicemail is a separate question (<paramref name="voicemail"/>).
    /// </summary>
    public string? Refusal(ContactChannel channel, DateTime atUtc, bool voicemail = false)
    {
        if (ChannelRefusal(channel) is { } refused)
        {
            return refused;
        }
        if (voicemail && NoVoicemail)
        {
            return "No voicemail may be left for the victim.";
        }
        if (channel is ContactChannel.Letter or ContactChannel.InPerson)
        {
            return null; // not time-bound
        }
        var local = UkTime.ToLocal(atUtc);
        var days = SafeDays.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>).ToHashSet();
        if (days.Count > 0 && !days.Contains(local.DayOfWeek))
        {
            return $"{local.DayOfWeek} is not a safe day to contact the victim (safe days: {string.Join(", ", days.OrderBy(d => ((int)d + 6) % 7))}).";
        }
        if (SafeFrom is { } from && SafeTo is { } to)
        {
            var time = TimeOnly.FromDateTime(local);
            var inside = from <= to ? time >= from && time < to : time >= from || time < to;
            if (!inside)
            {
                return $"{time:HH:mm} is outside the victim's safe times ({from:HH:mm} to {to:HH:mm}).";
            }
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="channel"/> may never be used for this victim, whatever the time (not agreed, no letters
    /// home, no home visits), or null. The victim contract's update channel is checked with it.
    /// </summary>
    public string? ChannelRefusal(ContactChannel channel)
    {
        if (!Channels.Contains(channel))
        {
            return $"The victim has not agreed to contact by {ChannelName(channel).ToLowerInvariant()}.";
        }
        if (channel == ContactChannel.Letter && NoLettersHome)
        {
            return "No letters may be sent to the victim's address.";
        }
        if (channel == ContactChannel.HomeVisit && NoHomeVisits)
        {
            return "No home visits: the victim said a visit is not safe.";
        }
        return null;
    }

    public static string ChannelName(ContactChannel channel) => channel switch
    {
        ContactChannel.Phone => "Phone",
        ContactChannel.TextMessage => "Text message",
        ContactChannel.Email => "Email",
        ContactChannel.Letter => "Letter",
        ContactChannel.HomeVisit => "Home visit",
        ContactChannel.InPerson => "In person",
        _ => channel.ToString(),
    };
}
