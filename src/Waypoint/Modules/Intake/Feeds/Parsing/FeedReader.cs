using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;

namespace Waypoint.Modules.Intake.Feeds.Parsing;

/// <summary>
/// Streams the rows of a CSV (RFC 4180, UTF-8, optional BOM, header required, any column order, names
/// case-insensitive) or JSON (an array of objects) feed. File-level problems throw <see cref="FeedFileException"/>;
/// unknown columns are added to <c>warnings</c> once each.
/// </summary>
internal static class FeedReader
{
    public static IAsyncEnumerable<FeedRow> ReadAsync(Stream content, FeedFormat format, FeedSchema schema, ICollection<string> warnings, CancellationToken ct) =>
        format == FeedFormat.Csv ? ReadCsvAsync(content, schema, warnings, ct) : ReadJsonAsync(content, schema, warnings, ct);

    private static readonly CsvReaderOptions CsvOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        IncludeValuesInExceptions = false,
    };

    private static async IAsyncEnumerable<FeedRow> ReadCsvAsync(Stream content, FeedSchema schema, ICollection<string> warnings, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var csv = CsvReader.Create(content, CsvOptions, leaveOpen: true);
        await Guard(async () =>
        {
            await csv.ReadHeaderAsync(ct);
            return true;
        }, 0);
        var names = csv.Headers.Select(h => h.Trim()).ToArray();
        if (names.Length == 0 || names.All(n => n.Length == 0))
        {
            throw new FeedFileException("The file is empty: a header row naming the columns is required.");
        }
        CheckColumns(names, schema, warnings);

        var number = 0;
        while (await Guard(() => csv.ReadAsync(ct).AsTask(), number + 1))
        {
            number++;
            var count = csv.FieldCount;
            var fields = new Dictionary<string, string?>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length && i < count; i++)
            {
                fields[names[i]] = csv.GetString(i);
            }
            var shape = count == names.Length ? null : $"the row has {count} fields but the header has {names.Length} columns";
            yield return new FeedRow(number, fields, shape);
        }
    }

    private static async Task<bool> Guard(Func<Task<bool>> read, int row)
    {
        try
        {
            return await read();
        }
        catch (CsvFormatException e)
        {
            throw new FeedFileException($"The file is not valid CSV at data row {row}: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    private static async IAsyncEnumerable<FeedRow> ReadJsonAsync(Stream content, FeedSchema schema, ICollection<string> warnings, [EnumeratorCancellation] CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        var rows = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(content, cancellationToken: ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (JsonException e)
                {
                    throw new FeedFileException(number == 0 && e.LineNumber == 0 && e.BytePositionInLine <= 1
                        ? "The body is not a JSON array of rows."
                        : $"The body is not valid JSON after data row {number}: {e.Message.Split(". Path")[0]}");
                }
                number++;
                var element = rows.Current;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    yield return new FeedRow(number, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase), $"row {number} is not a JSON object");
                    continue;
                }
                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    fields[property.Name] = Text(property.Value);
                }
                if (number == 1)
                {
                    CheckColumns([.. fields.Keys], schema, warnings, seen);
                }
                else
                {
                    foreach (var name in fields.Keys.Where(n => !schema.Known.Contains(n) && seen.Add(n)))
                    {
                        warnings.Add($"unknown column '{name}' ignored");
                    }
                }
                yield return new FeedRow(number, fields);
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(';', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    private static void CheckColumns(string[] names, FeedSchema schema, ICollection<string> warnings, HashSet<string>? seen = null)
    {
        seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!all.Add(name))
            {
                throw new FeedFileException($"column '{name}' appears more than once.");
            }
            if (!schema.Known.Contains(name) && seen.Add(name))
            {
                warnings.Add($"unknown column '{name}' ignored");
            }
        }
        var missing = schema.Required.Where(r => !all.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new FeedFileException(missing.Count == 1
                ? $"required column '{missing[0]}' is missing: nothing was imported."
                : $"required columns {string.Join(", ", missing.Select(m => $"'{m}'"))} are missing: nothing was imported.");
        }
    }
}
