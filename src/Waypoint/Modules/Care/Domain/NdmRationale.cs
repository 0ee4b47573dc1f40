namespace Waypoint.Modules.Care.Domain;

/// <summary>
/// The National Decision Model rationale recorded with a decision (domain.md §10; College of Policing APP): the
/// five stages around the Code of Ethics. Stored with the decision it explains (DASH professional judgement, a
/// closed task, a safeguarding referral); every stage is optional text, but a rationale has at least one.
/// </summary>
public sealed class NdmRationale
{
    public const int MaxLength = 2000;

    private NdmRationale() { }

    public NdmRationale(string? information, string? threatAndRisk, string? powersAndPolicy, string? options, string? actionAndReview)
    {
        Information = Clean(information);
        ThreatAndRisk = Clean(threatAndRisk);
        PowersAndPolicy = Clean(powersAndPolicy);
        Options = Clean(options);
        ActionAndReview = Clean(actionAndReview);
    }

    /// <summary>1. Gather information and intelligence.</summary>
    public string? Information { get; private set; }

    /// <summary>2. Assess threat and risk and develop a working strategy.</summary>
    public string? ThreatAndRisk { get; private set; }

    /// <summary>3. Consider powers and policy.</summary>
    public string? PowersAndPolicy { get; private set; }

    /// <summary>4. Identify options and contingencies.</summary>
    public string? Options { get; private set; }

    /// <summary>5. Take action and review what happened.</summary>
    public string? ActionAndReview { get; private set; }

    public bool IsEmpty => Information is null && ThreatAndRisk is null && PowersAndPolicy is null && Options is null && ActionAndReview is null;

    public IEnumerable<(string Stage, string Text)> Stages()
    {
        if (Information is not null) { yield return ("Information and intelligence", Information); }
        if (ThreatAndRisk is not null) { yield return ("Threat and risk", ThreatAndRisk); }
        if (PowersAndPolicy is not null) { yield return ("Powers and policy", PowersAndPolicy); }
        if (Options is not null) { yield return ("Options and contingencies", Options); }
        if (ActionAndReview is not null) { yield return ("Action and review", ActionAndReview); }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
