using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Intelligence;

/// <summary>Services and API of unseen crime and intelligence (issue 5, item 9).</summary>
public static class IntelligenceRegistration
{
    public static IServiceCollection AddIntelligence(this IServiceCollection services) => services.AddScoped<IntelligenceHandler>();

    public static RouteGroupBuilder MapIntelligenceApi(this RouteGroupBuilder api)
    {
        var care = api.MapGroup("/cases/{caseId:guid}/intelligence").WithTags("Unseen crime and intelligence");
        care.MapPost("", async (Guid caseId, RecordIntelligenceRequest request, ActorAccessor actors, IntelligenceHandler handler, CancellationToken ct) =>
                (await handler.RecordAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(r => $"/api/v1/cases/{caseId}/intelligence"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record unseen crime or intelligence the victim disclosed: category (unreported_crime, threat, other_intelligence), disclosure, about, urgency (routine, urgent, immediate), needsPassing (default true), disclosedOn.")
            .Produces<IntelligenceResponse>(StatusCodes.Status201Created);
        care.MapGet("", async (Guid caseId, ActorAccessor actors, IntelligenceHandler handler, CancellationToken ct) =>
                await handler.ForCaseAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's unseen crime and intelligence reports, newest first.")
            .Produces<List<IntelligenceResponse>>();
        care.MapPost("/{id:guid}/passed-on", async (Guid caseId, Guid id, PassOnRequest request, ActorAccessor actors, IntelligenceHandler handler, CancellationToken ct) =>
                (await handler.PassOnAsync(caseId, id, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record that a report was passed to the police: passedOn, passedTo (who or which system), reference. Logged as a disclosure.")
            .Produces<IntelligenceResponse>();

        api.MapGet("/intelligence", async (bool? mine, ActorAccessor actors, IntelligenceHandler handler, CancellationToken ct) =>
                Results.Ok(await handler.ToPassAsync(await actors.RequireAsync(ct), mine ?? false, ct, logConsultation: true)))
            .RequireAuthorization(Policies.CaseReader)
            .WithTags("Unseen crime and intelligence")
            .WithSummary("Reports still to pass to the police on the cases the caller can see, most urgent first; mine=true for those the caller recorded.")
            .Produces<List<IntelligenceToPass>>();
        return api;
    }
}
