using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.DropFolder;
using static Waypoint.IntegrationTests.Intake.ImportsUi.ImportSteps;

namespace Waypoint.IntegrationTests.Intake.ImportsUi;

/// <summary>Waypoint with a drop folder in a temporary directory and no background passes: tests run one pass at a time.</summary>
public sealed class DropFolderApp : WaypointApp
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "waypoint-drop-" + Guid.NewGuid().ToString("N")[..8]);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Waypoint:Intake:DropFolder:Path"] = Root,
        ["Waypoint:Intake:DropFolder:IntervalSeconds"] = "0",
    };

    public override async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}

public sealed class DropFolderTests(DropFolderApp app) : IClassFixture<DropFolderApp>
{
    /// <summary>Writes a file into an organisation's feed folder, old enough to be taken (not still being written).</summary>
    private string Drop(string orgCode, string folder, string name, string content, bool settled = true)
    {
        var directory = Path.Combine(app.Root, orgCode, folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        if (settled)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        }
        return path;
    }

    private string[] FilesIn(string orgCode, string folder) =>
        Directory.Exists(Path.Combine(app.Root, orgCode, folder)) ? Directory.GetFiles(Path.Combine(app.Root, orgCode, folder)).Select(f => Path.GetFileName(f)).ToArray() : [];

    [Fact]
    public async Task A_pass_imports_a_dropped_file_as_the_organisation_and_moves_it_to_processed()
    {
        var force = await app.Data.OrganisationAsync();
        var dropped = Drop(force.Code, "victims", "cohort.csv", VictimsCsv(force));

        var taken = await app.Service<DropFolderImport>().ScanOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, taken);
        Assert.False(File.Exists(dropped));
        var processed = Assert.Single(FilesIn(force.Code, "processed"));
        Assert.EndsWith("-cohort.csv", processed, StringComparison.Ordinal);
        Assert.Empty(FilesIn(force.Code, "failed"));
        var import = await app.Data.QueryAsync(db => db.Imports.SingleAsync(i => i.OrganisationId == force.Id));
        Assert.Equal(ImportSource.DropFolder, import.Source);
        Assert.Equal("Drop folder", import.SentBy);
        Assert.Equal("cohort.csv", import.FileName);
        Assert.Equal((4, 3, 1), (import.RowsRead, import.Created, import.Quarantined));
        Assert.Equal(3, await app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.OrganisationId == force.Id)));

        // The same name dropped again never overwrites the processed one.
        Drop(force.Code, "victims", "cohort.csv", VictimsCsv(force, badRow: false));
        await app.Service<DropFolderImport>().ScanOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, FilesIn(force.Code, "processed").Length);
    }

    [Fact]
    public async Task A_rejected_file_goes_to_failed_with_an_error_file_and_the_pass_goes_on()
    {
        var force = await app.Data.OrganisationAsync();
        Drop(force.Code, "victims", "a-bad.csv", "force_code,crime_reference\nXX,1\n");
        Drop(force.Code, "events", "b-events.json",
            $$"""[{ "force_code": "{{force.Code}}", "crime_reference": "{{force.Code}}/26/NOTYET", "event_id": "E1", "event_type": "suspect_arrested", "event_at": "2026-11-20T10:00" }]""");

        var taken = await app.Service<DropFolderImport>().ScanOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, taken);
        Assert.Empty(FilesIn(force.Code, "victims"));
        var failed = FilesIn(force.Code, "failed");
        Assert.Equal(2, failed.Length);
        var moved = Assert.Single(failed, f => f.EndsWith("-a-bad.csv", StringComparison.Ordinal));
        var error = await File.ReadAllTextAsync(Path.Combine(app.Root, force.Code, "failed", moved + ".error.txt"), TestContext.Current.CancellationToken);
        Assert.Contains("rejected", error, StringComparison.Ordinal);
        Assert.Contains("person_reference", error, StringComparison.Ordinal);
        Assert.Single(FilesIn(force.Code, "processed"), f => f.EndsWith("-b-events.json", StringComparison.Ordinal));
        var imports = await app.Data.QueryAsync(db => db.Imports.Where(i => i.OrganisationId == force.Id).Select(i => new { i.Status, i.Feed }).ToListAsync());
        Assert.Contains(imports, i => i is { Status: ImportStatus.Rejected, Feed: FeedKind.Victims });
        Assert.Contains(imports, i => i is { Status: ImportStatus.Completed, Feed: FeedKind.InvestigationEvents });
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.OrganisationId == force.Id)));
    }

    [Fact]
    public async Task A_file_still_being_written_and_a_folder_of_no_organisation_are_left_alone()
    {
        var force = await app.Data.OrganisationAsync();
        var fresh = Drop(force.Code, "victims", "arriving.csv", VictimsCsv(force), settled: false);
        var stranger = Drop("NOSUCHORG", "victims", "cohort.csv", "force_code\n");
        var notAFeed = Drop(force.Code, "victims", "readme.txt", "notes");

        await app.Service<DropFolderImport>().ScanOnceAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(stranger));
        Assert.True(File.Exists(notAFeed));
        Assert.Equal(0, await app.Data.QueryAsync(db => db.Imports.CountAsync(i => i.OrganisationId == force.Id)));
    }
}
