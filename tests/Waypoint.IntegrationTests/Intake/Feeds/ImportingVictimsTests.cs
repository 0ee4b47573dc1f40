using System.Text;
using Microsoft.EntityFrameworkCore;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Intake.Feeds;

public sealed class ImportingVictimsTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task Quoted_commas_quotes_line_breaks_a_byte_order_mark_and_non_ascii_names_are_read_exactly()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var csv = "\uFEFF" + $"""
            FIRST_NAME,last_name,Force_Code,crime_reference,person_reference,role,date_reported,offence_description,address_line1
            Siân,Llŷr,{feed.Force.Code},{crime},P1,victim,2026-03-02,"Theft, from a ""locked"" shed",flat 2
            Łucja,Wróblewska,{feed.Force.Code},{crime},P2,witness,2026-03-02,"Theft, from a ""locked"" shed","Flat 3
            The Old Mill"
            Órla,Ní Bhriain,{feed.Force.Code},{crime},P3,witness,2026-03-02,"Theft, from a ""locked"" shed",
            """.Replace("\r\n", "\n", StringComparison.Ordinal);

        var result = await FeedSender.ResultAsync(await feed.PostAsync("victims", Encoding.UTF8.GetBytes(csv)));

        Assert.Equal((3, 3), (result.RowsRead, result.Created));
        var people = await app.Data.QueryAsync(db => db.People.Where(p => p.ForceOrganisationId == feed.Force.Id).OrderBy(p => p.PersonReference).ToListAsync());
        Assert.Equal(["Siân Llŷr", "Łucja Wróblewska", "Órla Ní Bhriain"], people.Select(p => p.DisplayName));
        Assert.Equal("Flat 3\nThe Old Mill", people[1].AddressLine1);
        var offence = await app.Data.QueryAsync(db => db.Crimes.Where(c => c.CrimeReference == crime).Select(c => c.OffenceDescription).SingleAsync());
        Assert.Equal("Theft, from a \"locked\" shed", offence);
    }

    [Fact]
    public async Task Html_script_and_sql_looking_text_is_stored_exactly_as_sent()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        const string script = "<script>alert('x')</script>";
        const string sql = "Robert'); DROP TABLE people;--";

        await feed.VictimsAsync(feed.Victim(FeedSender.NewRef("C"), "P1", ("first_name", script), ("last_name", sql), ("investigation_status", "<b>open</b> & \"active\"")));

        var person = await app.Data.QueryAsync(db => db.People.SingleAsync(p => p.ForceOrganisationId == feed.Force.Id));
        Assert.Equal((script, sql), (person.FirstName, person.LastName));
        Assert.Equal("<b>open</b> & \"active\"", await app.Data.QueryAsync(db => db.Crimes.Where(c => c.ForceOrganisationId == feed.Force.Id).Select(c => c.InvestigationStatus).SingleAsync()));
    }

    [Fact]
    public async Task Sending_the_same_file_again_changes_nothing_and_reports_every_row_unchanged()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var rows = new[] { feed.Victim(crime, "P1"), feed.Victim(crime, "P2", ("role", "witness")), feed.Victim(FeedSender.NewRef("C"), "P1") };
        var first = await feed.VictimsAsync(rows);
        var auditBefore = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Alteration || e.Operation == AuditOperation.Collection));
        var timelineBefore = await app.Data.QueryAsync(db => db.TimelineEntries.CountAsync());

        var again = await feed.VictimsAsync(rows);

        Assert.Equal((3, 0), (first.Created, first.Unchanged));
        Assert.Equal((3, 0, 0, 3, 0), (again.RowsRead, again.Created, again.Updated, again.Unchanged, again.Quarantined));
        Assert.Equal(auditBefore, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Operation == AuditOperation.Alteration || e.Operation == AuditOperation.Collection)));
        Assert.Equal(timelineBefore, await app.Data.QueryAsync(db => db.TimelineEntries.CountAsync()));
        Assert.Equal(2, await app.Data.QueryAsync(db => db.People.CountAsync(p => p.ForceOrganisationId == feed.Force.Id)));

        // Both sendings are on the log: who sent it, its hash and what became of its rows.
        var imports = await app.Data.QueryAsync(db => db.Imports.Where(i => i.Id == first.ImportId || i.Id == again.ImportId).ToListAsync());
        Assert.Equal(imports[0].ContentHash, imports[1].ContentHash);
        foreach (var import in imports)
        {
            var entry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.RecordType == "Import" && e.RecordId == import.Id.ToString()));
            Assert.Equal(AuditOperation.Administration, entry.Operation);
            Assert.Contains(import.ContentHash, entry.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_changed_row_updates_the_record_keeping_its_history_and_notes_the_timeline()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        await feed.VictimsAsync(feed.Victim(crime, "P1"));

        var result = await feed.VictimsAsync(feed.Victim(crime, "P1", ("email", "alex.new@example.org"), ("offence_description", "Robbery"), ("consent_to_referral", "yes")));

        Assert.Equal((1, 0), (result.Updated, result.Created));
        var victimCase = await app.Data.QueryAsync(db => db.Cases.Include(c => c.Person).Include(c => c.Crime).Include(c => c.Timeline).SingleAsync(c => c.Crime.CrimeReference == crime));
        Assert.Equal(("alex.new@example.org", "Robbery", ReferralConsent.Yes), (victimCase.Person.Email, victimCase.Crime.OffenceDescription, victimCase.ReferralConsent));
        Assert.Contains(victimCase.Timeline, t => t.Kind == TimelineKind.FeedUpdate && t.Summary == "Updated from the police feed: email, offence_description, consent_to_referral");
        var alteration = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Operation == AuditOperation.Alteration && e.RecordType == "Person" && e.RecordId == victimCase.PersonId.ToString() && e.Field == "Email"));
        Assert.Equal(("alex@example.org", "alex.new@example.org"), (alteration.OldValue, alteration.NewValue));
    }

    [Fact]
    public async Task Json_and_csv_of_the_same_rows_give_the_same_result()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crime = FeedSender.NewRef("C");
        var rows = new[] { feed.Victim(crime, "P1", ("offence_flags", "hate_crime;domestic_abuse")), feed.Victim(crime, "P2", ("email", "bad")) };
        var csv = await feed.VictimsAsync(rows);

        var json = await FeedSender.ResultAsync(await feed.PostAsync("victims", FeedSender.Json(rows), "application/json"));
        var jsonWithArray = await FeedSender.ResultAsync(await feed.PostAsync("victims",
            $$"""[{"force_code":"{{feed.Force.Code}}","crime_reference":"{{crime}}","person_reference":"P1","role":"victim","date_reported":"2026-03-02","date_of_offence":"2026-03-01","offence_code":"8N","offence_description":"Assault occasioning actual bodily harm","offence_flags":["domestic_abuse","hate_crime"],"first_name":"Alex","last_name":"Morgan","date_of_birth":"1985-06-01","mobile":"07700 900123","email":"alex@example.org","postcode":"NS1 1AB","preferred_language":"en","interpreter_required":false,"consent_to_referral":"not_asked"}]""",
            "application/json"));

        Assert.Equal((1, 0, 1), (csv.Created, csv.Unchanged, csv.Quarantined));
        Assert.Equal((0, 1, 1), (json.Created, json.Unchanged, json.Quarantined));
        Assert.Equal(csv.ReasonsOf(2), json.ReasonsOf(2));
        Assert.Equal(1, jsonWithArray.Unchanged);
    }

    [Fact]
    public async Task The_same_person_on_two_crimes_is_one_person_and_a_business_without_a_named_contact_imports()
    {
        var feed = await FeedSender.ForNewForceAsync(app);

        var result = await feed.VictimsAsync(
            feed.Victim(FeedSender.NewRef("C"), "P1"),
            feed.Victim(FeedSender.NewRef("C"), "P1"),
            feed.Victim(FeedSender.NewRef("C"), "B1", ("role", "business_contact"), ("first_name", ""), ("last_name", ""), ("business_name", "Corner Shop Ltd")));

        Assert.Equal(3, result.Created);
        var people = await app.Data.QueryAsync(db => db.People.Where(p => p.ForceOrganisationId == feed.Force.Id).OrderBy(p => p.PersonReference).ToListAsync());
        Assert.Equal(["Corner Shop Ltd", "Alex Morgan"], people.Select(p => p.DisplayName));
        Assert.Equal(2, await app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.PersonId == people[1].Id && c.OrganisationId == feed.Force.Id && c.Source == CaseSource.PoliceFeed)));
    }

    [Fact]
    public async Task Three_crimes_in_twelve_months_make_a_repeat_victim_with_enhanced_rights()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        await feed.VictimsAsync(feed.Victim(FeedSender.NewRef("C"), "R1", ("date_reported", "2026-01-10"), ("date_of_offence", "2026-01-09")));
        await feed.VictimsAsync(feed.Victim(FeedSender.NewRef("C"), "R1", ("date_reported", "2026-04-10"), ("date_of_offence", "2026-04-09")));
        var third = FeedSender.NewRef("C");

        await feed.VictimsAsync(feed.Victim(third, "R1", ("date_reported", "2026-08-10"), ("date_of_offence", "2026-08-09")));

        var cases = await app.Data.QueryAsync(db => db.Cases.Include(c => c.Crime).Where(c => c.Person.PersonReference == "R1" && c.OrganisationId == feed.Force.Id).ToListAsync());
        var latest = cases.Single(c => c.Crime.CrimeReference == third);
        Assert.True(latest.RepeatVictim);
        Assert.Equal(EntitlementLevel.Enhanced, latest.EntitlementLevel);
        Assert.Contains("persistently_targeted:repeat_victim", latest.EnhancedReasons, StringComparison.Ordinal);
        Assert.Equal(2, cases.Count(c => !c.RepeatVictim));
    }

    [Fact]
    public async Task A_force_that_is_not_granted_is_quarantined_and_a_granted_one_imports()
    {
        var hub = await app.Data.OrganisationAsync(type: Waypoint.Modules.Administration.Domain.OrganisationType.PccVictimHub);
        var hubAdmin = await app.Data.UserAsync(hub, Roles.UnitAdministrator);
        var granted = await app.Data.OrganisationAsync();
        var other = await app.Data.OrganisationAsync();
        await app.Data.GrantAsync(hub, granted, hubAdmin);
        var feed = new FeedSender(app, hub, app.Api(await app.Data.TokenAsync(hub, hubAdmin, Permissions.FeedsWrite)));

        var result = await feed.VictimsAsync(
            feed.Victim(FeedSender.NewRef("C"), "P1", ("force_code", granted.Code.ToLowerInvariant())),
            feed.Victim(FeedSender.NewRef("C"), "P1", ("force_code", other.Code)));

        Assert.Equal((1, 1), (result.Created, result.Quarantined));
        Assert.Equal([$"force_code '{other.Code}' is not a force your organisation may send records for"], result.ReasonsOf(2));
        Assert.Equal(hub.Id, await app.Data.QueryAsync(db => db.Cases.Where(c => c.Crime.ForceOrganisationId == granted.Id).Select(c => c.OrganisationId).SingleAsync()));
    }

    [Fact]
    public async Task Two_overlapping_imports_at_once_create_no_duplicates()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var crimes = Enumerable.Range(0, 30).Select(_ => FeedSender.NewRef("C")).ToList();
        var first = FeedSender.Csv(crimes.Take(20).Select((c, i) => feed.Victim(c, "P" + (i % 7))));
        var second = FeedSender.Csv(crimes.Skip(10).Select((c, i) => feed.Victim(c, "P" + ((i + 10) % 7))));

        var results = await Task.WhenAll(feed.PostAsync("victims", first), feed.PostAsync("victims", second));

        var a = await FeedSender.ResultAsync(results[0]);
        var b = await FeedSender.ResultAsync(results[1]);
        Assert.Equal(30, a.Created + b.Created);
        Assert.Equal(10, a.Unchanged + b.Unchanged);
        Assert.Equal(7, await app.Data.QueryAsync(db => db.People.CountAsync(p => p.ForceOrganisationId == feed.Force.Id)));
        Assert.Equal(30, await app.Data.QueryAsync(db => db.Crimes.CountAsync(c => c.ForceOrganisationId == feed.Force.Id)));
        Assert.Equal(30, await app.Data.QueryAsync(db => db.Cases.CountAsync(c => c.OrganisationId == feed.Force.Id)));
    }
}

public sealed class LargeBodyTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    [Fact]
    public async Task A_welsh_letter_split_between_two_reads_of_a_large_body_is_still_read_as_utf8()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var chunk = Waypoint.Modules.Intake.Feeds.Parsing.FeedFile.ChunkSize;
        var csv = new System.Text.StringBuilder("force_code,crime_reference,person_reference,role,date_reported,offence_description,first_name,last_name,address_line1\n");
        string Row(int n, string address) => $"{feed.Force.Code},{feed.Force.Code}/C{n:D5},P{n:D5},victim,2026-03-02,Burglary,Siân,Jones,{address}\n";
        var last = $"{feed.Force.Code},{feed.Force.Code}/C99999,P99999,victim,2026-03-02,Burglary,Gethin,Ll";
        var rows = 0;
        // Filler rows until the two bytes of "ŷ" in the last row sit either side of the first read.
        while (true)
        {
            var remaining = chunk - 1 - System.Text.Encoding.UTF8.GetByteCount(csv.ToString() + last);
            var baseLength = System.Text.Encoding.UTF8.GetByteCount(Row(rows, ""));
            if (remaining - baseLength <= 150)
            {
                csv.Append(Row(rows++, new string('x', remaining - baseLength)));
                break;
            }
            csv.Append(Row(rows++, new string('x', 100)));
        }
        csv.Append(last).Append("ŷr,1 Stryd Fawr\n");
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        Assert.Equal(0xC5, bytes[chunk - 1]);

        var result = await FeedSender.ResultAsync(await feed.PostAsync("victims", bytes));

        Assert.Equal((rows + 1, rows + 1, 0), (result.RowsRead, result.Created, result.Quarantined));
        Assert.Equal("Llŷr", await app.Data.QueryAsync(db => db.People.Where(p => p.PersonReference == "P99999" && p.ForceOrganisationId == feed.Force.Id).Select(p => p.LastName).SingleAsync()));
    }
}
