using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>Who may send feeds and read imports: the same rule as the FeedWriter / FeedReader policies, for handlers.</summary>
public static class FeedAccess
{
    public const string WriterPolicy = "FeedWriter";
    public const string ReaderPolicy = "FeedReader";

    public static readonly IReadOnlyList<string> WriterRoles = [Roles.TeamLeader, Roles.UnitAdministrator];

    public static bool CanWrite(Actor actor) => actor.Roles.Overlaps(WriterRoles) || actor.Permissions.Contains(Permissions.FeedsWrite);

    public static bool CanRead(Actor actor) => CanWrite(actor) || actor.CanReadCases;
}
