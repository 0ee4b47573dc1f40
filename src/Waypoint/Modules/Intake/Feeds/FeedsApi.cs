using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.ImportEvents;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.ImportVictims;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Quarantine;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds;

/// <summary>The police feeds engine: its services, authorization policies and REST API (feeds.md §3).</summary>
internal static class FeedsApi
{
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddSingleton<FeedLocks>();
        services.AddScoped<EventObligations>();
        services.AddScoped<VictimRowImporter>();
        services.AddScoped<EventRowImporter>();
        services.AddScoped<IFeedRowImporter>(sp => sp.GetRequiredService<VictimRowImporter>());
        services.AddScoped<IFeedRowImporter>(sp => sp.GetRequiredService<EventRowImporter>());
        services.AddScoped<WaitingEvents>();
        services.AddScoped<FeedImporter>();
        services.AddScoped<GetImportHandler>();
        services.AddScoped<ReprocessQuarantinedRowHandler>();
        services.AddScoped<DiscardQuarantinedRowHandler>();
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(FeedAccess.WriterPolicy, p => p.RequireAssertion(c => CanWrite(c.User)));
            o.AddPolicy(FeedAccess.ReaderPolicy, p => p.RequireAssertion(c =>
                CanWrite(c.User) || Roles.CaseReaders.Any(c.User.IsInRole) || c.User.HasClaim(WaypointClaims.Permission, Permissions.CasesRead)));
        });
        return services;
    }

    private static bool CanWrite(ClaimsPrincipal user) =>
        FeedAccess.WriterRoles.Any(user.IsInRole) || user.HasClaim(WaypointClaims.Permission, Permissions.FeedsWrite);

    public static RouteGroupBuilder MapFeedsApi(this RouteGroupBuilder api)
    {
        var feeds = api.MapGroup("").WithTags("Feeds");

        feeds.MapPost("/feeds/victims", (HttpContext http, ActorAccessor actors, FeedImporter importer, CancellationToken ct) =>
                ImportAsync(FeedKind.Victims, http, actors, importer, ct))
            .WithSummary("Send the victims and witnesses feed (feeds.md §1) as text/csv or a JSON array of rows. Bad rows are quarantined with every reason; 400 when the file as a whole is unusable.")
            .WithFeedBody();

        feeds.MapPost("/feeds/investigation-events", (HttpContext http, ActorAccessor actors, FeedImporter importer, CancellationToken ct) =>
                ImportAsync(FeedKind.InvestigationEvents, http, actors, importer, ct))
            .WithSummary("Send the investigation events feed (feeds.md §2). An event for a crime not known yet waits in quarantine and is imported when the crime arrives.")
            .WithFeedBody();

        feeds.MapGet("/imports/{importId:guid}", async (Guid importId, ActorAccessor actors, GetImportHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(importId, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(FeedAccess.ReaderPolicy)
            .WithSummary("An import's result again, with its quarantined rows as they now stand (their ids, status and fields).")
            .Produces<ImportDetail>();

        feeds.MapPost("/quarantine/{id:guid}/reprocess", async (Guid id, Dictionary<string, string?> fields, ActorAccessor actors, ReprocessQuarantinedRowHandler handler, CancellationToken ct) =>
                (await handler.ReprocessAsync(id, fields, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(FeedAccess.WriterPolicy)
            .WithSummary("Correct a quarantined row (a JSON object of feed field name to corrected text) and run it through the import again.")
            .Produces<ReprocessedRow>();

        feeds.MapPost("/quarantine/{id:guid}/discard", async (Guid id, DiscardRequest request, ActorAccessor actors, DiscardQuarantinedRowHandler handler, CancellationToken ct) =>
                (await handler.DiscardAsync(id, request.Reason, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(FeedAccess.WriterPolicy)
            .WithSummary("Discard a quarantined row, with the reason.");

        return api;
    }

    private static RouteHandlerBuilder WithFeedBody(this RouteHandlerBuilder builder) => builder
        .RequireAuthorization(FeedAccess.WriterPolicy)
        .WithMetadata(new DisableRequestSizeLimitAttribute())
        .Accepts<string>("text/csv", "application/json")
        .Produces<ImportResult>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> ImportAsync(FeedKind feed, HttpContext http, ActorAccessor actors, FeedImporter importer, CancellationToken ct)
    {
        if (FormatOf(http.Request.ContentType) is not { } format)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the feed as text/csv or as application/json (an array of rows).");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        var actor = await actors.RequireAsync(ct);
        var result = await importer.ImportAsync(feed, format, http.Request.Body, ImportSource.Api, null, actor, ct);
        return result.Kind == ResultKind.Rejected
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be imported", detail: result.Reason)
            : result.ToHttp();
    }

    private static FeedFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }
        var type = media.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "text/csv" or "application/csv" => FeedFormat.Csv,
            "application/json" => FeedFormat.Json,
            _ when type?.EndsWith("+json", StringComparison.Ordinal) == true => FeedFormat.Json,
            _ => null,
        };
    }
}
