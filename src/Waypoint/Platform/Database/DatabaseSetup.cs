using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Waypoint.Platform.Auditing;

namespace Waypoint.Platform.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses SQLite (the embedded default, a file under data/) or PostgreSQL from configuration.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/waypoint.db";

    public static DatabaseProvider Provider(IConfiguration config) =>
        (config["Database:Provider"] ?? "Sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Database:Provider '{other}' is not known: use Sqlite or Postgres."),
        };

    public static IServiceCollection AddWaypointDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = Provider(config);
        var connection = config.GetConnectionString("Waypoint");
        if (provider == DatabaseProvider.Sqlite)
        {
            var cs = SqliteConnectionString(connection ?? DefaultSqlite, contentRoot);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Waypoint is not set.");
            }
            services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connection));
        }
        return services;
    }

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    public static string SqliteConnectionString(string connection, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

/// <summary>
/// The pragmas every SQLite connection of the app runs with (ADR 0007): write-ahead logging with
/// <c>synchronous=NORMAL</c> (a commit appends to the WAL without an fsync; the WAL is synced at checkpoints, so a
/// power cut may lose the last commits but never corrupts the file), and a page cache of 32 MB instead of 2 MB so
/// that a feed batch's index inserts do not spill dirty pages mid-transaction. <c>journal_mode</c> is stored in the
/// file (set once per data source per process); the other two last as long as the connection.
/// </summary>
public sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    /// <summary>Run on every connection as it opens.</summary>
    public const string PerConnection = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Wal = new(StringComparer.Ordinal);

    private SqlitePragmas()
    {
    }

    /// <summary>Puts the database in WAL mode (once per file per process) and sets the per-connection pragmas.</summary>
    public static void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        var file = connection.DataSource;
        var memory = string.IsNullOrEmpty(file) || file == ":memory:" || connection.ConnectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase);
        command.CommandText = memory || Wal.ContainsKey(file) ? PerConnection : "PRAGMA journal_mode = WAL; " + PerConnection;
        command.ExecuteNonQuery();
        if (!memory)
        {
            Wal.TryAdd(file, true);
        }
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite has no real async I/O: the synchronous call is what the async one would do.
        Apply(connection);
        return Task.CompletedTask;
    }
}

/// <summary>The SQLite flavour: owns Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, AuditScope? audit = null, TimeProvider? clock = null)
    : AppDbContext(options, audit, clock);

/// <summary>The PostgreSQL flavour: owns Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, AuditScope? audit = null, TimeProvider? clock = null)
    : AppDbContext(options, audit, clock);

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=waypoint_design").Options);
}

/// <summary>Serialises appends to the audit chain across processes (PostgreSQL) and within one (both).</summary>
internal static class ChainLocking
{
    // An arbitrary constant naming the audit-chain lock.
    private const long AuditChainLockKey = 0x5741_5950_4F49_4E54;

    public static async Task LockAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", ct);
        }
    }
}
