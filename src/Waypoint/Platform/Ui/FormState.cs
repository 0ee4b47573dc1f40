using System.Globalization;
using Waypoint.Platform.Calendar;

namespace Waypoint.Platform.Ui;

/// <summary>
/// A form's errors, keyed by field id (the request's property name), in the order they were found.
/// Pages fill it from parsing and from a handler's Result; the Gov* components read their own field's error.
/// </summary>
public sealed class FormState
{
    private readonly List<(string Field, string Message)> _errors = [];

    public string? Summary { get; set; }

    public bool HasErrors => _errors.Count > 0 || Summary is not null;

    public IReadOnlyList<(string Field, string Message)> Errors => _errors;

    public void Add(string field, string message) => _errors.Add((field, message));

    public string? ErrorFor(string field) => _errors.FirstOrDefault(e => e.Field == field).Message;

    public void Clear()
    {
        _errors.Clear();
        Summary = null;
    }

    /// <summary>Takes a refused Result's reasons: field errors beside their fields, anything else as the summary.</summary>
    public void From(Http.Result result)
    {
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
        if (result.Errors.Count == 0)
        {
            Summary = result.Reason;
        }
    }

    private static readonly string[] DateFormats = ["d/M/yyyy", "d/M/yy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d M yyyy"];

    /// <summary>Reads a date typed as 27/3/2007 (or ISO); a bad one becomes an error naming the field.</summary>
    public DateOnly? Date(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Add(field, $"{label} must be a real date, like 27/3/2007");
        return null;
    }

    public static string? FormatDate(DateOnly? date) => date?.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    public static string Display(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "Not recorded";

    public static string Display(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMMM yyyy 'at' h:mmtt", CultureInfo.GetCultureInfo("en-GB")).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal);
}
