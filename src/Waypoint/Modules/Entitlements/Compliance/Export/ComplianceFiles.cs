using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;

namespace Waypoint.Modules.Entitlements.Compliance.Export;

/// <summary>A table to hand out as a file: its columns, its rows (read lazily), and lines saying what it is.</summary>
public sealed record ExportTable(
    string BaseName,
    string SheetName,
    IReadOnlyList<string> Header,
    IAsyncEnumerable<object?[]> Rows,
    IReadOnlyList<(string Name, string Value)> About);

/// <summary>
/// Writes an <see cref="ExportTable"/> as CSV (CsvHelper, streamed, spreadsheet formulas neutralised) or as an Excel
/// workbook (ClosedXML: the table on its own sheet with typed numbers and dates, and an "About" sheet).
/// </summary>
internal static class ComplianceFiles
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryFormat(string? format, out string normalised)
    {
        normalised = (format ?? "csv").Trim().ToLowerInvariant();
        return normalised is "csv" or "xlsx";
    }

    public static async Task<IResult> FileAsync(ExportTable table, string format, CancellationToken ct) => format == "xlsx"
        ? TypedResults.File(await XlsxAsync(table, ct), XlsxContentType, $"{table.BaseName}.xlsx")
        : TypedResults.Stream(body => WriteCsvAsync(body, table, ct), CsvContentType, $"{table.BaseName}.csv");

    public static async Task WriteCsvAsync(Stream body, ExportTable table, CancellationToken ct)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        csv.WriteHeader([.. table.Header]);
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            foreach (var value in row)
            {
                csv.WriteField(Text(value));
            }
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    public static async Task<byte[]> XlsxAsync(ExportTable table, CancellationToken ct)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(table.SheetName);
        for (var c = 0; c < table.Header.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(table.Header[c]);
        }
        sheet.Row(1).Style.Font.Bold = true;
        var r = 2;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            for (var c = 0; c < row.Length; c++)
            {
                Set(sheet.Cell(r, c + 1), row[c]);
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        for (var c = 1; c <= table.Header.Count; c++)
        {
            sheet.Column(c).Width = Math.Clamp(table.Header[c - 1].Length + 4, 12, 60);
        }

        var about = workbook.Worksheets.Add("About");
        for (var i = 0; i < table.About.Count; i++)
        {
            Set(about.Cell(i + 1, 1), table.About[i].Name);
            Set(about.Cell(i + 1, 2), table.About[i].Value);
        }
        about.Column(1).Style.Font.Bold = true;
        about.Column(1).Width = 28;
        about.Column(2).Width = 100;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case int i:
                cell.SetValue(i);
                break;
            case decimal d:
                cell.SetValue(d);
                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                break;
            default:
                // Typed as text, so a value starting with "=" is shown, never run as a formula.
                cell.SetValue(Text(value));
                cell.DataType = XLDataType.Text;
                break;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
