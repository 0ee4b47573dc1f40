using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Domain;

/// <summary>
/// An organisation's target for one Code rule, in working days for standard and enhanced rights. Absent, the rule's
/// default from domain.md A3 applies. A change applies to obligations started after it, and is audited.
/// </summary>
public sealed class RuleTarget
{
    public const int MaxDays = 60;

    private RuleTarget() { }

    private RuleTarget(Guid organisationId, string rule, int standardDays, int enhancedDays)
    {
        OrganisationId = organisationId;
        Rule = rule;
        StandardDays = standardDays;
        EnhancedDays = enhancedDays;
    }

    /// <summary>The default of domain.md A3 for an organisation that has not changed it.</summary>
    public static RuleTarget Default(Guid organisationId, CodeRule rule) => new(organisationId, rule.Id, rule.StandardDays, rule.EnhancedDays);

    public Guid OrganisationId { get; private set; }
    public string Rule { get; private set; } = "";
    public int StandardDays { get; private set; }
    public int EnhancedDays { get; private set; }
    public DateTime? ChangedAt { get; private set; }
    public Guid? ChangedById { get; private set; }
    public string? ChangedByName { get; private set; }
    public int Version { get; private set; }

    public int DaysFor(bool enhanced) => enhanced ? EnhancedDays : StandardDays;

    public static Result<RuleTarget> Create(Guid organisationId, CodeRule rule, int standardDays, int enhancedDays, Actor actor)
    {
        var target = Default(organisationId, rule);
        var changed = target.Change(standardDays, enhancedDays, actor);
        return changed.Succeeded ? Result<RuleTarget>.Ok(target) : Result<RuleTarget>.From(changed);
    }

    public Result Change(int standardDays, int enhancedDays, Actor actor)
    {
        if (standardDays is < 0 or > MaxDays)
        {
            return Result.Rejected("StandardDays", $"Enter a number of days from 0 to {MaxDays}");
        }
        if (enhancedDays is < 0 or > MaxDays)
        {
            return Result.Rejected("EnhancedDays", $"Enter a number of days from 0 to {MaxDays}");
        }
        if (enhancedDays > standardDays)
        {
            return Result.Rejected("EnhancedDays", "Enhanced rights cannot have a longer target than standard rights");
        }
        StandardDays = standardDays;
        EnhancedDays = enhancedDays;
        ChangedAt = actor.Now;
        ChangedById = actor.UserId;
        ChangedByName = actor.Name;
        return Result.Ok();
    }
}
