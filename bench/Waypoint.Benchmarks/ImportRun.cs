using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Benchmarks;

/// <summary>
/// End-to-end import of a synthetic victims feed, next to the raw ceiling for the same rows on the same database in the
/// same process. Not BenchmarkDotNet: one import of 100,000 rows is seconds of work, measured once per database, on a
/// fresh database each time.
/// <code>
/// dotnet run -c Release --project bench/Waypoint.Benchmarks -- import [--rows 100000] [--provider sqlite|postgres|both] [--pg "Host=..."]
/// dotnet run -c Release --project bench/Waypoint.Benchmarks -- import-memory [--rows 1000000]
/// </code>
/// </summary>
public static class ImportRun
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=waypoint;Password=waypoint;Database=postgres";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var rows = int.Parse(Arg("--rows") ?? (args[0] == "import-memory" ? "1000000" : "100000"), System.Globalization.CultureInfo.InvariantCulture);
        var provider = Arg("--provider") ?? (args[0] == "import-memory" ? "sqlite" : "both");
        var pg = Arg("--pg") ?? Environment.GetEnvironmentVariable("WAYPOINT_TEST_PG") ?? DefaultPostgres;
        var file = await GenerateAsync(rows);
        Console.WriteLine($"Feed: {rows:N0} rows, {new FileInfo(file).Length / 1024 / 1024:N0} MB ({file})");

        if (args[0] == "import-memory")
        {
            var before = Process.GetCurrentProcess().PeakWorkingSet64;
            var result = await ImportAsync("Sqlite", SqliteConnection(), file);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine($"Imported {rows:N0} rows on SQLite in {result.Elapsed.TotalSeconds:N1} s ({rows / result.Elapsed.TotalSeconds:N0} rows/s).");
            Console.WriteLine($"Peak working set of the whole process: {process.PeakWorkingSet64 / 1024 / 1024:N0} MB (before the import: {before / 1024 / 1024:N0} MB); " +
                              $"largest managed heap: {GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1024 / 1024:N0} MB at the last GC.");
            Console.WriteLine($"Result: {result.Summary}");
            return 0;
        }

        Console.WriteLine();
        Console.WriteLine("| database | rows | raw ceiling rows/s | Waypoint import rows/s | import / ceiling | import time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in provider == "both" ? new[] { "Sqlite", "Postgres" } : [provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite"])
        {
            var connection = p == "Sqlite" ? SqliteConnection() : await PostgresDatabaseAsync(pg);
            var ceiling = await CeilingAsync(p, connection, file);
            var import = await ImportAsync(p, connection, file);
            var importRate = rows / import.Elapsed.TotalSeconds;
            Console.WriteLine($"| {p} | {rows:N0} | {rows / ceiling.TotalSeconds:N0} | {importRate:N0} | {importRate / (rows / ceiling.TotalSeconds):P0} | {import.Elapsed.TotalSeconds:N2} s |");
            Console.Error.WriteLine($"  {p}: {import.Summary}");
        }
        return 0;
    }

    private static async Task<string> GenerateAsync(int rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"waypoint-victims-{rows}.csv");
        if (!File.Exists(file))
        {
            await using var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false));
            VictimFeedGenerator.Write(writer, rows, "NS");
        }
        return file;
    }

    private static string SqliteConnection() =>
        DatabaseSetup.SqliteConnectionString($"Data Source={Path.Combine(Path.GetTempPath(), $"waypoint-import-bench-{Guid.NewGuid():N}.db")}", Path.GetTempPath());

    private static async Task<string> PostgresDatabaseAsync(string server)
    {
        var name = "wp_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    private static async Task<TimeSpan> CeilingAsync(string provider, string connection, string file)
    {
        var clock = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        var rows = ReadRows(stream);
        var count = provider == "Sqlite" ? await RawCeiling.SqliteAsync(connection, rows) : await RawCeiling.PostgresAsync(connection, rows);
        clock.Stop();
        Console.Error.WriteLine($"  {provider}: ceiling wrote {count:N0} rows in {clock.Elapsed.TotalSeconds:N2} s");
        return clock.Elapsed;
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> ReadRows(Stream stream)
    {
        await foreach (var row in FeedReader.ReadAsync(stream, FeedFormat.Csv, FeedSchema.Victims, new List<string>(), CancellationToken.None))
        {
            yield return VictimFeedGenerator.Columns.Select(c => row.Fields.GetValueOrDefault(c) ?? "").ToArray();
        }
    }

    private sealed record ImportOutcome(TimeSpan Elapsed, string Summary);

    private static async Task<ImportOutcome> ImportAsync(string provider, string connection, string file)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration["Database:Provider"] = provider;
        builder.Configuration["ConnectionStrings:Waypoint"] = connection;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        // The first migration probes a history table that does not exist yet; EF logs that as an error.
        builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
        builder.AddWaypoint();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync();

        Guid orgId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = new Organisation("NS", "Northshire Police", OrganisationType.PoliceForce, DateTime.UtcNow);
            db.Organisations.Add(org);
            await db.SaveChangesAsync();
            orgId = org.Id;
        }

        using var importScope = app.Services.CreateScope();
        var actor = new Actor
        {
            UserId = null,
            ApiClientId = Guid.CreateVersion7(),
            Name = "Benchmark records system",
            OrganisationId = orgId,
            OrganisationName = "Northshire Police",
            OrganisationCode = "NS",
            Permissions = new HashSet<string> { Permissions.FeedsWrite, Permissions.CasesRead, Permissions.CasesWrite },
            Now = DateTime.UtcNow,
            Channel = "api",
        };
        importScope.ServiceProvider.GetRequiredService<Waypoint.Platform.Auditing.AuditScope>().Actor = actor;
        var importer = importScope.ServiceProvider.GetRequiredService<FeedImporter>();
        var clock = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        var result = await importer.ImportAsync(FeedKind.Victims, FeedFormat.Csv, stream, ImportSource.Api, Path.GetFileName(file), actor, CancellationToken.None);
        clock.Stop();
        var r = result.Value ?? throw new InvalidOperationException("The import was refused: " + result.Reason);
        var check = importScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cases = await check.Cases.CountAsync();
        return new ImportOutcome(clock.Elapsed, $"read {r.RowsRead:N0}, created {r.Created:N0}, updated {r.Updated:N0}, unchanged {r.Unchanged:N0}, quarantined {r.Quarantined:N0}; {cases:N0} cases stored");
    }
}
