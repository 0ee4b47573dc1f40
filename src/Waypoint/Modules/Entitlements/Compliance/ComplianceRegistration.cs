using Microsoft.AspNetCore.WebUtilities;
using Waypoint.Modules.Entitlements.Compliance.Drilldown;
using Waypoint.Modules.Entitlements.Compliance.Export;
using Waypoint.Modules.Entitlements.Compliance.Figures;
using Waypoint.Modules.Entitlements.Compliance.Moj;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance;

/// <summary>Services and API of compliance figures, drill-down, CSV and Excel export, the MoJ measures.</summary>
public static class ComplianceRegistration
{
    public static IServiceCollection AddCompliance(this IServiceCollection services) => services
        .AddScoped<ComplianceFiguresHandler>()
        .AddScoped<ComplianceCasesHandler>()
        .AddScoped<MojMeasuresHandler>()
        .AddScoped<ComplianceOptions>();

    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        var compliance = api.MapGroup("/compliance").WithTags("Compliance").RequireAuthorization(Policies.ComplianceReader);

        compliance.MapGet("/", async ([AsParameters] ComplianceQuery query, ActorAccessor actors, ComplianceFiguresHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(query, await actors.RequireAsync(ct), ct);
                return result.Value is { } report ? TypedResults.Ok(ComplianceFiguresResponse.Of(report)) : result.ToHttp();
            })
            .WithSummary("Victims' Code compliance figures of your organisation: obligations due in the period (from, to as ISO dates, or quarter " +
                         "as 2026-Q3; default the current quarter), grouped by rule, right, team or officer (groupBy), optionally for one team " +
                         "or officer (teamId, officerId: an id, or none). % on time = met on time / (met on time + met late + overdue); null when that is 0.")
            .Produces<ComplianceFiguresResponse>();

        compliance.MapGet("/moj", async (string? quarter, ActorAccessor actors, MojMeasuresHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(quarter, await actors.RequireAsync(ct), ct);
                return result.Value is { } report ? TypedResults.Ok(MojMeasuresResponse.Of(report)) : result.ToHttp();
            })
            .WithSummary("The Ministry of Justice's five quarterly Code-compliance measures for a quarter (2026-Q3; default the last complete one). " +
                         "Measures Waypoint does not record yet have computable: false and a reason.")
            .Produces<MojMeasuresResponse>();

        return api;
    }

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        // The pages' export links: plain GETs with the pages' filters, so they work without JavaScript.
        var files = app.MapGroup("/compliance").RequireAuthorization(Policies.ComplianceReader).ExcludeFromDescription();

        files.MapGet("/export", async ([AsParameters] ComplianceQuery query, string? format, ActorAccessor actors, ComplianceFiguresHandler handler, CancellationToken ct) =>
        {
            if (!ComplianceFiles.TryFormat(format, out var f))
            {
                return Results.BadRequest();
            }
            var actor = await actors.RequireAsync(ct);
            var result = await handler.HandleAsync(query, actor, ct);
            return result.Value is { } report
                ? await ComplianceFiles.FileAsync(ComplianceTables.Figures(report, actor.OrganisationName), f, ct)
                : Back(result, "/compliance", Values(query));
        });

        files.MapGet("/cases/export", async ([AsParameters] ComplianceCasesQuery query, string? format, ActorAccessor actors, ComplianceCasesHandler handler, CancellationToken ct) =>
        {
            if (!ComplianceFiles.TryFormat(format, out var f))
            {
                return Results.BadRequest();
            }
            var actor = await actors.RequireAsync(ct);
            var result = await handler.ExportAsync(query, f, actor, ct);
            return result.Value is { } export
                ? await ComplianceFiles.FileAsync(ComplianceTables.Cases(export, actor.OrganisationName, UkTime.Today(actor.Now)), f, ct)
                : Back(result, "/compliance/cases", Values(query).Concat(
                [
                    new("rule", query.Rule), new("right", query.Right?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("outcome", query.Outcome),
                ]));
        });

        files.MapGet("/moj/export", async (string? quarter, string? format, ActorAccessor actors, MojMeasuresHandler handler, CancellationToken ct) =>
        {
            if (!ComplianceFiles.TryFormat(format, out var f))
            {
                return Results.BadRequest();
            }
            var actor = await actors.RequireAsync(ct);
            var result = await handler.HandleAsync(quarter, actor, ct);
            return result.Value is { } report
                ? await ComplianceFiles.FileAsync(ComplianceTables.Moj(report, actor.OrganisationName, UkTime.Today(actor.Now)), f, ct)
                : Back(result, "/compliance/moj", [new("quarter", quarter)]);
        });
        return app;
    }

    private static KeyValuePair<string, string?>[] Values(ComplianceQuery q) =>
    [
        new("from", q.From), new("to", q.To), new("quarter", q.Quarter), new("groupBy", q.GroupBy), new("teamId", q.TeamId), new("officerId", q.OfficerId),
    ];

    /// <summary>A refused export goes back to its page with the same filters, where the page shows why.</summary>
    private static IResult Back(Result result, string page, IEnumerable<KeyValuePair<string, string?>> values) =>
        result.Kind == ResultKind.Forbidden
            ? Results.Redirect("/forbidden")
            : Results.Redirect(QueryHelpers.AddQueryString(page, values.Where(kv => !string.IsNullOrEmpty(kv.Value))));
}

/// <summary>The figures as the API returns them.</summary>
public sealed record ComplianceFiguresResponse(
    DateOnly From,
    DateOnly To,
    string? Quarter,
    string GroupBy,
    string? TeamId,
    string? OfficerId,
    DateOnly Today,
    IReadOnlyList<ComplianceGroupResponse> Groups,
    ComplianceCountsResponse Total)
{
    public static ComplianceFiguresResponse Of(ComplianceFiguresReport r) => new(
        r.Filter.Period.From, r.Filter.Period.To, r.Filter.Period.AsQuarter?.ToString(), ComplianceFilter.GroupingCode(r.Filter.GroupBy),
        r.Filter.Team.QueryValue, r.Filter.Officer.QueryValue, r.Today,
        [.. r.Rows.Select(g => new ComplianceGroupResponse(g.Value, g.Name, ComplianceCountsResponse.From(g.Counts)))],
        ComplianceCountsResponse.From(r.Total));
}

/// <summary>One group: its key (a rule id, a right's number, a team or officer id, or "none") and name.</summary>
public sealed record ComplianceGroupResponse(string Key, string Name, ComplianceCountsResponse Counts);

public sealed record ComplianceCountsResponse(int Due, int MetOnTime, int MetLate, int Overdue, int NotYetDue, int NotApplicable, decimal? PercentOnTime)
{
    public static ComplianceCountsResponse From(FigureCounts c) => new(c.Due, c.MetOnTime, c.MetLate, c.Overdue, c.NotYetDue, c.NotApplicable, c.PercentOnTime);
}

public sealed record MojMeasuresResponse(string Quarter, DateOnly From, DateOnly To, bool Complete, IReadOnlyList<MojMeasureResponse> Measures)
{
    public static MojMeasuresResponse Of(MojMeasuresReport r) => new(r.Quarter.ToString(), r.Quarter.Start, r.Quarter.End, r.Complete,
        [.. r.Measures.Select(m => new MojMeasureResponse(m.Number, m.Name, m.Rules, m.Computable, m.Numerator, m.Denominator, m.Percent, m.Reason))]);
}

public sealed record MojMeasureResponse(int Number, string Name, string Rules, bool Computable, int? Numerator, int? Denominator, decimal? Percent, string? Reason);
