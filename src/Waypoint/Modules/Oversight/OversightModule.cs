using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Waypoint.Modules.Oversight.ExportAuditLog;
using Waypoint.Modules.Oversight.SearchAuditLog;
using Waypoint.Modules.Oversight.Shared;
using Waypoint.Modules.Oversight.VerifyAuditLog;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Oversight;

/// <summary>The auditor's view of the data-protection log: search, export and chain verification.</summary>
public static class OversightModule
{
    public static IServiceCollection AddOversight(this IServiceCollection services) => services
        .AddScoped<AuditLogFilter>()
        .AddScoped<SearchAuditLogHandler>()
        .AddScoped<ExportAuditLogHandler>()
        .AddScoped<VerifyAuditLogHandler>();

    public static RouteGroupBuilder MapOversightApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit log").RequireAuthorization(Policies.Auditor);

        audit.MapGet("/entries", async ([AsParameters] AuditLogQuery query, HttpContext http, ActorAccessor actors, SearchAuditLogHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(query, await actors.RequireAsync(ct), ct);
                if (result.Value is { } page)
                {
                    http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
                    return TypedResults.Ok(page.Items);
                }
                return result.ToHttp();
            })
            .WithSummary("Search the data-protection log of your organisation, newest first; X-Total-Count gives the total before paging. " +
                         "Filters: person (id, reference or name; a name lookup is logged), recordType, recordId, user, operation (repeatable), " +
                         "from and to (Europe/London dates, inclusive), q (text in the detail), page, pageSize.")
            .Produces<IReadOnlyList<AuditRow>>();

        audit.MapGet("/export", async ([AsParameters] AuditLogQuery query, string? recipient, ActorAccessor actors, ExportAuditLogHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(query, recipient, await actors.RequireAsync(ct), ct);
                return result.Value is { } export ? AuditCsv.Stream(export, ct) : result.ToHttp();
            })
            .WithSummary("The same search as CSV, streamed. recipient (who the export is for) is required: the export is logged as a disclosure to them.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        audit.MapGet("/verification", async (ActorAccessor actors, VerifyAuditLogHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Walk the whole hash chain and report whether it is intact, or the first entry altered or removed. The run is logged.")
            .Produces<AuditVerification>();

        return api;
    }

    public static IEndpointRouteBuilder MapOversightEndpoints(this IEndpointRouteBuilder app)
    {
        // The page's export link: a plain GET with the page's filters, so it works without JavaScript.
        app.MapGet("/audit/export", async ([AsParameters] AuditLogQuery query, string? recipient, ActorAccessor actors, ExportAuditLogHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(query, recipient, await actors.RequireAsync(ct), ct);
                if (result.Value is { } export)
                {
                    return AuditCsv.Stream(export, ct);
                }
                if (result.Kind == ResultKind.Forbidden)
                {
                    return Results.Redirect("/forbidden");
                }
                // Back to the search with the reason, which the page shows in its error summary.
                var problem = result.Errors.ContainsKey("recipient")
                    ? string.IsNullOrWhiteSpace(recipient) ? "missing" : "too-long"
                    : "filters";
                var back = QueryHelpers.AddQueryString("/audit", query.ToQueryString().Append(new("exportError", problem)));
                return Results.Redirect(back + "#export");
            })
            .RequireAuthorization(Policies.Auditor)
            .ExcludeFromDescription();
        return app;
    }
}
