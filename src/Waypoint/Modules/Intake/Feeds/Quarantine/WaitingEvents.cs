using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.ImportEvents;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Validation;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Quarantine;

/// <summary>
/// Events that arrived before their crime wait in quarantine (status WaitingForCrime). Once the crime exists they
/// are imported, as their sender, and the quarantined row is marked re-processed with what it became.
/// </summary>
internal sealed class WaitingEvents(AppDbContext db, EventRowImporter events, TimeProvider clock)
{
    private const int BatchSize = 200;

    public async Task ProcessAsync(CancellationToken ct)
    {
        var directories = new Dictionary<Guid, ForceDirectory>();
        while (true)
        {
            var ready = await (
                    from q in db.QuarantinedRows
                    where q.Status == QuarantineStatus.WaitingForCrime && q.Feed == FeedKind.InvestigationEvents
                    join o in db.Organisations on q.ForceCode equals o.Code
                    where o.Type == OrganisationType.PoliceForce
                    join c in db.Crimes on new { F = (Guid?)o.Id, R = q.CrimeReference } equals new { F = c.ForceOrganisationId, R = c.CrimeReference }
                    orderby q.CreatedAt, q.RowNumber
                    select q)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (ready.Count == 0)
            {
                return;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var batch = new ImportBatch();
            foreach (var group in ready.GroupBy(q => (q.OrganisationId, q.ImportId)))
            {
                var orgId = group.Key.OrganisationId;
                if (!directories.TryGetValue(orgId, out var forces))
                {
                    var granted = await db.ForceAccessGrants.AsNoTracking().Where(g => g.GranteeOrganisationId == orgId).Select(g => g.ForceOrganisationId).ToListAsync(ct);
                    directories[orgId] = forces = await ForceDirectory.LoadAsync(db, orgId, granted, ct);
                }
                var actor = Actor.System(orgId, now, "Police feed");
                var rows = group.ToList();
                var outcomes = await events.ImportAsync([.. rows.Select(q => FeedRow.FromRawJson(q.RowNumber, q.RawContent))], new ImportContext(actor, group.Key.ImportId, forces), batch, ct);
                for (var i = 0; i < rows.Count; i++)
                {
                    var outcome = outcomes[i];
                    if (outcome.Failed)
                    {
                        // Still failing although the crime exists (e.g. the force grant was withdrawn): an officer decides.
                        rows[i].StillFailing(rows[i].RawContent, FeedImporter.FitReasons(outcome.Reasons), QuarantineStatus.Open);
                    }
                    else
                    {
                        rows[i].MarkReprocessed(rows[i].RawContent, "The crime arrived: " + outcome.Description, actor.Name, now);
                    }
                }
            }
            await db.SaveChangesAsync(batch.New, ct);
            db.ChangeTracker.Clear();
        }
    }
}
