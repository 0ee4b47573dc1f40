using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Waypoint.Benchmarks;

/// <summary>
/// The fastest the database can take the same rows, for comparison with the real import in the same run: the file is
/// parsed by the same CSV reader as the import (the caller hands its rows in) and every field written to a plain table with no keys, no validation, no matching,
/// no audit. SQLite: a prepared INSERT loop in one transaction, with the app's connection pragmas. PostgreSQL: binary COPY.
/// </summary>
public static class RawCeiling
{
    private static readonly string Table = "bench_raw_victims";

    public static async Task<int> SqliteAsync(string connectionString, IAsyncEnumerable<IReadOnlyList<string>> rows)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // The app's pragmas (WAL, synchronous=NORMAL, 32 MB page cache: ADR 0007), so the comparison is like for like.
        Waypoint.Platform.Database.SqlitePragmas.Apply(connection);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} ({string.Join(", ", VictimFeedGenerator.Columns.Select(c => c + " TEXT"))})";
            create.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {Table} VALUES ({string.Join(", ", VictimFeedGenerator.Columns.Select((_, i) => "$p" + i))})";
        var parameters = VictimFeedGenerator.Columns.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        insert.Prepare();
        var count = 0;
        await foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i];
            }
            insert.ExecuteNonQuery();
            count++;
        }
        tx.Commit();
        return count;
    }

    public static async Task<int> PostgresAsync(string connectionString, IAsyncEnumerable<IReadOnlyList<string>> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} ({string.Join(", ", VictimFeedGenerator.Columns.Select(c => c + " text"))})";
            await create.ExecuteNonQueryAsync();
        }
        var count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {Table} FROM STDIN (FORMAT BINARY)"))
        {
            await foreach (var row in rows)
            {
                await copy.StartRowAsync();
                foreach (var field in row)
                {
                    await copy.WriteAsync(field, NpgsqlDbType.Text);
                }
                count++;
            }
            await copy.CompleteAsync();
        }
        return count;
    }
}
