using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

public enum GoalStatus
{
    Open,
    Achieved,
    NoLongerNeeded,
}

/// <summary>Who carries an intervention out: an officer, the victim themselves, or a service the victim was referred to.</summary>
public enum InterventionOwner
{
    Officer,
    Victim,
    Service,
}

public enum InterventionStatus
{
    Planned,
    InProgress,
    Done,
    Cancelled,
}

/// <summary>
/// The victim's "cope and recover" support plan (domain.md B9): what they want to achieve (goals), what is done towards
/// each goal and by whom (interventions), and when it is next reviewed. One per case; every change bumps the plan's
/// <see cref="Version"/>, so two people editing at once cannot overwrite each other.
/// </summary>
public sealed class SupportPlan
{
    public const int MaxText = 1000;

    private readonly List<PlanGoal> _goals = [];
    private readonly List<PlanIntervention> _interventions = [];
    private readonly List<PlanReview> _reviews = [];

    private SupportPlan() { }

    public SupportPlan(Guid organisationId, Guid caseId, DateOnly nextReviewOn, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        CaseId = caseId;
        NextReviewOn = nextReviewOn;
        CreatedAt = actor.Now;
        CreatedByName = actor.Name;
        Touch(actor);
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CaseId { get; private set; }
    public DateOnly NextReviewOn { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public int Version { get; private set; }

    public IReadOnlyList<PlanGoal> Goals => _goals;
    public IReadOnlyList<PlanIntervention> Interventions => _interventions;
    public IReadOnlyList<PlanReview> Reviews => _reviews;

    public PlanGoal AddGoal(string text, Actor actor)
    {
        var goal = new PlanGoal(Id, text.Trim(), actor.Now);
        _goals.Add(goal);
        Touch(actor);
        return goal;
    }

    public Result ChangeGoal(Guid goalId, string text, GoalStatus status, Actor actor)
    {
        var goal = _goals.SingleOrDefault(g => g.Id == goalId);
        if (goal is null)
        {
            return Result.NotFound();
        }
        goal.Change(text.Trim(), status, actor.Now);
        Touch(actor);
        return Result.Ok();
    }

    public Result<PlanIntervention> AddIntervention(Guid goalId, string what, InterventionOwner owner, Guid? ownerUserId, Guid? referralId, string ownerName, DateOnly? dueOn, Actor actor)
    {
        if (_goals.All(g => g.Id != goalId))
        {
            return Fail.NotFound;
        }
        var intervention = new PlanIntervention(Id, goalId, what.Trim(), owner, ownerUserId, referralId, ownerName, dueOn, actor.Now);
        _interventions.Add(intervention);
        Touch(actor);
        return Result<PlanIntervention>.Created(intervention);
    }

    public Result ChangeIntervention(Guid interventionId, string what, InterventionOwner owner, Guid? ownerUserId, Guid? referralId, string ownerName, DateOnly? dueOn, InterventionStatus status, Actor actor)
    {
        var intervention = _interventions.SingleOrDefault(i => i.Id == interventionId);
        if (intervention is null)
        {
            return Result.NotFound();
        }
        intervention.Change(what.Trim(), owner, ownerUserId, referralId, ownerName, dueOn, status, actor.Now);
        Touch(actor);
        return Result.Ok();
    }

    /// <summary>A review of the plan with the victim: what was said, and when the next one is due.</summary>
    public PlanReview Review(DateOnly reviewedOn, string notes, DateOnly nextReviewOn, Actor actor)
    {
        var review = new PlanReview(Id, reviewedOn, notes.Trim(), nextReviewOn, actor);
        _reviews.Add(review);
        NextReviewOn = nextReviewOn;
        Touch(actor);
        return review;
    }

    private void Touch(Actor actor)
    {
        UpdatedAt = actor.Now;
        UpdatedByName = actor.Name;
    }

    public static string GoalStatusName(GoalStatus status) => status switch
    {
        GoalStatus.Open => "Open",
        GoalStatus.Achieved => "Achieved",
        GoalStatus.NoLongerNeeded => "No longer needed",
        _ => status.ToString(),
    };

    public static string InterventionStatusName(InterventionStatus status) => status switch
    {
        InterventionStatus.Planned => "Planned",
        InterventionStatus.InProgress => "In progress",
        InterventionStatus.Done => "Done",
        InterventionStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string OwnerKindName(InterventionOwner owner) => owner switch
    {
        InterventionOwner.Officer => "An officer",
        InterventionOwner.Victim => "The victim",
        InterventionOwner.Service => "A service the victim was referred to",
        _ => owner.ToString(),
    };
}

/// <summary>Something the victim wants to achieve.</summary>
public sealed class PlanGoal
{
    private PlanGoal() { }

    internal PlanGoal(Guid planId, string text, DateTime now)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Text = text;
        Status = GoalStatus.Open;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public string Text { get; private set; } = "";
    public GoalStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    internal void Change(string text, GoalStatus status, DateTime now)
    {
        Text = text;
        Status = status;
        UpdatedAt = now;
    }
}

/// <summary>What is done towards a goal, by whom (an officer, the victim, or a referred service) and by when.</summary>
public sealed class PlanIntervention
{
    private PlanIntervention() { }

    internal PlanIntervention(Guid planId, Guid goalId, string what, InterventionOwner owner, Guid? ownerUserId, Guid? referralId, string ownerName, DateOnly? dueOn, DateTime now)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        GoalId = goalId;
        Status = InterventionStatus.Planned;
        CreatedAt = now;
        Change(what, owner, ownerUserId, referralId, ownerName, dueOn, InterventionStatus.Planned, now);
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid GoalId { get; private set; }
    public string What { get; private set; } = "";
    public InterventionOwner Owner { get; private set; }

    /// <summary>The officer who owns it, when <see cref="Owner"/> is an officer.</summary>
    public Guid? OwnerUserId { get; private set; }

    /// <summary>The referral (ServiceReferrals) behind it, when <see cref="Owner"/> is a service.</summary>
    public Guid? ReferralId { get; private set; }

    /// <summary>Who owns it, as people read it: the officer's or the service's name, or "The victim".</summary>
    public string OwnerName { get; private set; } = "";
    public DateOnly? DueOn { get; private set; }
    public InterventionStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    internal void Change(string what, InterventionOwner owner, Guid? ownerUserId, Guid? referralId, string ownerName, DateOnly? dueOn, InterventionStatus status, DateTime now)
    {
        What = what;
        Owner = owner;
        OwnerUserId = owner == InterventionOwner.Officer ? ownerUserId : null;
        ReferralId = owner == InterventionOwner.Service ? referralId : null;
        OwnerName = ownerName;
        DueOn = dueOn;
        Status = status;
        UpdatedAt = now;
    }
}

/// <summary>A review of the plan: when, what was said, and the next review date it set.</summary>
public sealed class PlanReview
{
    private PlanReview() { }

    internal PlanReview(Guid planId, DateOnly reviewedOn, string notes, DateOnly nextReviewOn, Actor actor)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        ReviewedOn = reviewedOn;
        Notes = notes;
        NextReviewOn = nextReviewOn;
        ById = actor.UserId;
        ByName = actor.Name;
        At = actor.Now;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public DateOnly ReviewedOn { get; private set; }
    public string Notes { get; private set; } = "";
    public DateOnly NextReviewOn { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime At { get; private set; }
}
