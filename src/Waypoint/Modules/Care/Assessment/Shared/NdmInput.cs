using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Http;

namespace Waypoint.Modules.Care.Assessment.Shared;

/// <summary>The National Decision Model rationale of a request (the five stages; see <see cref="NdmRationale"/>).</summary>
public sealed class NdmInput
{
    public string? Information { get; set; }
    public string? ThreatAndRisk { get; set; }
    public string? PowersAndPolicy { get; set; }
    public string? Options { get; set; }
    public string? ActionAndReview { get; set; }

    /// <summary>The field name of the rationale as a whole (its first stage on the page).</summary>
    public const string Field = "Ndm";

    /// <summary>Checks the lengths and, when <paramref name="required"/>, that at least one stage is written; null when empty.</summary>
    public static NdmRationale? Read(NdmInput? input, ValidationErrors errors, bool required, string requiredMessage)
    {
        var r = new NdmRationale(input?.Information, input?.ThreatAndRisk, input?.PowersAndPolicy, input?.Options, input?.ActionAndReview);
        foreach (var (stage, text) in r.Stages())
        {
            if (text.Length > NdmRationale.MaxLength)
            {
                errors.Add(Field, $"{stage} must be {NdmRationale.MaxLength} characters or fewer");
            }
        }
        if (r.IsEmpty)
        {
            if (required)
            {
                errors.Add(Field, requiredMessage);
            }
            return null;
        }
        return r;
    }
}

public sealed record NdmDto(string? Information, string? ThreatAndRisk, string? PowersAndPolicy, string? Options, string? ActionAndReview)
{
    public static NdmDto? From(NdmRationale? r) => r is null || r.IsEmpty ? null : new(r.Information, r.ThreatAndRisk, r.PowersAndPolicy, r.Options, r.ActionAndReview);
}
