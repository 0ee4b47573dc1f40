using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.IntegrationTests.Intake.Feeds;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Database.Bulk;
using Waypoint.Platform.Security;

namespace Waypoint.IntegrationTests.Platform;

/// <summary>The bulk write path (Platform/Database/Bulk) on the database the run uses: SQLite or PostgreSQL.</summary>
public sealed class BulkWriteTests(WaypointApp app) : IClassFixture<WaypointApp>
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 5, 6, 123, 456, DateTimeKind.Utc);

    private static PersonDetails Awkward(string lastName) => new(
        "O'Brien \"Bob\"", lastName, null, new DateOnly(1984, 2, 29), null, "07700 900123", null,
        "<script>alert('x')</script> & <b>bold</b>", "'); DROP TABLE people; --", "Line one\nLine two\r\nLine three",
        "NS1 1AB", "cy", true, ["mental_disorder"], null);

    private static CrimeDetails Crime() => new("8N", "Assault \"ABH\"; O'Neil's shop\n<i>by the door</i>", new DateOnly(2026, 3, 2), null,
        "DC Llŷr Ñúñez", null, null, null, ["domestic_abuse"]);

    private async Task<T> InScopeAsync<T>(Func<AppDbContext, AuditScope, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<AuditScope>());
    }

    private static async Task<Dictionary<string, object?>> RawRowAsync(AppDbContext db, string table, Guid id)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE \"Id\" = @id";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            // Guids are uuid on PostgreSQL and upper-case text on SQLite (as EF stores them).
            parameter.Value = db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"no row {id} in {table}");
            return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task Every_kind_of_column_is_stored_exactly_as_SaveChanges_stores_it()
    {
        var force = await app.Data.OrganisationAsync();
        var actor = Actor.System(force.Id, Now, "Bulk test");

        Person Person(string reference) => new(force.Id, force.Id, reference, Awkward("Ŵyn-Jones ñ 李 😀"), Now);
        var efPerson = Person("EF1");
        var efCrime = new Crime(force.Id, "CR-EF", Crime(), Now);
        var efCase = new VictimCase(force.Id, efPerson, efCrime, PersonRole.BereavedRelative, CaseSource.PoliceFeed, null, actor);
        efCase.SetReferralConsent(ReferralConsent.Yes);
        await InScopeAsync(async (db, _) =>
        {
            db.People.Add(efPerson);
            db.Crimes.Add(efCrime);
            db.Cases.Add(efCase);
            return await db.SaveChangesAsync();
        });

        var bulkPerson = Person("BULK1");
        var bulkCrime = new Crime(force.Id, "CR-BULK", Crime(), Now);
        var bulkCase = new VictimCase(force.Id, bulkPerson, bulkCrime, PersonRole.BereavedRelative, CaseSource.PoliceFeed, null, actor);
        bulkCase.SetReferralConsent(ReferralConsent.Yes);
        await InScopeAsync(async (db, _) =>
        {
            var batch = new BulkBatch();
            // Dependents first on purpose: the batch orders the tables by their foreign keys.
            batch.AddRange(bulkCase.Timeline);
            batch.Add(bulkCase);
            batch.Add(bulkCrime);
            batch.Add(bulkPerson);
            return await db.SaveChangesAsync(batch);
        });

        await InScopeAsync(async (db, _) =>
        {
            foreach (var (table, ef, bulk, differ) in new (string, Guid, Guid, string[])[]
                     {
                         ("people", efPerson.Id, bulkPerson.Id, ["Id", "PersonReference"]),
                         ("crimes", efCrime.Id, bulkCrime.Id, ["Id", "CrimeReference"]),
                         ("cases", efCase.Id, bulkCase.Id, ["Id", "PersonId", "CrimeId"]),
                         ("case_timeline", efCase.Timeline[0].Id, bulkCase.Timeline[0].Id, ["Id", "CaseId"]),
                     })
            {
                var efRow = await RawRowAsync(db, table, ef);
                var bulkRow = await RawRowAsync(db, table, bulk);
                foreach (var column in efRow.Keys.Except(differ))
                {
                    Assert.True(Equals(efRow[column], bulkRow[column]), $"{table}.{column}: SaveChanges stored '{efRow[column]}', the bulk path '{bulkRow[column]}'");
                }
            }

            var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == bulkPerson.Id);
            Assert.Equal("O'Brien \"Bob\"", person.FirstName);
            Assert.Equal("Ŵyn-Jones ñ 李 😀", person.LastName);
            Assert.Equal("<script>alert('x')</script> & <b>bold</b>", person.AddressLine1);
            Assert.Equal("'); DROP TABLE people; --", person.AddressLine2);
            Assert.Equal("Line one\nLine two\r\nLine three", person.Town);
            Assert.Null(person.Email);
            Assert.Equal(new DateOnly(1984, 2, 29), person.DateOfBirth);
            Assert.True(person.InterpreterRequired);
            Assert.Equal(DateTimeKind.Utc, person.CreatedAt.Kind);
            Assert.Equal(Now, person.CreatedAt);
            var victimCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == bulkCase.Id && c.Role == PersonRole.BereavedRelative && c.ReferralConsent == ReferralConsent.Yes);
            Assert.Null(victimCase.TeamId);
            Assert.Null(victimCase.EntitlementOverride);
            Assert.Equal(force.Id, victimCase.OrganisationId);
            Assert.Equal(0, victimCase.Version);
            return 0;
        });

        // Each new person, crime and case has its Collection entry, as SaveChanges writes it, and the chain holds.
        foreach (var (type, id, subject) in new[] { ("Person", bulkPerson.Id, (Guid?)bulkPerson.Id), ("Crime", bulkCrime.Id, null), ("Case", bulkCase.Id, bulkPerson.Id) })
        {
            var entry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Operation == AuditOperation.Collection && e.RecordType == type && e.RecordId == id.ToString()));
            Assert.Equal(subject, entry.PersonId);
            var efId = type switch { "Person" => efPerson.Id, "Crime" => efCrime.Id, _ => efCase.Id };
            var efEntry = await app.Data.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Operation == AuditOperation.Collection && e.RecordType == type && e.RecordId == efId.ToString()));
            Assert.Equal(efEntry.Detail, entry.Detail);
        }
        Assert.True((await InScopeAsync((db, _) => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_bulk_insert_joins_the_callers_transaction_and_rolls_back_with_it()
    {
        var force = await app.Data.OrganisationAsync();
        var auditBefore = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync());
        var person = new Person(force.Id, force.Id, "ROLLBACK1", Awkward("Rollback"), Now);

        await InScopeAsync(async (db, _) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var batch = new BulkBatch();
            batch.Add(person);
            await db.SaveChangesAsync(batch);
            // Inside the transaction the row and its entry are there...
            Assert.True(await db.People.AnyAsync(p => p.Id == person.Id));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.RecordId == person.Id.ToString()));
            await transaction.RollbackAsync();
            return 0;
        });

        // ...and the rollback takes them away with the chain head.
        Assert.False(await app.Data.QueryAsync(db => db.People.AnyAsync(p => p.Id == person.Id)));
        Assert.Equal(auditBefore, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync()));
        Assert.True((await InScopeAsync((db, _) => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_bulk_insert_refused_by_a_unique_index_is_a_DbUpdateException_and_writes_nothing()
    {
        var force = await app.Data.OrganisationAsync();
        await InScopeAsync(async (db, _) =>
        {
            var batch = new BulkBatch();
            batch.Add(new Person(force.Id, force.Id, "DUP1", Awkward("First"), Now));
            return await db.SaveChangesAsync(batch);
        });
        var auditBefore = await app.Data.QueryAsync(db => db.AuditEntries.CountAsync());
        var other = new Person(force.Id, force.Id, "OTHER1", Awkward("Other"), Now);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async (db, _) =>
        {
            var batch = new BulkBatch();
            batch.Add(other);
            batch.Add(new Person(force.Id, force.Id, "DUP1", Awkward("Second"), Now));
            return await db.SaveChangesAsync(batch);
        }));

        Assert.True(FeedLocks.IsUniqueViolation(error));
        Assert.False(await app.Data.QueryAsync(db => db.People.AnyAsync(p => p.Id == other.Id)));
        Assert.Equal(auditBefore, await app.Data.QueryAsync(db => db.AuditEntries.CountAsync()));
        Assert.True((await InScopeAsync((db, _) => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task After_a_bulk_feed_import_the_chain_verifies_and_every_new_record_is_found_in_the_log_by_its_id()
    {
        var feed = await FeedSender.ForNewForceAsync(app);
        var rows = Enumerable.Range(1, 30).Select(i => feed.Victim(FeedSender.NewRef("C"), $"P{i % 20}")).ToArray();

        var result = await feed.VictimsAsync(rows);

        Assert.Equal(30, result.Created);
        var cases = await app.Data.QueryAsync(db => db.Cases.AsNoTracking().Include(c => c.Timeline).Where(c => c.OrganisationId == feed.Force.Id).ToListAsync());
        Assert.Equal(30, cases.Count);
        foreach (var victimCase in cases)
        {
            Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "Case", victimCase.Id));
            Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "Crime", victimCase.CrimeId));
            Assert.Equal(1, await app.Data.AuditCountAsync(AuditOperation.Collection, "Person", victimCase.PersonId));
            // The first triage note is folded into the "recorded" line: one row, and it still says the level and priority.
            var recorded = Assert.Single(victimCase.Timeline);
            Assert.Equal(TimelineKind.Recorded, recorded.Kind);
            Assert.Equal($"Case recorded from the police feed. Triaged: {VictimCase.LevelName(victimCase.EntitlementLevel)} rights, priority P{victimCase.Priority}", recorded.Summary);
        }
        Assert.Equal(20, await app.Data.QueryAsync(db => db.People.CountAsync(p => p.ForceOrganisationId == feed.Force.Id)));
        Assert.True((await InScopeAsync((db, _) => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);

        var again = await feed.VictimsAsync(rows);
        Assert.Equal(30, again.Unchanged);
        Assert.True((await InScopeAsync((db, _) => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }
}
