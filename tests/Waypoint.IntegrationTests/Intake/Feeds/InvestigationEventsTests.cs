using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;

namespace Waypoint.IntegrationTests.Intake.Feeds;

public sealed class InvestigationEventsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task An_event_is_noted_on_every_case_of_its_crime_without_the_suspect_and_sending_it_again_changes_nothing()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        await feed.VictimsAsync(feed.Victim(crime, "P1", ("investigation_status", "Under investigation")), feed.Victim(crime, "P2", ("role", "witness"), ("investigation_status", "Under investigation")));

        var first = await feed.EventsAsync(feed.Event(crime, "E1", ("event_at", "2026-03-05T14:30:00+01:00")));
        var again = await feed.EventsAsync(feed.Event(crime, "E1", ("details", "changed")));

        Assert.Equal((1, 0), (first.Created, first.Unchanged));
        Assert.Equal((0, 1), (again.Created, again.Unchanged));
        var cases = await app.Data.QueryAsync(db => db.Cases.Include(c => c.Timeline).Include(c => c.Crime).Where(c => c.Crime.CrimeReference == crime).ToListAsync());
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c =>
        {
            var notes = c.Timeline.Where(t => t.Kind == TimelineKind.InvestigationEvent).ToList();
            Assert.Equal(["Suspect arrested: Arrested at home address"], notes.Select(n => n.Summary));
            Assert.DoesNotContain(c.Timeline, t => t.Summary.Contains("SUSPECT-42", StringComparison.Ordinal));
            Assert.Equal("Under investigation", c.Crime.InvestigationStatus);
        });
        var recorded = await app.Data.QueryAsync(db => db.InvestigationEvents.SingleAsync(e => e.CrimeId == cases[0].CrimeId));
        Assert.Equal(new DateTime(2026, 3, 5, 13, 30, 0, DateTimeKind.Utc), recorded.EventAt);
    }

    [Fact]
    public async Task An_event_for_an_unknown_crime_waits_and_is_processed_when_the_crime_arrives()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");

        var waiting = await feed.EventsAsync(feed.Event(crime, "E1", ("event_type", "suspect_charged"), ("details", "First hearing 2026-04-01")));

        Assert.Equal(1, waiting.Quarantined);
        Assert.Equal([$"crime_reference '{crime}' is not known yet: the event waits until the crime arrives"], waiting.ReasonsOf(1));
        Assert.Equal(QuarantineStatus.WaitingForCrime, await app.Data.QueryAsync(db => db.QuarantinedRows.Where(q => q.ImportId == waiting.ImportId).Select(q => q.Status).SingleAsync()));

        await feed.VictimsAsync(feed.Victim(crime, "P1"));

        var row = await app.Data.QueryAsync(db => db.QuarantinedRows.SingleAsync(q => q.ImportId == waiting.ImportId));
        Assert.Equal(QuarantineStatus.Reprocessed, row.Status);
        var timeline = await app.Data.QueryAsync(db => db.TimelineEntries.Where(t => t.Kind == TimelineKind.InvestigationEvent && db.Cases.Any(c => c.Id == t.CaseId && c.Crime.CrimeReference == crime)).Select(t => t.Summary).ToListAsync());
        Assert.Equal(["Suspect charged: First hearing 2026-04-01"], timeline);
    }
}
