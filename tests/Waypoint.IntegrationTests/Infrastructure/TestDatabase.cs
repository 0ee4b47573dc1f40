using Npgsql;

namespace Waypoint.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, real database per test fixture: a SQLite file, or a new PostgreSQL database on the server the
/// test command started. Which one comes from WAYPOINT_TEST_DB (sqlite, the default, or postgres).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgres => Provider == "Postgres";

    public static string ProviderFromEnvironment =>
        (Environment.GetEnvironmentVariable("WAYPOINT_TEST_DB") ?? "sqlite").Trim().ToLowerInvariant() is "postgres" or "postgresql" ? "Postgres" : "Sqlite";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("WAYPOINT_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=waypoint;Password=waypoint;Database=postgres";

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "wp_test_" + Guid.NewGuid().ToString("N")[..16];
        if (ProviderFromEnvironment == "Postgres")
        {
            await using (var admin = new NpgsqlConnection(PostgresServer))
            {
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await cmd.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true };
            return new TestDatabase("Postgres", builder.ToString(), null, name);
        }
        var file = Path.Combine(Path.GetTempPath(), "waypoint-tests", name + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new TestDatabase("Sqlite", $"Data Source={file}", file, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // A file still held open is removed with the temp folder later.
                }
            }
        }
    }
}
