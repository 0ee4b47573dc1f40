namespace Waypoint.Platform.Http;

/// <summary>Paths every session may reach whatever it still owes (a two-factor set-up, a password change): static files and error pages.</summary>
public static class OpenPaths
{
    private static readonly string[] Prefixes = ["/lib", "/assets", "/css", "/js", "/_framework", "/_content", "/favicon.svg", "/status", "/error", "/health"];

    public static bool IsAlwaysOpen(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p));
}
