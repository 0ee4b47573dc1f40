using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Waypoint.BrowserTests.Infrastructure;
using Waypoint.Platform.Security;
using static Microsoft.Playwright.Assertions;

namespace Waypoint.BrowserTests.Journeys;

public sealed class IntakeJourneyTests(WaypointServer server) : BrowserTest(server)
{
    private static readonly string[] Victims = ["Kerensa Trevithick", "Jory Pascoe", "Demelza Nance", "Tamsin Rowe"];

    [Fact]
    public async Task A_team_leader_uploads_the_daily_cohort_corrects_the_quarantined_row_and_allocates_the_new_cases()
    {
        var force = await Data.OrganisationAsync();
        var team = await Data.TeamAsync(force);
        var leader = await Data.UserAsync(force, Roles.TeamLeader, team);
        var officer = await Data.UserAsync(force, Roles.VictimCareOfficer, team);
        var file = Path.Combine(Path.GetTempPath(), $"cohort-{Guid.NewGuid():N}.csv");
        // Three good rows and one whose date of birth is not a real date.
        var rows = Victims.Select((name, i) => string.Join(',', force.Code, $"{force.Code}/26/70{i}", $"PN70{i}", "victim", "2026-11-20",
            "Burglary dwelling", name.Split(' ')[0], name.Split(' ')[1], i == 3 ? "2026-02-30" : "1984-07-1" + i));
        await File.WriteAllTextAsync(file, "force_code,crime_reference,person_reference,role,date_reported,offence_description,first_name,last_name,date_of_birth\n"
            + string.Join('\n', rows) + "\n", TestContext.Current.CancellationToken);
        try
        {
            await SignInAsync(leader);

            // Uploads the file from the imports page.
            await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Imports", Level = 1 })).ToBeVisibleAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Upload a police feed" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Upload a police feed", Level = 1 })).ToBeVisibleAsync();
            await AssertNoSeriousAccessibilityViolationsAsync("the upload page");
            await Page.GetByLabel("Victims and witnesses (the daily cohort)").CheckAsync();
            await Page.GetByLabel("Upload a file").SetInputFilesAsync(file);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

            // Sees the counts and why the fourth row was quarantined.
            await Expect(Page.GetByTestId("success-banner")).ToContainTextAsync("4 rows read, 3 created, 0 updated, 0 unchanged, 1 quarantined");
            var quarantined = Page.GetByTestId("quarantined-row");
            await Expect(quarantined).ToContainTextAsync("date_of_birth 2026-02-30 is not a valid date");
            await Expect(quarantined).ToContainTextAsync("Rowe");
            await AssertNoSeriousAccessibilityViolationsAsync("the import page");

            // Opens the row, corrects the date of birth and re-processes it.
            await quarantined.GetByRole(AriaRole.Link, new() { Name = "Correct and re-process row 4" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Quarantined row 4", Level = 1 })).ToBeVisibleAsync();
            await Expect(Page.GetByLabel("last_name", new() { Exact = true })).ToHaveValueAsync("Rowe");
            await Page.GetByLabel("date_of_birth", new() { Exact = true }).FillAsync("1984-07-14");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Re-process" }).ClickAsync();
            await Expect(Page.GetByTestId("success-banner")).ToContainTextAsync(new Regex("Row 4 re-processed: case .* created"));

            // Allocates the four new cases to an officer of the team from the cohort.
            await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Cohort" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cohort", Level = 1 })).ToBeVisibleAsync();
            await AssertNoSeriousAccessibilityViolationsAsync("the cohort page");
            foreach (var name in Victims)
            {
                await Page.GetByLabel("Select " + name, new() { Exact = true }).CheckAsync();
            }
            await Page.GetByLabel("Allocate to").SelectOptionAsync(new SelectOptionValue { Label = $"Officer {officer.UserName}, {team.Name}" });
            await Page.GetByRole(AriaRole.Button, new() { Name = "Allocate selected cases" }).ClickAsync();

            await Expect(Page.GetByTestId("success-banner")).ToContainTextAsync($"4 cases allocated to Officer {officer.UserName}");
            var table = Page.GetByTestId("cohort-table");
            foreach (var name in Victims)
            {
                await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync($"Officer {officer.UserName}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
