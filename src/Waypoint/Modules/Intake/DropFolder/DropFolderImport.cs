using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.DropFolder;

/// <summary>Where the drop folder is and how often it is scanned (<c>Waypoint:Intake:DropFolder</c>).</summary>
public sealed class DropFolderOptions
{
    public const string Section = "Waypoint:Intake:DropFolder";

    /// <summary>The root folder; the job is off when empty.</summary>
    public string? Path { get; set; }

    /// <summary>Seconds between passes; 0 or less runs no background pass (passes only on demand, as in tests).</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>A file modified more recently than this may still be being written, and waits for the next pass.</summary>
    public int SettleSeconds { get; set; } = 5;
}

/// <summary>
/// Imports the files police systems drop into a shared folder. The layout, one folder per organisation by its
/// code:
/// <code>
/// &lt;Path&gt;/&lt;ORGCODE&gt;/victims/    *.csv or *.json of the victims and witnesses feed
/// &lt;Path&gt;/&lt;ORGCODE&gt;/events/     *.csv or *.json of the investigation events feed
/// &lt;Path&gt;/&lt;ORGCODE&gt;/processed/  files imported (some rows may be quarantined: see the import history)
/// &lt;Path&gt;/&lt;ORGCODE&gt;/failed/     files rejected as a whole or that could not be read, each with &lt;file&gt;.error.txt
/// </code>
/// Each file is imported as its organisation ("Drop folder", source DropFolder), then moved with a UTC timestamp
/// prefix so that names never clash. Files modified in the last few seconds are left for the next pass. A folder
/// whose name is not an organisation's code is skipped. Logs never carry file content.
/// </summary>
internal sealed class DropFolderImport(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DropFolderOptions> options, ILogger<DropFolderImport> logger) : IDisposable
{
    // Passes never overlap: the job's and one asked for on demand would take the same files.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public static readonly IReadOnlyList<(string Folder, FeedKind Feed)> FeedFolders = [("victims", FeedKind.Victims), ("events", FeedKind.InvestigationEvents)];

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Path);

    /// <summary>One pass over every organisation's folders; returns how many files were taken (imported or failed).</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct)
    {
        if (!Enabled || !Directory.Exists(options.Value.Path))
        {
            return 0;
        }
        await _pass.WaitAsync(ct);
        try
        {
            return await ScanAsync(ct);
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();

    private async Task<int> ScanAsync(CancellationToken ct)
    {
        var taken = 0;
        foreach (var orgFolder in Directory.EnumerateDirectories(options.Value.Path!).Order(StringComparer.Ordinal))
        {
            var code = Organisation.NormaliseCode(System.IO.Path.GetFileName(orgFolder));
            Guid? orgId;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                orgId = await db.Organisations.AsNoTracking().Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
            }
            if (orgId is null)
            {
                logger.LogWarning("Drop folder {Folder} is not the code of an organisation: skipped", System.IO.Path.GetFileName(orgFolder));
                continue;
            }
            foreach (var (folder, feed) in FeedFolders)
            {
                var inbox = System.IO.Path.Combine(orgFolder, folder);
                if (!Directory.Exists(inbox))
                {
                    continue;
                }
                foreach (var file in ReadyFiles(inbox))
                {
                    ct.ThrowIfCancellationRequested();
                    await ImportFileAsync(orgFolder, orgId.Value, feed, file, ct);
                    taken++;
                }
            }
        }
        return taken;
    }

    private List<string> ReadyFiles(string inbox)
    {
        var settled = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.Value.SettleSeconds);
        return Directory.EnumerateFiles(inbox)
            .Where(f => FormatOf(f) is not null && File.GetLastWriteTimeUtc(f) <= settled)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static FeedFormat? FormatOf(string file) => System.IO.Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" => FeedFormat.Csv,
        ".json" => FeedFormat.Json,
        _ => null,
    };

    /// <summary>One file, in its own scope: a failure is logged (without content), the file moved to failed/, and the pass goes on.</summary>
    private async Task ImportFileAsync(string orgFolder, Guid orgId, FeedKind feed, string file, CancellationToken ct)
    {
        var name = System.IO.Path.GetFileName(file);
        string? failure;
        try
        {
            using var scope = scopes.CreateScope();
            var actor = await ActorAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), orgId, ct);
            scope.ServiceProvider.GetRequiredService<AuditScope>().Actor = actor;
            var importer = scope.ServiceProvider.GetRequiredService<FeedImporter>();
            Result<ImportResult> result;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                result = await importer.ImportAsync(feed, FormatOf(file)!.Value, stream, ImportSource.DropFolder, name, actor, ct);
            }
            failure = result.Succeeded ? null : "The file was rejected and nothing was imported: " + result.Reason;
            if (result.Value is { } imported)
            {
                logger.LogInformation("Drop folder import {ImportId}: {Rows} rows, {Quarantined} quarantined", imported.ImportId, imported.RowsRead, imported.Quarantined);
            }
            else
            {
                logger.LogWarning("Drop folder file rejected ({Kind})", result.Kind);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One bad file must never stop the job; it is logged and set aside in failed/.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The exception's type only: its message may quote the file's content.
            logger.LogError("Drop folder import failed with {ExceptionType}", e.GetType().FullName);
            failure = "The file could not be imported because of an error in Waypoint (" + e.GetType().Name + "). Nothing from it was saved unless its import shows in the import history.";
        }
        try
        {
            Move(orgFolder, file, failure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left where it is: the next pass imports it again, which changes nothing (imports are idempotent), and moves it.
            logger.LogError("Drop folder file could not be moved ({ExceptionType})", e.GetType().FullName);
        }
    }

    /// <summary>The organisation, acting through its drop folder: allowed to send feeds, for itself and the forces it has been granted.</summary>
    private async Task<Actor> ActorAsync(AppDbContext db, Guid orgId, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == orgId).Select(o => new { o.Name, o.Code, o.TeamScoped }).SingleAsync(ct);
        var granted = await db.ForceAccessGrants.AsNoTracking().Where(g => g.GranteeOrganisationId == orgId).Select(g => g.ForceOrganisationId).ToListAsync(ct);
        return new Actor
        {
            UserId = null,
            Name = "Drop folder",
            OrganisationId = orgId,
            OrganisationName = org.Name,
            OrganisationCode = org.Code,
            OrganisationTeamScoped = org.TeamScoped,
            GrantedForceIds = granted,
            Permissions = new HashSet<string>(StringComparer.Ordinal) { Permissions.FeedsWrite },
            Now = clock.GetUtcNow().UtcDateTime,
            Channel = "system",
        };
    }

    private void Move(string orgFolder, string file, string? failure)
    {
        var target = System.IO.Path.Combine(orgFolder, failure is null ? "processed" : "failed");
        Directory.CreateDirectory(target);
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var baseName = $"{stamp}-{System.IO.Path.GetFileName(file)}";
        var destination = System.IO.Path.Combine(target, baseName);
        for (var n = 2; File.Exists(destination); n++)
        {
            destination = System.IO.Path.Combine(target, $"{stamp}-{n}-{System.IO.Path.GetFileName(file)}");
        }
        File.Move(file, destination);
        if (failure is not null)
        {
            File.WriteAllText(destination + ".error.txt", failure + Environment.NewLine);
        }
    }
}

/// <summary>Scans the drop folder at start and then every <see cref="DropFolderOptions.IntervalSeconds"/>; off when no path is set or the interval is 0.</summary>
internal sealed class DropFolderJob(DropFolderImport dropFolder, Microsoft.Extensions.Options.IOptions<DropFolderOptions> options, ILogger<DropFolderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!dropFolder.Enabled || options.Value.IntervalSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds));
        do
        {
            try
            {
                await dropFolder.ScanOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The folder may be briefly unreachable (a network share): try again next time.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError("Drop folder scan failed with {ExceptionType}", e.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
