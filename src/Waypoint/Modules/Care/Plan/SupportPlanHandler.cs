using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Plan;

public sealed class CreatePlanRequest
{
    /// <summary>When the plan is first to be reviewed with the victim (today or later).</summary>
    public DateOnly? NextReviewOn { get; set; }
}

public sealed class GoalRequest
{
    /// <summary>What the victim wants to achieve, in their words.</summary>
    public string? Text { get; set; }

    /// <summary>open, achieved or no_longer_needed; left out when adding (a new goal is open).</summary>
    public GoalStatus? Status { get; set; }

    /// <summary>The plan's version as read; a changed version answers 409.</summary>
    public int? Version { get; set; }
}

public sealed class InterventionRequest
{
    public string? What { get; set; }

    /// <summary>officer, victim or service.</summary>
    public InterventionOwner? Owner { get; set; }

    /// <summary>The officer (a user of the organisation) when owner is officer.</summary>
    public Guid? OwnerUserId { get; set; }

    /// <summary>One of the case's referrals when owner is service.</summary>
    public Guid? ReferralId { get; set; }
    public DateOnly? DueOn { get; set; }

    /// <summary>planned, in_progress, done or cancelled; left out when adding (a new intervention is planned).</summary>
    public InterventionStatus? Status { get; set; }
    public int? Version { get; set; }
}

public sealed class ReviewRequest
{
    public DateOnly? ReviewedOn { get; set; }
    public string? Notes { get; set; }
    public DateOnly? NextReviewOn { get; set; }
    public int? Version { get; set; }
}

public sealed record InterventionDto(Guid Id, Guid GoalId, string What, InterventionOwner Owner, Guid? OwnerUserId, Guid? ReferralId, string OwnerName,
    DateOnly? DueOn, InterventionStatus Status);

public sealed record GoalDto(Guid Id, string Text, GoalStatus Status, IReadOnlyList<InterventionDto> Interventions);

public sealed record ReviewDto(Guid Id, DateOnly ReviewedOn, string Notes, DateOnly NextReviewOn, string ByName, DateTime At);

public sealed record PlanDto(Guid Id, DateOnly NextReviewOn, bool ReviewDue, DateTime CreatedAt, string CreatedByName, DateTime UpdatedAt, string UpdatedByName,
    int Version, IReadOnlyList<GoalDto> Goals, IReadOnlyList<ReviewDto> Reviews);

/// <summary>A case's support plan as read: null <see cref="Plan"/> when none has been started.</summary>
public sealed record PlanView(Guid CaseId, string Name, CaseStatus CaseStatus, PlanDto? Plan);

public sealed record ReviewDueRow(Guid CaseId, string Name, DateOnly NextReviewOn, bool Overdue);

/// <summary>The cope-and-recover support plan of a case: goals, interventions and reviews (issue 5, item 4).</summary>
internal sealed class SupportPlanHandler(AppDbContext db, AuditScope audit)
{
    public const string ClosedRefusal = "This case is closed: re-open it before changing its support plan.";

    /// <summary>How far ahead a review shows on My work.</summary>
    public const int ReviewDueWithinDays = 7;

    public async Task<PlanView?> GetAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, c.Status, c.PersonId })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        var plan = await db.SupportPlans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Goals).Include(p => p.Interventions).Include(p => p.Reviews)
            .SingleOrDefaultAsync(p => p.CaseId == caseId, ct);
        audit.Record(AuditOperation.Consultation, "SupportPlan", (plan?.Id ?? caseId).ToString(), c.PersonId, detail: $"Support plan of case {caseId}");
        await db.SaveChangesAsync(ct);
        return new PlanView(c.Id, Person.FullName(c.FirstName, c.LastName, c.BusinessName), c.Status, plan is null ? null : ToDto(plan, UkTime.Today(actor.Now)));
    }

    public async Task<Result<PlanDto>> CreateAsync(Guid caseId, CreatePlanRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        if (victimCase.Status == CaseStatus.Closed)
        {
            return Fail.Rejected(ClosedRefusal);
        }
        if (await db.SupportPlans.AnyAsync(p => p.CaseId == caseId, ct))
        {
            return Fail.Rejected("This case already has a support plan.");
        }
        var errors = new ValidationErrors();
        ReviewDate(r.NextReviewOn, nameof(r.NextReviewOn), actor, errors);
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var plan = new SupportPlan(victimCase.OrganisationId, caseId, r.NextReviewOn!.Value, actor);
        db.SupportPlans.Add(plan);
        victimCase.Note(TimelineKind.Plan, $"Support plan started; first review due {FormDate(plan.NextReviewOn)}", actor);
        audit.Record(AuditOperation.Collection, "SupportPlan", plan.Id.ToString(), victimCase.PersonId, detail: $"Support plan started on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<PlanDto>.Created(ToDto(plan, UkTime.Today(actor.Now)));
    }

    public async Task<Result<GoalDto>> AddGoalAsync(Guid caseId, GoalRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, plan, failure) = await LoadForChangeAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<GoalDto>.From(failure);
        }
        var errors = new ValidationErrors();
        GoalText(r.Text, errors);
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var goal = plan!.AddGoal(r.Text!, actor);
        victimCase!.Note(TimelineKind.Plan, $"Support plan goal added: {goal.Text}", actor);
        audit.Record(AuditOperation.Collection, "PlanGoal", goal.Id.ToString(), victimCase.PersonId, detail: $"Goal added to the support plan of case {caseId}");
        return await SaveAsync(() => Result<GoalDto>.Created(ToDto(goal, [])), ct);
    }

    public async Task<Result<GoalDto>> ChangeGoalAsync(Guid caseId, Guid goalId, GoalRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, plan, failure) = await LoadForChangeAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<GoalDto>.From(failure);
        }
        var goal = plan!.Goals.SingleOrDefault(g => g.Id == goalId);
        if (goal is null)
        {
            return Fail.NotFound;
        }
        var errors = new ValidationErrors();
        GoalText(r.Text, errors);
        if (r.Status is not { } status || !Enum.IsDefined(status))
        {
            errors.Add(nameof(r.Status), "Select the goal's status");
            status = default;
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var before = goal.Status;
        plan.ChangeGoal(goalId, r.Text!, status, actor);
        if (before != status)
        {
            victimCase!.Note(TimelineKind.Plan, $"Support plan goal {SupportPlan.GoalStatusName(status).ToLowerInvariant()}: {goal.Text}", actor);
        }
        audit.Record(AuditOperation.Alteration, "PlanGoal", goal.Id.ToString(), victimCase!.PersonId, field: nameof(PlanGoal.Status),
            oldValue: before.ToString(), newValue: status.ToString(), detail: $"Goal of the support plan of case {caseId} changed");
        return await SaveAsync(() => Result<GoalDto>.Ok(ToDto(goal, plan.Interventions.Where(i => i.GoalId == goal.Id))), ct);
    }

    public async Task<Result<InterventionDto>> AddInterventionAsync(Guid caseId, Guid goalId, InterventionRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, plan, failure) = await LoadForChangeAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<InterventionDto>.From(failure);
        }
        if (plan!.Goals.All(g => g.Id != goalId))
        {
            return Fail.NotFound;
        }
        var errors = new ValidationErrors();
        var ownerName = await InterventionAsync(caseId, r, victimCase!.OrganisationId, requireStatus: false, errors, ct);
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var added = plan.AddIntervention(goalId, r.What!, r.Owner!.Value, r.OwnerUserId, r.ReferralId, ownerName!, r.DueOn, actor);
        var intervention = added.Value!;
        victimCase.Note(TimelineKind.Plan, $"Support plan intervention added: {intervention.What} ({intervention.OwnerName})", actor);
        audit.Record(AuditOperation.Collection, "PlanIntervention", intervention.Id.ToString(), victimCase.PersonId, detail: $"Intervention added to the support plan of case {caseId}");
        return await SaveAsync(() => Result<InterventionDto>.Created(ToDto(intervention)), ct);
    }

    public async Task<Result<InterventionDto>> ChangeInterventionAsync(Guid caseId, Guid interventionId, InterventionRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, plan, failure) = await LoadForChangeAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<InterventionDto>.From(failure);
        }
        var intervention = plan!.Interventions.SingleOrDefault(i => i.Id == interventionId);
        if (intervention is null)
        {
            return Fail.NotFound;
        }
        var errors = new ValidationErrors();
        var ownerName = await InterventionAsync(caseId, r, victimCase!.OrganisationId, requireStatus: true, errors, ct);
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var before = intervention.Status;
        plan.ChangeIntervention(interventionId, r.What!, r.Owner!.Value, r.OwnerUserId, r.ReferralId, ownerName!, r.DueOn, r.Status!.Value, actor);
        if (before != intervention.Status)
        {
            victimCase.Note(TimelineKind.Plan, $"Support plan intervention {SupportPlan.InterventionStatusName(intervention.Status).ToLowerInvariant()}: {intervention.What}", actor);
        }
        audit.Record(AuditOperation.Alteration, "PlanIntervention", intervention.Id.ToString(), victimCase.PersonId, field: nameof(PlanIntervention.Status),
            oldValue: before.ToString(), newValue: intervention.Status.ToString(), detail: $"Intervention of the support plan of case {caseId} changed");
        return await SaveAsync(() => Result<InterventionDto>.Ok(ToDto(intervention)), ct);
    }

    public async Task<Result<ReviewDto>> ReviewAsync(Guid caseId, ReviewRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, plan, failure) = await LoadForChangeAsync(caseId, r.Version, actor, ct);
        if (failure is not null)
        {
            return Result<ReviewDto>.From(failure);
        }
        var errors = new ValidationErrors();
        var today = UkTime.Today(actor.Now);
        if (r.ReviewedOn is null)
        {
            errors.Add(nameof(r.ReviewedOn), "Enter the date of the review");
        }
        else if (r.ReviewedOn > today)
        {
            errors.Add(nameof(r.ReviewedOn), "The date of the review must be today or in the past");
        }
        errors.Required(r.Notes, nameof(r.Notes), "Enter what was reviewed with the victim");
        errors.MaxLength(r.Notes, 4000, nameof(r.Notes), "The review notes");
        ReviewDate(r.NextReviewOn, nameof(r.NextReviewOn), actor, errors);
        if (r.NextReviewOn is { } next && r.ReviewedOn is { } on && next <= on)
        {
            errors.Add(nameof(r.NextReviewOn), "The next review must be after this review");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var review = plan!.Review(r.ReviewedOn!.Value, r.Notes!, r.NextReviewOn!.Value, actor);
        victimCase!.Note(TimelineKind.Plan, $"Support plan reviewed; next review due {FormDate(review.NextReviewOn)}", actor);
        audit.Record(AuditOperation.Collection, "PlanReview", review.Id.ToString(), victimCase.PersonId, detail: $"Review of the support plan of case {caseId}");
        return await SaveAsync(() => Result<ReviewDto>.Created(ToDto(review)), ct);
    }

    /// <summary>My work: plans of the actor's open cases whose review is due within a week, or overdue.</summary>
    public async Task<IReadOnlyList<ReviewDueRow>> ReviewsDueAsync(Actor actor, CancellationToken ct)
    {
        var today = UkTime.Today(actor.Now);
        var until = today.AddDays(ReviewDueWithinDays);
        var rows = await db.SupportPlans.AsNoTracking()
            .Where(p => p.OrganisationId == actor.OrganisationId && p.NextReviewOn <= until)
            .Join(db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.AllocatedOfficerId == actor.UserId && c.Status != CaseStatus.Closed),
                p => p.CaseId, c => c.Id, (p, c) => new { c.Id, c.Person.FirstName, c.Person.LastName, c.Person.BusinessName, p.NextReviewOn })
            .OrderBy(x => x.NextReviewOn)
            .Take(50)
            .ToListAsync(ct);
        return rows.Select(x => new ReviewDueRow(x.Id, Person.FullName(x.FirstName, x.LastName, x.BusinessName), x.NextReviewOn, x.NextReviewOn < today)).ToList();
    }

    /// <summary>Who can own an intervention: the organisation's active users, and the case's referrals.</summary>
    public async Task<(IReadOnlyList<(string Value, string Text)> Officers, IReadOnlyList<(string Value, string Text)> Referrals)> OwnerOptionsAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var officers = await db.Users.AsNoTracking().Where(u => u.OrganisationId == actor.OrganisationId && !u.Disabled)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var referrals = await (from x in db.ServiceReferrals.AsNoTracking()
                               join s in db.SupportServices on x.ServiceId equals s.Id
                               where x.CaseId == caseId
                               orderby x.CreatedAt
                               select new { x.Id, s.Name, x.SentOn }).ToListAsync(ct);
        return (officers.Select(o => (o.Id.ToString(), o.DisplayName)).ToList(),
            referrals.Select(x => (x.Id.ToString(), $"{x.Name} (referred {FormDate(x.SentOn)})")).ToList());
    }

    private async Task<(VictimCase? Case, SupportPlan? Plan, Result? Failure)> LoadForChangeAsync(Guid caseId, int? version, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return (null, null, refused.Result);
        }
        if (victimCase.Status == CaseStatus.Closed)
        {
            return (null, null, Result.Rejected(ClosedRefusal));
        }
        var plan = await db.SupportPlans.AsSplitQuery().Include(p => p.Goals).Include(p => p.Interventions).Include(p => p.Reviews)
            .SingleOrDefaultAsync(p => p.CaseId == caseId, ct);
        if (plan is null)
        {
            return (null, null, Result.Rejected("This case has no support plan yet: start one first."));
        }
        if (version is { } v && v != plan.Version)
        {
            return (null, null, Result.Conflict(Result.ChangedBySomeoneElse));
        }
        return (victimCase, plan, null);
    }

    private async Task<Result<T>> SaveAsync<T>(Func<Result<T>> result, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Fail.Conflict;
        }
        return result();
    }

    private static void GoalText(string? text, ValidationErrors errors)
    {
        errors.Required(text, nameof(GoalRequest.Text), "Enter what the victim wants to achieve");
        errors.MaxLength(text, SupportPlan.MaxText, nameof(GoalRequest.Text), "The goal");
    }

    private static void ReviewDate(DateOnly? date, string field, Actor actor, ValidationErrors errors)
    {
        if (date is null)
        {
            errors.Add(field, "Enter the date of the next review");
        }
        else if (date < UkTime.Today(actor.Now))
        {
            errors.Add(field, "The next review must be today or in the future");
        }
    }

    /// <summary>Validates an intervention and answers the owner's name as people read it (null when invalid).</summary>
    private async Task<string?> InterventionAsync(Guid caseId, InterventionRequest r, Guid organisationId, bool requireStatus, ValidationErrors errors, CancellationToken ct)
    {
        errors.Required(r.What, nameof(r.What), "Enter what will be done");
        errors.MaxLength(r.What, SupportPlan.MaxText, nameof(r.What), "What will be done");
        if (requireStatus && (r.Status is not { } status || !Enum.IsDefined(status)))
        {
            errors.Add(nameof(r.Status), "Select the intervention's status");
        }
        else if (!requireStatus && r.Status is not null and not InterventionStatus.Planned)
        {
            errors.Add(nameof(r.Status), "A new intervention is planned: change its status once it is added");
        }
        r.Status ??= InterventionStatus.Planned;
        switch (r.Owner)
        {
            case InterventionOwner.Officer:
                var officer = r.OwnerUserId is { } userId
                    ? await db.Users.AsNoTracking().Where(u => u.Id == userId && u.OrganisationId == organisationId && !u.Disabled).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
                    : null;
                if (officer is null)
                {
                    errors.Add(nameof(r.OwnerUserId), "Select the officer who owns it");
                }
                return officer;
            case InterventionOwner.Victim:
                return "The victim";
            case InterventionOwner.Service:
                var service = r.ReferralId is { } referralId
                    ? await (from x in db.ServiceReferrals.AsNoTracking()
                             join s in db.SupportServices on x.ServiceId equals s.Id
                             where x.Id == referralId && x.CaseId == caseId
                             select s.Name).SingleOrDefaultAsync(ct)
                    : null;
                if (service is null)
                {
                    errors.Add(nameof(r.ReferralId), "Select the referral to the service that owns it");
                }
                return service;
            default:
                errors.Add(nameof(r.Owner), "Select who owns it");
                return null;
        }
    }

    private static string FormDate(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    internal static PlanDto ToDto(SupportPlan plan, DateOnly today) => new(plan.Id, plan.NextReviewOn, plan.NextReviewOn <= today, plan.CreatedAt, plan.CreatedByName,
        plan.UpdatedAt, plan.UpdatedByName, plan.Version,
        plan.Goals.OrderBy(g => g.CreatedAt).Select(g => ToDto(g, plan.Interventions.Where(i => i.GoalId == g.Id))).ToList(),
        plan.Reviews.OrderByDescending(r => r.At).Select(ToDto).ToList());

    private static GoalDto ToDto(PlanGoal goal, IEnumerable<PlanIntervention> interventions) =>
        new(goal.Id, goal.Text, goal.Status, interventions.OrderBy(i => i.CreatedAt).Select(ToDto).ToList());

    private static InterventionDto ToDto(PlanIntervention i) => new(i.Id, i.GoalId, i.What, i.Owner, i.OwnerUserId, i.ReferralId, i.OwnerName, i.DueOn, i.Status);

    private static ReviewDto ToDto(PlanReview r) => new(r.Id, r.ReviewedOn, r.Notes, r.NextReviewOn, r.ByName, r.At);
}
