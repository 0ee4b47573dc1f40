using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Users;

/// <summary>Checks shared by creating a user and changing their details and access.</summary>
internal static partial class UserInput
{
    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex UserNamePattern();

    public static void DisplayName(ValidationErrors errors, string? value)
    {
        errors.Required(value, "DisplayName", "Enter the person's full name");
        errors.MaxLength(value, 200, "DisplayName", "Full name");
    }

    public static void UserName(ValidationErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("UserName", "Enter a username");
        }
        else if (value.Trim().Length > 100)
        {
            errors.Add("UserName", "Username must be 100 characters or fewer");
        }
        else if (!UserNamePattern().IsMatch(value.Trim()))
        {
            errors.Add("UserName", "Username must only include letters, numbers, full stops, hyphens, underscores and @");
        }
    }

    public static List<string> ValidRoles(ValidationErrors errors, IEnumerable<string>? values)
    {
        var roles = (values ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            errors.Add("Roles", "Select at least one role");
        }
        else if (roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add("Roles", "Select roles from the list");
        }
        return roles;
    }

    /// <summary>The chosen teams, each of which must be a team of the organisation in use (or one the user is already in).</summary>
    public static async Task<List<Guid>> TeamsAsync(ValidationErrors errors, AppDbContext db, Guid organisationId, IEnumerable<Guid>? values, IReadOnlyCollection<Guid> current, CancellationToken ct)
    {
        var teamIds = (values ?? []).Distinct().ToList();
        if (teamIds.Count == 0)
        {
            return teamIds;
        }
        var valid = await db.Teams.AsNoTracking()
            .Where(t => t.OrganisationId == organisationId && teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Archived })
            .ToListAsync(ct);
        if (teamIds.Any(id => !valid.Any(v => v.Id == id && (!v.Archived || current.Contains(id)))))
        {
            errors.Add("TeamIds", "Select teams from the list");
        }
        return teamIds;
    }

    public static void Skills(ValidationErrors errors, string? value) => errors.MaxLength(value, 400, "Skills", "Languages and skills");

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string RoleNames(IEnumerable<string> roles) =>
        Shared.AdminAccess.List(roles.OrderBy(r => Roles.All.ToList().IndexOf(r)).Select(Roles.DisplayName));

    public static async Task<string> TeamNamesAsync(AppDbContext db, IReadOnlyCollection<Guid> teamIds, CancellationToken ct) =>
        Shared.AdminAccess.List((await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => t.Name).ToListAsync(ct)).Order(StringComparer.Ordinal));

    /// <summary>Teams to offer as checkboxes: those in use, plus any archived team the user is still in.</summary>
    public static async Task<IReadOnlyList<(string Value, string Text)>> TeamOptionsAsync(AppDbContext db, Guid organisationId, IReadOnlyCollection<Guid> current, CancellationToken ct) =>
        (await db.Teams.AsNoTracking()
            .Where(t => t.OrganisationId == organisationId && (!t.Archived || current.Contains(t.Id)))
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.Archived })
            .ToListAsync(ct))
        .Select(t => (t.Id.ToString(), t.Archived ? t.Name + " (archived)" : t.Name))
        .ToList();

    public static IReadOnlyList<(string Value, string Text)> RoleOptions { get; } =
        Roles.All.Select(r => (r, Roles.DisplayName(r))).ToList();

    /// <summary>Form checkbox values to team ids; anything unreadable is dropped and caught by validation as "not in the list".</summary>
    public static List<Guid> ParseIds(IEnumerable<string>? values, out bool unreadable)
    {
        var ids = new List<Guid>();
        unreadable = false;
        foreach (var v in values ?? [])
        {
            if (Guid.TryParse(v, out var id))
            {
                ids.Add(id);
            }
            else
            {
                unreadable = true;
            }
        }
        return ids;
    }
}
