using Waypoint.Modules.Cases.AllocateCase;
using Waypoint.Modules.Cases.BreakGlass;
using Waypoint.Modules.Cases.EditCase;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Modules.Cases.RecordVictim;
using Waypoint.Modules.Cases.RestrictCase;
using Waypoint.Modules.Cases.ViewCase;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases;

/// <summary>The victim's case: recording, finding, reading, editing, allocating and restricting it.</summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services
        .AddScoped<RecordVictimHandler>()
        .AddScoped<FindCasesHandler>()
        .AddScoped<ViewCaseHandler>()
        .AddScoped<EditCaseHandler>()
        .AddScoped<AllocateCaseHandler>()
        .AddScoped<RestrictCaseHandler>()
        .AddScoped<BreakGlassHandler>();

    public static RouteGroupBuilder MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");

        cases.MapGet("/", async ([AsParameters] FindCasesQuery query, HttpContext http, ActorAccessor actors, FindCasesHandler handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(query, await actors.RequireAsync(ct), ct);
            if (result.Value is { } page)
            {
                http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(page.Items.Select(CaseSummaryResponse.From).ToList());
            }
            return result.ToHttp();
        })
        .RequireAuthorization(Policies.CaseReader)
        .WithSummary("Find cases by force, crime reference, person reference or free text; X-Total-Count gives the total before paging.")
        .Produces<List<CaseSummaryResponse>>();

        cases.MapGet("/{caseId:guid}", async (Guid caseId, ActorAccessor actors, ViewCaseHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("One case with its person, crime and timeline. Logged as consultation.")
            .Produces<CaseDetail>();

        cases.MapPost("/", async (RecordVictimRequest request, ActorAccessor actors, RecordVictimHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(request, await actors.RequireAsync(ct), ct)).ToHttp(c => $"/api/v1/cases/{c.Id}"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a victim by hand (phone call or agency referral).")
            .Produces<RecordedCase>(StatusCodes.Status201Created);

        cases.MapPut("/{caseId:guid}", async (Guid caseId, EditCaseRequest request, ActorAccessor actors, EditCaseHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Edit the person and crime details. Send the versions you read; 409 if someone else saved first.")
            .Produces<EditedCase>();

        cases.MapPost("/{caseId:guid}/allocation", async (Guid caseId, AllocateCaseRequest request, ActorAccessor actors, AllocateCaseHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Allocate the case to a team and optionally an officer in it.");

        return api;
    }
}

/// <summary>A case in a list, as the API returns it (feeds.md §3).</summary>
public sealed record CaseSummaryResponse(
    Guid Id,
    string? ForceCode,
    string? CrimeReference,
    string? PersonReference,
    Domain.PersonRole Role,
    string? FirstName,
    string? LastName,
    string? BusinessName,
    Domain.CaseStatus Status,
    string Offence,
    DateOnly? DateReported,
    string? TeamName,
    string? OfficerName,
    Domain.EntitlementLevel EntitlementLevel,
    IReadOnlyList<string> EnhancedReasons,
    int Priority)
{
    public static CaseSummaryResponse From(CaseRow r) => new(r.Id, r.ForceCode, r.CrimeReference, r.PersonReference, r.Role,
        r.FirstName, r.LastName, r.BusinessName, r.Status, r.Offence, r.DateReported, r.TeamName, r.OfficerName,
        r.EntitlementLevel, Domain.Flags.Parse(r.EnhancedReasons), r.Priority);
}
