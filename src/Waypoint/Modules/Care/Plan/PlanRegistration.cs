using Waypoint.Modules.Care.Plan.Outcomes;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Plan;

/// <summary>Services and API of the support plan (goals, interventions, reviews) and the outcome measures.</summary>
public static class PlanRegistration
{
    public static IServiceCollection AddSupportPlan(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<OutcomeOptions>(config.GetSection("Waypoint:Care:OutcomeMeasures"));
        return services
            .AddScoped<SupportPlanHandler>()
            .AddScoped<OutcomesHandler>();
    }

    public static RouteGroupBuilder MapSupportPlanApi(this RouteGroupBuilder api)
    {
        var plan = api.MapGroup("/cases/{caseId:guid}").WithTags("Support plan");

        plan.MapGet("/plan", async (Guid caseId, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                await handler.GetAsync(caseId, await actors.RequireAsync(ct), ct) is { } view ? Results.Ok(view) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's support plan: goals with their interventions, reviews and the next review date (plan is null before one is started).")
            .Produces<PlanView>();

        plan.MapPost("/plan", async (Guid caseId, CreatePlanRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(_ => $"/api/v1/cases/{caseId}/plan"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Start the case's support plan with its first review date. Refused on a closed case.")
            .Produces<PlanDto>(StatusCodes.Status201Created);

        plan.MapPost("/plan/goals", async (Guid caseId, GoalRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.AddGoalAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(_ => $"/api/v1/cases/{caseId}/plan"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Add a goal (what the victim wants to achieve). Give the plan's version read; a changed version answers 409. Refused on a closed case.")
            .Produces<GoalDto>(StatusCodes.Status201Created);

        plan.MapPut("/plan/goals/{goalId:guid}", async (Guid caseId, Guid goalId, GoalRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.ChangeGoalAsync(caseId, goalId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Change a goal's text and status (open, achieved, no_longer_needed).")
            .Produces<GoalDto>();

        plan.MapPost("/plan/goals/{goalId:guid}/interventions", async (Guid caseId, Guid goalId, InterventionRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.AddInterventionAsync(caseId, goalId, request, await actors.RequireAsync(ct), ct)).ToHttp(_ => $"/api/v1/cases/{caseId}/plan"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Add an intervention to a goal: what, its owner (officer with ownerUserId, victim, or service with referralId of one of the case's referrals) and due date.")
            .Produces<InterventionDto>(StatusCodes.Status201Created);

        plan.MapPut("/plan/interventions/{interventionId:guid}", async (Guid caseId, Guid interventionId, InterventionRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.ChangeInterventionAsync(caseId, interventionId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Change an intervention, with its status (planned, in_progress, done, cancelled).")
            .Produces<InterventionDto>();

        plan.MapPost("/plan/reviews", async (Guid caseId, ReviewRequest request, ActorAccessor actors, SupportPlanHandler handler, CancellationToken ct) =>
                (await handler.ReviewAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(_ => $"/api/v1/cases/{caseId}/plan"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a review of the plan (date, notes) and set the next review date.")
            .Produces<ReviewDto>(StatusCodes.Status201Created);

        plan.MapGet("/outcomes", async (Guid caseId, ActorAccessor actors, OutcomesHandler handler, CancellationToken ct) =>
                await handler.ForCaseAsync(caseId, await actors.RequireAsync(ct), ct) is { } outcomes ? Results.Ok(outcomes) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's start and exit outcome answers, question by question (null: not answered or not measured).")
            .Produces<OutcomeComparison>();

        plan.MapPost("/outcomes/start", async (Guid caseId, OutcomeAnswersRequest request, ActorAccessor actors, OutcomesHandler handler, CancellationToken ct) =>
                (await handler.RecordStartAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(_ => $"/api/v1/cases/{caseId}/outcomes"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record the start outcome measures: answers per question id, \"1\" to \"5\" or \"none\" (did not answer); every question needs one.")
            .Produces<RecordedMeasurement>(StatusCodes.Status201Created);

        api.MapGet("/reports/outcomes", async (DateOnly? from, DateOnly? to, ActorAccessor actors, OutcomesHandler handler, CancellationToken ct) =>
                (await handler.ReportAsync(from, to, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithTags("Reports")
            .RequireAuthorization(Policies.ComplianceReader)
            .WithSummary("The organisation's outcome measures over a period (exit measures taken from..to, default the last three months): per question, counts with start and exit answers, improved / same / worse and mean change. Counts only, no personal data.")
            .Produces<OutcomeReport>();
        return api;
    }
}
