using Waypoint.Modules.Care.Assessment.Danger;
using Waypoint.Modules.Care.Assessment.Dash;
using Waypoint.Modules.Care.Assessment.Needs;
using Waypoint.Modules.Care.Assessment.Safeguarding;
using Waypoint.Modules.Care.Assessment.Thrive;
using Waypoint.Modules.Care.Tasks;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment;

/// <summary>Services and API of the needs and risk assessment (needs, THRIVE, DASH, safeguarding, immediate danger) and the case tasks they raise.</summary>
public static class AssessmentRegistration
{
    public static IServiceCollection AddAssessment(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<DashOptions>(config.GetSection("Waypoint:Care:Dash"));
        return services
            .AddScoped<CaseTasks>()
            .AddScoped<RiskReviews>()
            .AddScoped<RecordNeedsHandler>()
            .AddScoped<RecordThriveHandler>()
            .AddScoped<RecordDashHandler>()
            .AddScoped<RecordSafeguardingHandler>()
            .AddScoped<RecordDangerHandler>();
    }

    public static RouteGroupBuilder MapAssessmentApi(this RouteGroupBuilder api)
    {
        var care = api.MapGroup("/cases/{caseId:guid}").WithTags("Assessment");

        care.MapGet("/needs-assessments", async (Guid caseId, ActorAccessor actors, RecordNeedsHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("Every needs assessment of the case, newest (the current one) first.")
            .Produces<List<NeedsAssessmentDto>>();
        care.MapPost("/needs-assessments", async (Guid caseId, NeedsRequest request, ActorAccessor actors, RecordNeedsHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(a => $"/api/v1/cases/{caseId}/needs-assessments"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a new needs assessment (a new version; the earlier ones are kept): every one of the ten areas with its level (none, low, medium, high) and a note.")
            .Produces<NeedsAssessmentDto>(StatusCodes.Status201Created);

        care.MapGet("/thrive", async (Guid caseId, ActorAccessor actors, RecordThriveHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's THRIVE assessments, newest first.")
            .Produces<List<ThriveDto>>();
        care.MapPost("/thrive", async (Guid caseId, ThriveRequest request, ActorAccessor actors, RecordThriveHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(t => $"/api/v1/cases/{caseId}/thrive"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record THRIVE (threat, harm, risk, investigation, vulnerability, engagement: a note on each) and the response it leads to.")
            .Produces<ThriveDto>(StatusCodes.Status201Created);

        care.MapGet("/dash", async (Guid caseId, ActorAccessor actors, RecordDashHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's DASH risk assessments with their answers, newest first.")
            .Produces<List<DashDto>>();
        care.MapPost("/dash", async (Guid caseId, DashRequest request, ActorAccessor actors, RecordDashHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(d => $"/api/v1/cases/{caseId}/dash"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a DASH: an answer (yes, no, not_known) to every configured question. The score is the yes count; 14 or more is high risk and raises a MARAC referral task "
                + "(a repeat-MARAC task for a new incident within 12 months of a referral). judgedLevel may raise the level (with judgementReason and an NDM rationale); a lower one answers 400.")
            .Produces<DashDto>(StatusCodes.Status201Created);

        care.MapGet("/tasks", async (Guid caseId, ActorAccessor actors, CaseTasks handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's tasks (MARAC referral, repeat MARAC, risk review, safeguarding follow-up...), open first.")
            .Produces<List<CaseTaskDto>>();
        care.MapPost("/tasks/{taskId:guid}/close", async (Guid caseId, Guid taskId, CloseTaskRequest request, ActorAccessor actors, CaseTasks handler, CancellationToken ct) =>
                (await handler.CloseAsync(caseId, taskId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Close an open task as done or cancelled, with its outcome; cancelling needs the NDM rationale. Send the version read to detect someone else's change (409).")
            .Produces<CaseTaskDto>();

        care.MapGet("/safeguarding-referrals", async (Guid caseId, ActorAccessor actors, RecordSafeguardingHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's safeguarding referrals, newest first.")
            .Produces<List<SafeguardingDto>>();
        care.MapPost("/safeguarding-referrals", async (Guid caseId, SafeguardingRequest request, ActorAccessor actors, RecordSafeguardingHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(s => $"/api/v1/cases/{caseId}/safeguarding-referrals"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record a safeguarding referral (adult or child, destination, date sent, reference) with the NDM rationale of the decision; raises a follow-up task to chase the outcome.")
            .Produces<SafeguardingDto>(StatusCodes.Status201Created);
        care.MapPost("/safeguarding-referrals/{referralId:guid}/outcome", async (Guid caseId, Guid referralId, SafeguardingOutcomeRequest request, ActorAccessor actors, RecordSafeguardingHandler handler, CancellationToken ct) =>
                (await handler.RecordOutcomeAsync(caseId, referralId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record the outcome of a safeguarding referral; its follow-up task is done.")
            .Produces<SafeguardingDto>();

        care.MapGet("/immediate-danger", async (Guid caseId, ActorAccessor actors, RecordDangerHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's immediate-danger incidents (requests for police attendance), newest first.")
            .Produces<List<DangerDto>>();
        care.MapPost("/immediate-danger", async (Guid caseId, DangerRequest request, ActorAccessor actors, RecordDangerHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp(d => $"/api/v1/cases/{caseId}/immediate-danger"))
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record that the victim is in immediate danger and police attendance was requested: when, how (999 or the control room), the control-room reference (required), what was asked, the outcome.")
            .Produces<DangerDto>(StatusCodes.Status201Created);
        care.MapPost("/immediate-danger/{incidentId:guid}/close", async (Guid caseId, Guid incidentId, CloseDangerRequest request, ActorAccessor actors, RecordDangerHandler handler, CancellationToken ct) =>
                (await handler.CloseAsync(caseId, incidentId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Close an immediate-danger incident with its outcome; the case's warning goes.")
            .Produces<DangerDto>();

        return api;
    }
}
