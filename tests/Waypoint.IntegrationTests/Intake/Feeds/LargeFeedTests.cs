using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;

namespace Waypoint.IntegrationTests.Intake.Feeds;

/// <summary>A rough timing of a large file; runs only when WAYPOINT_FEED_ROWS is set (e.g. 100000). The benchmark harness measures properly.</summary>
public sealed class LargeFeedTests(WaypointApp app, ITestOutputHelper output) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task A_large_victims_file_imports_in_batches_and_again_unchanged()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("WAYPOINT_FEED_ROWS"), CultureInfo.InvariantCulture, out var n) ? n : 0;
        Assert.SkipWhen(rows == 0, "Set WAYPOINT_FEED_ROWS to time a large import.");
        var feed = await FeedSender.ForNewForceAsync(app);
        var csv = new StringBuilder("force_code,crime_reference,person_reference,role,date_reported,offence_description,first_name,last_name,date_of_birth,email,postcode,offence_flags\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{feed.Force.Code},CR{i / 2},P{i % (rows * 3 / 4 + 1)},victim,2026-0{1 + i % 9}-1{i % 10},Theft of pedal cycle,Name{i},Family{i % 977},1980-01-01,p{i}@example.org,NS1 1AB,{(i % 5 == 0 ? "hate_crime" : "")}\n");
        }
        var body = Encoding.UTF8.GetBytes(csv.ToString());

        var watch = Stopwatch.StartNew();
        var first = await FeedSender.ResultAsync(await feed.PostAsync("victims", body));
        output.WriteLine($"{rows} rows: first import {watch.Elapsed.TotalSeconds:F1}s ({first.Created} created, {first.Quarantined} quarantined)");
        watch.Restart();
        var again = await FeedSender.ResultAsync(await feed.PostAsync("victims", body));
        output.WriteLine($"{rows} rows: second import {watch.Elapsed.TotalSeconds:F1}s ({again.Unchanged} unchanged)");

        Assert.Equal(rows, first.Created);
        Assert.Equal(rows, again.Unchanged);
        Assert.Equal(rows, await app.Data.QueryAsync(db => db.Cases.CountAsync()));
    }
}
