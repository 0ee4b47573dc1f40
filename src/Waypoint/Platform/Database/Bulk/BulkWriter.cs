using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Waypoint.Platform.Database.Bulk;

/// <summary>
/// Inserts new entities of any EF-mapped type straight into their table, in the context's current transaction,
/// without the change tracker: prepared INSERT statements on SQLite, binary COPY on PostgreSQL. Table, columns,
/// value converters (enums as strings, UTC DateTime) and store types all come from the EF model, so a new entity
/// type needs no code here. Nothing is audited here: <see cref="AppDbContext.SaveChangesAsync(BulkBatch, CancellationToken)"/>
/// does that. A failed insert (a unique index, a foreign key) is thrown as a <see cref="DbUpdateException"/>, as
/// SaveChanges would, and leaves the transaction for the caller to roll back.
/// </summary>
internal static class BulkWriter
{
    private static readonly ConcurrentDictionary<IEntityType, BulkTable> Tables = new();

    public static async Task InsertAsync(AppDbContext db, Type clrType, IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (entities.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A bulk insert runs inside the context's transaction: begin one first.");
        var entityType = db.Model.FindEntityType(clrType)
            ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type of the model.");
        var table = Tables.GetOrAdd(entityType, t => BulkTable.For(t, db.GetService<ISqlGenerationHelper>()));
        try
        {
            if (db.Database.IsNpgsql())
            {
                await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), table, entities, ct);
            }
            else
            {
                await InsertRowsAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), table, entities, ct);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"A bulk insert into {table.Name} failed: {e.Message}", e);
        }
    }

    public static Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> entities, CancellationToken ct) where T : class =>
        InsertAsync(db, typeof(T), entities.Cast<object>().ToList(), ct);

    private static Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, BulkTable table, IReadOnlyList<object> entities, CancellationToken ct)
    {
        if (table.SqliteBinders is { } binders && connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            SqliteRaw.Insert(sqlite, table, binders, entities, ct);
            return Task.CompletedTask;
        }
        return InsertRowsByNameAsync(connection, transaction, table, entities, ct);
    }

    /// <summary>The general path, through Microsoft.Data.Sqlite's parameters (a column of a type the raw binder does not know).</summary>
    private static async Task InsertRowsByNameAsync(DbConnection connection, DbTransaction transaction, BulkTable table, IReadOnlyList<object> entities, CancellationToken ct)
    {
        var columns = table.Columns;
        const int perStatement = 1;
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < entities.Count; offset += perStatement)
            {
                var rows = Math.Min(perStatement, entities.Count - offset);
                var command = rows == perStatement ? full ??= Prepare(connection, transaction, table, rows) : Prepare(connection, transaction, table, rows);
                var p = 0;
                for (var r = 0; r < rows; r++)
                {
                    var entity = entities[offset + r];
                    foreach (var column in columns)
                    {
                        command.Parameters[p++].Value = column.ProviderValue(entity) ?? DBNull.Value;
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, BulkTable table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(table.InsertInto).Append(" VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Length; c++)
            {
                var column = table.Columns[c];
                var name = "@p" + p++;
                sql.Append(c == 0 ? "" : ", ").Append(name);
                // The provider's own mapping makes the parameter (its DbType, SqliteType...), exactly as SaveChanges would.
                command.Parameters.Add(column.Mapping.CreateParameter(command, name, null, column.Nullable));
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, BulkTable table, IReadOnlyList<object> entities, CancellationToken ct)
    {
        // COPY runs on the connection, so inside the transaction already open on it.
        await using var copy = await connection.BeginBinaryImportAsync($"{table.CopyFrom} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var entity in entities)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                if (column.ProviderValue(entity) is { } value)
                {
                    await copy.WriteAsync(value, column.DataTypeName, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>One entity type's table and columns, read once from the model.</summary>
    internal sealed class BulkTable
    {
        public required string Name { get; init; }
        public required string InsertInto { get; init; }
        public required string CopyFrom { get; init; }
        public required BulkColumn[] Columns { get; init; }

        /// <summary>How each column binds on SQLite's raw API, by position; null when a column's type is not one it knows.</summary>
        public SqliteRaw.Binder[]? SqliteBinders { get; init; }

        public static BulkTable For(IEntityType type, ISqlGenerationHelper sql)
        {
            if (type.IsOwned() || type.GetDirectlyDerivedTypes().Any() || type.BaseType is not null || type.GetComplexProperties().Any())
            {
                throw new NotSupportedException($"{type.DisplayName()}: bulk insert supports plain entity types (no owned, complex or inherited types).");
            }
            var name = type.GetTableName() ?? throw new NotSupportedException($"{type.DisplayName()} is not mapped to a table.");
            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var columns = new List<BulkColumn>();
            foreach (var property in type.GetProperties())
            {
                if (property.GetComputedColumnSql() is not null)
                {
                    continue;
                }
                if (property.IsShadowProperty() || (property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && property.IsPrimaryKey()))
                {
                    throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: bulk insert needs every value set by the application.");
                }
                var mapping = (RelationalTypeMapping)(property.FindRelationalTypeMapping(store) ?? property.GetTypeMapping());
                var getter = property.GetGetter();
                var converter = mapping.Converter;
                columns.Add(new BulkColumn(
                    property.GetColumnName(store) ?? property.Name,
                    mapping,
                    property.IsNullable,
                    mapping.StoreTypeNameBase,
                    converter is null ? getter.GetClrValueUsingContainingEntity : e => Convert(converter, getter.GetClrValueUsingContainingEntity(e))));
            }
            var table = sql.DelimitIdentifier(name, type.GetSchema());
            var list = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            return new BulkTable
            {
                Name = name,
                InsertInto = $"INSERT INTO {table} ({list})",
                CopyFrom = $"COPY {table} ({list})",
                Columns = [.. columns],
                SqliteBinders = SqliteRaw.BindersFor(columns),
            };
        }

        private static object? Convert(ValueConverter converter, object? value) => value is null ? null : converter.ConvertToProvider(value);
    }

    /// <summary>A column, its provider type mapping, and its value as the database stores it (read through the property's converter).</summary>
    internal sealed record BulkColumn(string Name, RelationalTypeMapping Mapping, bool Nullable, string DataTypeName, Func<object, object?> ProviderValue);
}
