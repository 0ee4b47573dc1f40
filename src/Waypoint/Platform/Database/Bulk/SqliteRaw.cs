using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Waypoint.Platform.Database.Bulk;

/// <summary>
/// The SQLite side of <see cref="BulkWriter"/>: multi-row INSERT statements prepared once per table and size, every
/// value bound by position through SQLite's own API (SQLitePCLRaw, which Microsoft.Data.Sqlite itself runs on), in
/// the connection's open transaction. Microsoft.Data.Sqlite binds each parameter by name on every execution (a
/// search through the statement's parameters, a UTF-8 copy of the name); by position there is none of that, so a
/// statement of many rows costs less per row than one of one row.
/// Values are written exactly as Microsoft.Data.Sqlite writes them for EF's default SQLite mappings (Guid as upper
/// case text, DateTime as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, DateOnly as <c>yyyy-MM-dd</c>, bool as 0/1...), so
/// EF's queries, comparisons and sorting find the rows as if SaveChanges had written them. A column of any other
/// type (or a non-default store type) sends its table down the general path.
/// </summary>
internal static class SqliteRaw
{
    /// <summary>Rows per statement: SQLite binds at most 32,766 parameters; past a few dozen rows the gain is gone.</summary>
    private const int RowsPerStatement = 32;
    private const int MaxParameters = 32_766;

    /// <summary>Binds one column's value of an entity to a statement's parameter (numbered from 1).</summary>
    internal delegate void Binder(sqlite3_stmt statement, int index, object? value);

    public static Binder[]? BindersFor(IReadOnlyList<BulkWriter.BulkColumn> columns)
    {
        var binders = new Binder[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var mapping = columns[i].Mapping;
            var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            var store = mapping.StoreTypeNameBase.ToUpperInvariant();
            Binder? binder = type switch
            {
                _ when type == typeof(string) => BindString,
                _ when type == typeof(Guid) && store == "TEXT" => BindGuid,
                _ when type == typeof(DateTime) && store == "TEXT" => BindDateTime,
                _ when type == typeof(DateOnly) && store == "TEXT" => BindDateOnly,
                _ when type == typeof(int) => (s, p, v) => Check(raw.sqlite3_bind_int64(s, p, (int)v!)),
                _ when type == typeof(long) => (s, p, v) => Check(raw.sqlite3_bind_int64(s, p, (long)v!)),
                _ when type == typeof(short) => (s, p, v) => Check(raw.sqlite3_bind_int64(s, p, (short)v!)),
                _ when type == typeof(byte) => (s, p, v) => Check(raw.sqlite3_bind_int64(s, p, (byte)v!)),
                _ when type == typeof(bool) => (s, p, v) => Check(raw.sqlite3_bind_int64(s, p, (bool)v! ? 1 : 0)),
                _ when type == typeof(double) => (s, p, v) => Check(raw.sqlite3_bind_double(s, p, (double)v!)),
                _ when type == typeof(byte[]) => (s, p, v) => Check(raw.sqlite3_bind_blob(s, p, (byte[])v!)),
                _ => null,
            };
            if (binder is null)
            {
                return null;
            }
            binders[i] = binder;
        }
        return binders;
    }

    public static void Insert(SqliteConnection connection, BulkWriter.BulkTable table, Binder[] binders, IReadOnlyList<object> entities, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var columns = table.Columns;
        var perStatement = Math.Clamp(MaxParameters / columns.Length, 1, RowsPerStatement);
        sqlite3_stmt? full = null;
        try
        {
            for (var offset = 0; offset < entities.Count; offset += perStatement)
            {
                ct.ThrowIfCancellationRequested();
                var rows = Math.Min(perStatement, entities.Count - offset);
                var statement = rows == perStatement ? full ??= Prepare(db, table, rows) : Prepare(db, table, rows);
                try
                {
                    var p = 1;
                    for (var r = 0; r < rows; r++)
                    {
                        var entity = entities[offset + r];
                        for (var c = 0; c < columns.Length; c++, p++)
                        {
                            if (columns[c].ProviderValue(entity) is { } value)
                            {
                                binders[c](statement, p, value);
                            }
                            else
                            {
                                Check(raw.sqlite3_bind_null(statement, p));
                            }
                        }
                    }
                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE)
                    {
                        throw Error(db, rc);
                    }
                }
                finally
                {
                    raw.sqlite3_reset(statement);
                    if (statement != full)
                    {
                        statement.Dispose();
                    }
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, BulkWriter.BulkTable table, int rows)
    {
        var one = "(" + string.Join(", ", Enumerable.Repeat("?", table.Columns.Length)) + ")";
        var sql = table.InsertInto + " VALUES " + string.Join(", ", Enumerable.Repeat(one, rows));
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(db, rc);
        }
        return statement;
    }

    private static SqliteException Error(sqlite3 db, int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(db));

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc}: binding a value failed.", rc);
        }
    }

    private static void BindString(sqlite3_stmt s, int p, object? v)
    {
        var text = (string)v!;
        // An empty span has no pointer, which SQLite would take for NULL.
        Check(text.Length == 0 ? raw.sqlite3_bind_text(s, p, string.Empty) : raw.sqlite3_bind_text16(s, p, text.AsSpan()));
    }

    private static void BindGuid(sqlite3_stmt s, int p, object? v)
    {
        // As Microsoft.Data.Sqlite does: guid.ToString().ToUpperInvariant().
        Span<char> text = stackalloc char[36];
        ((Guid)v!).TryFormat(text, out _, "D");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is >= 'a' and <= 'f')
            {
                text[i] = (char)(text[i] - 32);
            }
        }
        Check(raw.sqlite3_bind_text16(s, p, text));
    }

    private static void BindDateTime(sqlite3_stmt s, int p, object? v)
    {
        Span<char> text = stackalloc char[40];
        ((DateTime)v!).TryFormat(text, out var n, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text16(s, p, text[..n]));
    }

    private static void BindDateOnly(sqlite3_stmt s, int p, object? v)
    {
        Span<char> text = stackalloc char[16];
        ((DateOnly)v!).TryFormat(text, out var n, @"yyyy\-MM\-dd", CultureInfo.InvariantCulture);
        Check(raw.sqlite3_bind_text16(s, p, text[..n]));
    }
}
