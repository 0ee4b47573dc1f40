using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Closure;

/// <summary>Services and API of closing a case (with a Team Leader's approval when it is high risk) and re-opening it.</summary>
public static class ClosureRegistration
{
    public static IServiceCollection AddClosure(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ClosureOptions>(o => o.Reasons = config.GetSection("Waypoint:Care:ClosureReasons").Get<List<ClosureReason>>() ?? []);
        return services.AddScoped<CloseCaseHandler>();
    }

    public static RouteGroupBuilder MapClosureApi(this RouteGroupBuilder api)
    {
        var closure = api.MapGroup("/cases/{caseId:guid}").WithTags("Closure");

        closure.MapGet("/closure", async (Guid caseId, ActorAccessor actors, CloseCaseHandler handler, CancellationToken ct) =>
                await handler.GetAsync(caseId, await actors.RequireAsync(ct), ct) is { } view ? Results.Ok(view) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's closure state: status, risk, a closure awaiting approval, the latest closure and the open Code obligations.")
            .Produces<ClosureView>();

        closure.MapPost("/closure", async (Guid caseId, CloseRequest request, ActorAccessor actors, CloseCaseHandler handler, CancellationToken ct) =>
                (await handler.CloseAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Close the case with a reason, a closing note and the exit outcome answers. A high-risk case is refused (400) unless sendForApproval is true; it then waits for a Team Leader of its team (status awaiting_approval).")
            .Produces<ClosureOutcome>();

        closure.MapPost("/closure/approve", async (Guid caseId, ClosureDecisionRequest request, ActorAccessor actors, CloseCaseHandler handler, CancellationToken ct) =>
                (await handler.ApproveAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("A Team Leader of the case's team approves the closure waiting for approval: the case closes. Anyone else: 403.")
            .Produces<ClosureOutcome>();

        closure.MapPost("/closure/decline", async (Guid caseId, ClosureDecisionRequest request, ActorAccessor actors, CloseCaseHandler handler, CancellationToken ct) =>
                (await handler.DeclineAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("A Team Leader of the case's team declines the closure waiting for approval, with a reason: the case stays open.")
            .Produces<ClosureOutcome>();

        closure.MapPost("/reopen", async (Guid caseId, ReopenRequest request, ActorAccessor actors, CloseCaseHandler handler, CancellationToken ct) =>
                (await handler.ReopenAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Re-open a closed case with a reason (required): it becomes active again.")
            .Produces<ClosureOutcome>();
        return api;
    }
}
