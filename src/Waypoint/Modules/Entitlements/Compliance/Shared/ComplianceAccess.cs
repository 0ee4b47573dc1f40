using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Shared;

/// <summary>Who reads the figures (the same rule as <see cref="Policies.ComplianceReader"/>, checked again in the handlers).</summary>
public static class ComplianceAccess
{
    public static bool CanRead(Actor actor) =>
        actor.Roles.Overlaps(Roles.ComplianceReaders) || actor.Permissions.Contains(Permissions.ComplianceRead);
}
