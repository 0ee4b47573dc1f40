using System.Net.Mail;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Platform.Http;

/// <summary>Collects field errors in GOV.UK wording; handlers validate once for page and API alike.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public void Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
    }

    public void MaxLength(string? value, int max, string field, string label)
    {
        if (value is not null && value.Trim().Length > max)
        {
            Add(field, $"{label} must be {max} characters or fewer");
        }
    }

    public void Email(string? value, string field)
    {
        if (!string.IsNullOrWhiteSpace(value) && !IsEmail(value.Trim()))
        {
            Add(field, "Enter an email address in the correct format, like name@example.com");
        }
    }

    public void Postcode(string? value, string field)
    {
        if (!string.IsNullOrWhiteSpace(value) && !Postcodes.IsValid(value))
        {
            Add(field, "Enter a real postcode, like AA1 1AA");
        }
    }

    public Result ToResult() => Result.Rejected("There is a problem: check the highlighted fields.", ToDictionary());

    public ResultFailure ToFailure() => new(ToResult());

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
