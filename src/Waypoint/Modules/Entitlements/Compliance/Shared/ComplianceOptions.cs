using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Compliance.Shared;

/// <summary>What the filter form offers: the organisation's teams and people, and recent quarters.</summary>
public sealed record ComplianceChoices(
    IReadOnlyList<(string Value, string Text)> Teams,
    IReadOnlyList<(string Value, string Text)> Officers,
    IReadOnlyList<(string Value, string Text)> Quarters);

internal sealed class ComplianceOptions(AppDbContext db)
{
    public async Task<ComplianceChoices> LoadAsync(Actor actor, CancellationToken ct)
    {
        var org = actor.OrganisationId;
        var teams = await db.Teams.AsNoTracking().Where(t => t.OrganisationId == org).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var officers = await db.Users.AsNoTracking().Where(u => u.OrganisationId == org).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return new ComplianceChoices(
            [.. teams.Select(t => (t.Id.ToString(), t.Name)), ("none", "No team")],
            [.. officers.Select(o => (o.Id.ToString(), o.DisplayName)), ("none", "No officer")],
            [.. Quarter.Recent(UkTime.Today(actor.Now), 8).Select(q => (q.ToString(), $"{q.Describe()} ({q})"))]);
    }
}
