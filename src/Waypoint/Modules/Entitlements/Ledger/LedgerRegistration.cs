using Waypoint.Modules.Entitlements.Ledger.MarkNotApplicable;
using Waypoint.Modules.Entitlements.Ledger.RecordAction;
using Waypoint.Modules.Entitlements.Ledger.Shared;
using Waypoint.Modules.Entitlements.Ledger.UpdatePlan;
using Waypoint.Modules.Entitlements.Ledger.ViewLedger;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Ledger;

/// <summary>Services and API of the case's entitlements ledger, recorded actions that meet obligations, not-applicable, the update plan, GET /cases/{id}/obligations.</summary>
public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services) => services
        .AddScoped<LedgerCases>()
        .AddScoped<CaseLedgerHandler>()
        .AddScoped<RecordActionHandler>()
        .AddScoped<MarkNotApplicableHandler>()
        .AddScoped<UpdatePlanHandler>();

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var ledger = api.MapGroup("/cases/{caseId:guid}").WithTags("Victims' Code ledger");

        ledger.MapGet("/obligations", async (Guid caseId, ActorAccessor actors, CaseLedgerHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(caseId, await actors.RequireAsync(ct), ct);
                return result.Value is { } l ? TypedResults.Ok(l.Obligations.Select(ObligationResponse.From).ToList()) : result.ToHttp();
            })
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's Victims' Code obligations (feeds.md §3): rule, right, triggeredAt, dueDate, status (open, met, late, overdue, not_applicable), metAt.")
            .Produces<List<ObligationResponse>>();

        ledger.MapPost("/actions", async (Guid caseId, RecordActionRequest request, ActorAccessor actors, RecordActionHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record an action (contact, letter, email, text_message, referral, assessment, note) and the open obligations it meets. Nothing is met without one.")
            .Produces<RecordedAction>();

        ledger.MapPost("/obligations/{obligationId:guid}/not-applicable", async (Guid caseId, Guid obligationId, MarkNotApplicableRequest request, ActorAccessor actors,
                MarkNotApplicableHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, obligationId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Mark an open obligation not applicable, with the reason (required).");

        ledger.MapGet("/update-plan", async (Guid caseId, ActorAccessor actors, UpdatePlanHandler handler, CancellationToken ct) =>
                await handler.HistoryAsync(caseId, await actors.RequireAsync(ct), ct) is { } history ? Results.Ok(history) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The update plan in force and the earlier ones.")
            .Produces<UpdatePlanHistory>();

        ledger.MapPost("/update-plan", async (Guid caseId, AgreeUpdatePlanRequest request, ActorAccessor actors, UpdatePlanHandler handler, CancellationToken ct) =>
                (await handler.AgreeAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Agree a new update plan (frequencyDays, channel, preferredTimes, agreedOn, reviewOn): it replaces the plan in force and starts R6-UPD.")
            .Produces<AgreedUpdatePlan>();

        ledger.MapDelete("/update-plan", async (Guid caseId, ActorAccessor actors, UpdatePlanHandler handler, CancellationToken ct) =>
                (await handler.StopAsync(caseId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("The victim no longer wants updates: ends the plan in force and marks the open R6-UPD not applicable.");

        return api;
    }
}
