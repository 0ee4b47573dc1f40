using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.ImportHistory;

/// <summary>An import as its page shows it: the engine's detail plus how it arrived.</summary>
public sealed record ImportView(ImportDetail Detail, ImportSource Source, string? FileName, DateTime? CompletedAt);

/// <summary>One import of the actor's organisation (the engine's <see cref="GetImportHandler"/>, which logs reading its rows), with its source and file name.</summary>
internal sealed class ViewImportHandler(AppDbContext db, GetImportHandler get)
{
    public async Task<Result<ImportView>> HandleAsync(Guid importId, Actor actor, CancellationToken ct)
    {
        var result = await get.HandleAsync(importId, actor, ct);
        if (result.Value is not { } detail)
        {
            return Result<ImportView>.From(result);
        }
        var arrival = await db.Imports.AsNoTracking().Where(i => i.Id == importId && i.OrganisationId == actor.OrganisationId)
            .Select(i => new { i.Source, i.FileName, i.CompletedAt }).SingleAsync(ct);
        return Result<ImportView>.Ok(new ImportView(detail, arrival.Source, arrival.FileName, arrival.CompletedAt));
    }
}
