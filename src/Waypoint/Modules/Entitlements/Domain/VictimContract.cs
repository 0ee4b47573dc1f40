using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>
/// What the victim agreed about updates on the investigation (Right 6): how often, by which channel, at what times,
/// and when to review it. It drives the R6-UPD clock. A new agreement supersedes the current one; old ones are kept.
/// </summary>
public sealed class VictimContract
{
    public const int MinFrequencyDays = 1;
    public const int MaxFrequencyDays = 365;

    private VictimContract() { }

    private VictimContract(Guid organisationId, Guid caseId, int frequencyDays, string channel, string? times, DateOnly agreedOn, DateOnly? reviewOn, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        FrequencyDays = frequencyDays;
        Channel = channel;
        PreferredTimes = times;
        AgreedOn = agreedOn;
        ReviewOn = reviewOn;
        AgreedById = actor.UserId;
        AgreedByName = actor.Name;
        CreatedAt = actor.Now;
    }

    public static Result<VictimContract> Agree(Guid organisationId, Guid caseId, int? frequencyDays, string? channel, string? times, DateOnly? agreedOn, DateOnly? reviewOn, DateOnly today, Actor actor)
    {
        var errors = new Dictionary<string, string[]>();
        if (frequencyDays is not { } days)
        {
            errors["FrequencyDays"] = ["Enter how often the victim will be updated, in days"];
        }
        else if (days is < MinFrequencyDays or > MaxFrequencyDays)
        {
            errors["FrequencyDays"] = [$"How often must be between {MinFrequencyDays} and {MaxFrequencyDays} days"];
        }
        if (string.IsNullOrWhiteSpace(channel))
        {
            errors["Channel"] = ["Select how the victim wants to be updated"];
        }
        else if (channel.Trim().Length > 40)
        {
            errors["Channel"] = ["The channel must be 40 characters or fewer"];
        }
        if (times?.Trim().Length > 200)
        {
            errors["PreferredTimes"] = ["Preferred times must be 200 characters or fewer"];
        }
        if (agreedOn is not { } agreed)
        {
            errors["AgreedOn"] = ["Enter the date the update plan was agreed"];
        }
        else if (agreed > today)
        {
            errors["AgreedOn"] = ["The date it was agreed must be today or in the past"];
        }
        if (reviewOn is { } review && agreedOn is { } a && review <= a)
        {
            errors["ReviewOn"] = ["The review date must be after the date it was agreed"];
        }
        if (errors.Count > 0)
        {
            return Fail.Rejected(errors);
        }
        return Result<VictimContract>.Ok(new VictimContract(organisationId, caseId, frequencyDays!.Value, channel!.Trim(),
            string.IsNullOrWhiteSpace(times) ? null : times.Trim(), agreedOn!.Value, reviewOn, actor));
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public int FrequencyDays { get; private set; }
    public string Channel { get; private set; } = "";
    public string? PreferredTimes { get; private set; }
    public DateOnly AgreedOn { get; private set; }
    public DateOnly? ReviewOn { get; private set; }
    public Guid? AgreedById { get; private set; }
    public string AgreedByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>When a later agreement replaced it or the victim no longer wanted updates; null while in force.</summary>
    public DateTime? EndedAt { get; private set; }
    public string? EndReason { get; private set; }
    public int Version { get; private set; }

    public bool InForce => EndedAt is null;

    public void End(string reason, Actor actor)
    {
        if (EndedAt is null)
        {
            EndedAt = actor.Now;
            EndReason = reason;
        }
    }
}
