using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Worklists;

/// <summary>Services and API of what is due today, this week and overdue for me and my team, and escalation to Team Leaders.</summary>
public static class WorklistsRegistration
{
    public static IServiceCollection AddWorklists(this IServiceCollection services)
    {
        services.AddScoped<ObligationWorklistHandler>();
        services.AddScoped<EscalationListHandler>();
        services.AddScoped<EscalateOverdueHandler>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section);
        services.AddHostedService<EscalationJob>();
        return services;
    }

    public static RouteGroupBuilder MapWorklistsApi(this RouteGroupBuilder api)
    {
        var worklists = api.MapGroup("/worklists").WithTags("Worklists");

        worklists.MapGet("/obligations", async ([AsParameters] WorklistQuery query, ActorAccessor actors, ObligationWorklistHandler handler, CancellationToken ct) =>
                Respond(await handler.HandleAsync(query, await actors.RequireAsync(ct), ct), WorklistResponse.From))
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("Open Victims' Code obligations of cases you can see: scope=mine|team|unallocated (unallocated: Team Leaders), " +
                         "when=overdue|today|week (week: today to Friday, Europe/London), page; ordered by due date, 25 a page, with the count of each tab.")
            .Produces<WorklistResponse>();

        worklists.MapGet("/escalations", async ([AsParameters] EscalationListQuery query, ActorAccessor actors, EscalationListHandler handler, CancellationToken ct) =>
                Respond(await handler.HandleAsync(query, await actors.RequireAsync(ct), ct), EscalationsResponse.From))
            .RequireAuthorization(Policies.TeamLeader)
            .WithSummary("Overdue obligations escalated to you as Team Leader (your teams' and those with no team): state=open|closed, page; " +
                         "open ones by due date, closed ones most recently closed first.")
            .Produces<EscalationsResponse>();

        return api;
    }

    private static IResult Respond<T, TResponse>(Result<T> result, Func<T, TResponse> shape) =>
        result.Succeeded && result.Value is { } value ? TypedResults.Ok(shape(value)) : result.ToHttp();
}

/// <summary>A page of a worklist, as the API returns it.</summary>
public sealed record WorklistResponse(
    string Scope,
    string When,
    DateOnly Today,
    DateOnly WeekEnds,
    int Page,
    int PageSize,
    int Total,
    WorklistCountsResponse Counts,
    IReadOnlyList<WorklistItemResponse> Items)
{
    public static WorklistResponse From(Worklist w) => new(
        ObligationWorklistHandler.Code(w.Scope), ObligationWorklistHandler.Code(w.When), w.Today, w.WeekEnds,
        w.Rows.Page, w.Rows.PageSize, w.Rows.Total,
        new WorklistCountsResponse(w.Counts.Overdue, w.Counts.Today, w.Counts.Week),
        w.Rows.Items.Select(r => new WorklistItemResponse(r.ObligationId, r.CaseId, r.VictimName, r.CrimeReference, r.Rule, r.RuleTitle,
            r.Right, r.RightName, r.DueOn, r.DaysOverdue, r.OfficerName)).ToList());
}

public sealed record WorklistCountsResponse(int Overdue, int Today, int Week);

public sealed record WorklistItemResponse(
    Guid ObligationId,
    Guid CaseId,
    string VictimName,
    string? CrimeReference,
    string Rule,
    string RuleTitle,
    int Right,
    string RightName,
    DateOnly DueOn,
    int DaysOverdue,
    string? Officer);

/// <summary>A page of escalations, as the API returns it.</summary>
public sealed record EscalationsResponse(
    string State,
    int Page,
    int PageSize,
    int Total,
    int Open,
    int Closed,
    IReadOnlyList<EscalationItemResponse> Items)
{
    public static EscalationsResponse From(EscalationList l) => new(
        l.Open ? "open" : "closed", l.Rows.Page, l.Rows.PageSize, l.Rows.Total, l.OpenCount, l.ClosedCount,
        l.Rows.Items.Select(r => new EscalationItemResponse(r.EscalationId, r.ObligationId, r.CaseId, r.VictimName, r.CrimeReference,
            r.Rule, r.RuleTitle, r.DueOn, r.DaysOverdue, r.OfficerName, r.TeamName, r.RaisedAt, r.ClosedAt, r.Status)).ToList());
}

public sealed record EscalationItemResponse(
    Guid EscalationId,
    Guid ObligationId,
    Guid CaseId,
    string VictimName,
    string? CrimeReference,
    string Rule,
    string RuleTitle,
    DateOnly DueOn,
    int DaysOverdue,
    string? Officer,
    string? Team,
    DateTime RaisedAt,
    DateTime? ClosedAt,
    string ObligationStatus);
