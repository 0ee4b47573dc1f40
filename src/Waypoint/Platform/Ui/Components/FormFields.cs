namespace Waypoint.Platform.Ui.Components;

internal static class FormFields
{
    /// <summary>"Input.FirstName" -> "FirstName": the id is the request's property name, so errors find their field.</summary>
    public static string IdFor(string name) => name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;

    public static string? DescribedBy(string id, bool hint, bool error)
    {
        var parts = new List<string>(2);
        if (hint)
        {
            parts.Add(id + "-hint");
        }
        if (error)
        {
            parts.Add(id + "-error");
        }
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }
}
