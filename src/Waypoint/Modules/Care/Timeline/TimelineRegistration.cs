using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Timeline;

/// <summary>Services and API of the case's full timeline (issue 5, item 11).</summary>
public static class TimelineRegistration
{
    public static IServiceCollection AddCaseTimeline(this IServiceCollection services) => services.AddScoped<CaseTimelineHandler>();

    public static RouteGroupBuilder MapTimelineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cases/{caseId:guid}/timeline", async (Guid caseId, string[]? category, string? from, string? to, int? page, ActorAccessor actors,
                    CaseTimelineHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, new TimelineQuery { Categories = category, From = from, To = to, Page = page }, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithTags("Timeline")
            .WithSummary("Everything that happened on the case, newest first, 50 a page. category: arrival, contact, assessment, support, messages, code, court, changes (repeat or comma-separate; none means all); from and to: UK dates, both included (2026-03-27). Logged as consultation of the case.")
            .Produces<CaseTimelinePage>();
        return api;
    }
}
