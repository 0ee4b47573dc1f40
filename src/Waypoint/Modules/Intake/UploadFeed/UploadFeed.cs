using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.UploadFeed;

/// <summary>The feeds an officer can upload, as the upload form names them.</summary>
internal static class UploadableFeeds
{
    public const string Victims = "victims";
    public const string Events = "investigation-events";

    public static FeedKind? Parse(string? value) => value switch
    {
        Victims => FeedKind.Victims,
        Events => FeedKind.InvestigationEvents,
        _ => null,
    };

    public static string Name(FeedKind feed) => feed == FeedKind.Victims ? "Victims and witnesses" : "Investigation events";

    /// <summary>CSV or JSON, from the file's extension, else from the content type the browser gave it.</summary>
    public static FeedFormat? FormatOf(string fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".csv")
        {
            return FeedFormat.Csv;
        }
        if (extension == ".json")
        {
            return FeedFormat.Json;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }
        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "text/csv" or "application/csv" => FeedFormat.Csv,
            "application/json" => FeedFormat.Json,
            _ => null,
        };
    }
}

/// <summary>
/// The upload page's POST. The multipart body is read section by section and the file section is streamed
/// straight into the importer (which spools and hashes it), so nothing here holds the whole file. The form puts
/// the antiforgery token and the feed before the file, as browsers send fields in document order.
/// </summary>
internal static class UploadFeedEndpoint
{
    public const string Route = "/imports/upload";
    public const string FileField = "File";
    public const string FeedField = "Feed";
    private const int MaxFieldLength = 4096;

    public static IEndpointRouteBuilder MapUploadFeed(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, UploadAsync)
            .RequireAuthorization(FeedAccess.WriterPolicy)
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            // The token is validated below, once read from the stream: the middleware would buffer the whole form.
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        ActorAccessor actors, FeedImporter importer, AppDbContext db, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !string.Equals(media.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(media.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Results.BadRequest();
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        string? token = null;
        string? feedText = null;
        var tokenChecked = false;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (!disposition.IsFileDisposition())
            {
                var value = await ReadFieldAsync(section.Body, ct);
                if (name == "__RequestVerificationToken")
                {
                    token = value;
                }
                else if (name == FeedField)
                {
                    feedText = value;
                }
                continue;
            }
            if (name != FileField)
            {
                continue;
            }
            if (!tokenChecked)
            {
                if (!await ValidTokenAsync(http, antiforgery, antiforgeryOptions.Value, token))
                {
                    return Results.BadRequest();
                }
                tokenChecked = true;
            }
            var feed = UploadableFeeds.Parse(feedText);
            var fileName = Path.GetFileName((HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "").Trim());
            if (feed is null)
            {
                return Back("feed", feedText);
            }
            // A browser sends an empty, nameless file part when no file was chosen.
            if (fileName.Length == 0)
            {
                return Back("file", feedText);
            }
            if (UploadableFeeds.FormatOf(fileName, section.ContentType) is not { } format)
            {
                return Back("type", feedText);
            }
            if (fileName.Length > 255)
            {
                fileName = fileName[^255..];
            }
            var actor = await actors.RequireAsync(ct);
            var result = await importer.ImportAsync(feed.Value, format, section.Body, ImportSource.Upload, fileName, actor, ct);
            if (result.Value is { } imported)
            {
                return Results.Redirect($"/imports/{imported.ImportId}?uploaded=1");
            }
            if (result.Kind == ResultKind.Rejected)
            {
                // The importer records a rejected file with its reason; the page shows that record's reason.
                var rejected = await db.Imports.AsNoTracking()
                    .Where(i => i.OrganisationId == actor.OrganisationId && i.SentByUserId == actor.UserId && i.Status == ImportStatus.Rejected && i.Source == ImportSource.Upload)
                    .OrderByDescending(i => i.ReceivedAt).ThenByDescending(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
                return Results.Redirect(QueryHelpers.AddQueryString("/imports/new", new Dictionary<string, string?>
                {
                    ["feed"] = feedText,
                    ["rejected"] = rejected?.ToString(),
                    ["error"] = rejected is null ? "rejected" : null,
                }.Where(kv => kv.Value is not null)));
            }
            return result.Kind == ResultKind.Forbidden ? Results.Redirect("/forbidden") : Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
        if (!await ValidTokenAsync(http, antiforgery, antiforgeryOptions.Value, token))
        {
            return Results.BadRequest();
        }
        return Back(UploadableFeeds.Parse(feedText) is null ? "feed" : "file", feedText);
    }

    /// <summary>
    /// The token came in the body, which is a stream here: hand it to antiforgery as the header it also accepts, so
    /// that validation does not try to read the (already partly read) form.
    /// </summary>
    private static async Task<bool> ValidTokenAsync(HttpContext http, IAntiforgery antiforgery, AntiforgeryOptions options, string? token)
    {
        if (string.IsNullOrEmpty(token) || options.HeaderName is null)
        {
            return false;
        }
        http.Request.Headers[options.HeaderName] = token;
        return await antiforgery.IsRequestValidAsync(http);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[MaxFieldLength];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }

    private static IResult Back(string error, string? feed) =>
        Results.Redirect(QueryHelpers.AddQueryString("/imports/new", new Dictionary<string, string?> { ["error"] = error, ["feed"] = UploadableFeeds.Parse(feed) is null ? null : feed }
            .Where(kv => kv.Value is not null)));
}
