using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.ImportEvents;

/// <summary>
/// The investigation events feed: a new (crime, event id) is recorded and noted on every case of the crime (never
/// with the suspect's reference); a known one changes nothing; an event for a crime we do not know yet waits.
/// </summary>
internal sealed class EventRowImporter(AppDbContext db, EventObligations obligations) : IFeedRowImporter
{
    public FeedKind Feed => FeedKind.InvestigationEvents;

    public async Task<IReadOnlyList<RowOutcome>> ImportAsync(IReadOnlyList<FeedRow> rows, ImportContext context, ImportBatch batch, CancellationToken ct)
    {
        var today = Platform.Calendar.UkTime.Today(context.Actor.Now);
        var outcomes = new RowOutcome[rows.Count];
        var valid = new List<(int Index, EventRow Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, reasons, force, crime) = EventRow.Validate(rows[i], context.Forces, today);
            if (row is null)
            {
                outcomes[i] = RowOutcome.Quarantine(reasons, force, crime);
            }
            else
            {
                valid.Add((i, row));
            }
        }

        var crimes = new Dictionary<(Guid, string), Guid>();
        foreach (var force in valid.GroupBy(v => v.Row.ForceId))
        {
            var forceId = force.Key;
            var refs = force.Select(v => v.Row.CrimeReference).Distinct().ToList();
            foreach (var c in await db.Crimes.AsNoTracking().Where(c => c.ForceOrganisationId == forceId && refs.Contains(c.CrimeReference!))
                         .Select(c => new { c.Id, c.CrimeReference }).ToListAsync(ct))
            {
                crimes[(forceId, c.CrimeReference!)] = c.Id;
            }
        }
        var crimeIds = crimes.Values.Distinct().ToList();
        var eventIds = valid.Select(v => v.Row.EventId).Distinct().ToList();
        var existing = (await db.InvestigationEvents.AsNoTracking()
                .Where(e => crimeIds.Contains(e.CrimeId) && eventIds.Contains(e.EventId))
                .Select(e => new { e.CrimeId, e.EventId }).ToListAsync(ct))
            .Select(e => (e.CrimeId, e.EventId)).ToHashSet();
        var cases = (await db.Cases.Where(c => crimeIds.Contains(c.CrimeId)).ToListAsync(ct))
            .ToLookup(c => c.CrimeId);

        foreach (var (index, r) in valid)
        {
            if (!crimes.TryGetValue((r.ForceId, r.CrimeReference), out var crimeId))
            {
                outcomes[index] = new RowOutcome(RowOutcomeKind.WaitingForCrime,
                    [$"crime_reference '{r.CrimeReference}' is not known yet: the event waits until the crime arrives"], r.ForceCode, r.CrimeReference, "waiting for the crime");
                continue;
            }
            if (!existing.Add((crimeId, r.EventId)))
            {
                outcomes[index] = new RowOutcome(RowOutcomeKind.Unchanged, [], r.ForceCode, r.CrimeReference, $"event {r.EventId} already received");
                continue;
            }
            var recorded = new InvestigationEvent(crimeId, r.EventId, r.Type, r.EventAtUtc, r.Details, r.SuspectReference, context.ImportId, context.Actor.Now);
            db.InvestigationEvents.Add(recorded);
            var ofCrime = cases[crimeId].ToList();
            var note = InvestigationEvent.Describe(r.Type) + (recorded.Details is null ? "" : ": " + recorded.Details);
            foreach (var victimCase in ofCrime)
            {
                victimCase.Note(TimelineKind.InvestigationEvent, note.Length > 2000 ? note[..2000] : note, context.Actor);
            }
            await obligations.StartClocksAsync(recorded, ofCrime, context.Actor, ct);
            outcomes[index] = new RowOutcome(RowOutcomeKind.Created, [], r.ForceCode, r.CrimeReference,
                $"event {r.EventId} recorded on {ofCrime.Count} case{(ofCrime.Count == 1 ? "" : "s")}");
        }
        return outcomes;
    }
}
