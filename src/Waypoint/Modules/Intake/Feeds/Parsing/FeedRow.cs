using System.Text.Json;

namespace Waypoint.Modules.Intake.Feeds.Parsing;

/// <summary>
/// One data row as received: its number (from 1, the header not counted), its fields by name (case-insensitive,
/// values untrimmed, lists already ';'-joined) and, when the row itself is malformed, what is wrong with its shape.
/// </summary>
public sealed class FeedRow(int number, IReadOnlyDictionary<string, string?> fields, string? shapeProblem = null)
{
    private static readonly JsonSerializerOptions RawOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Number { get; } = number;
    public IReadOnlyDictionary<string, string?> Fields { get; } = fields;
    public string? ShapeProblem { get; } = shapeProblem;

    /// <summary>The field trimmed, or null when absent or blank.</summary>
    public string? this[string name] => Fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public bool Has(string name) => Fields.ContainsKey(name);

    /// <summary>The row as a JSON object of field name to text, as kept in quarantine.</summary>
    public string ToRawJson() => JsonSerializer.Serialize(Fields, RawOptions);

    public static FeedRow FromRawJson(int number, string raw, IDictionary<string, string?>? corrections = null)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<string, string?>>(raw) ?? [])
        {
            fields[k] = v;
        }
        foreach (var (k, v) in corrections ?? new Dictionary<string, string?>())
        {
            if (!string.IsNullOrWhiteSpace(k))
            {
                var existing = fields.Keys.FirstOrDefault(f => string.Equals(f, k.Trim(), StringComparison.OrdinalIgnoreCase));
                fields[existing ?? k.Trim().ToLowerInvariant()] = v;
            }
        }
        return new FeedRow(number, fields);
    }
}
