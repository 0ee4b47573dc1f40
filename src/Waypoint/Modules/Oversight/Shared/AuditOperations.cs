using Waypoint.Platform.Auditing;

namespace Waypoint.Modules.Oversight.Shared;

/// <summary>How each kind of log entry is named and coloured for people reading the log.</summary>
public static class AuditOperations
{
    public static IReadOnlyList<AuditOperation> All { get; } = Enum.GetValues<AuditOperation>();

    public static string Label(AuditOperation op) => op switch
    {
        AuditOperation.Consultation => "Consultation",
        AuditOperation.Collection => "Collection",
        AuditOperation.Alteration => "Alteration",
        AuditOperation.Disclosure => "Disclosure",
        AuditOperation.Combination => "Combination",
        AuditOperation.Erasure => "Erasure",
        AuditOperation.SignIn => "Sign-in",
        AuditOperation.SignInFailed => "Failed sign-in",
        AuditOperation.SignOut => "Sign-out",
        AuditOperation.Administration => "Administration",
        AuditOperation.BreakGlass => "Break-glass access",
        _ => op.ToString(),
    };

    public static string TagClass(AuditOperation op) => op switch
    {
        AuditOperation.Consultation => "govuk-tag--blue",
        AuditOperation.Collection => "govuk-tag--green",
        AuditOperation.Alteration => "govuk-tag--yellow",
        AuditOperation.Disclosure => "govuk-tag--purple",
        AuditOperation.Combination => "govuk-tag--turquoise",
        AuditOperation.Erasure => "govuk-tag--red",
        AuditOperation.SignInFailed => "govuk-tag--red",
        AuditOperation.BreakGlass => "govuk-tag--pink",
        AuditOperation.Administration => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}
