using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.FindCases;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Benchmarks;

/// <summary>
/// The case list as an officer opens it, on SQLite with 20,000 cases: Waypoint's handler (visibility filter,
/// paging, the projection, and the consultation entry appended to the audit chain) against a hand-written SQL
/// count and page over the same rows in the same process (the baseline).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CaseSearchBenchmarks
{
    private const int Cases = 20_000;
    private string _connection = "";
    private Actor _actor = null!;
    private string _dbFile = "";

    [GlobalSetup]
    public void Setup()
    {
        _dbFile = Path.Combine(Path.GetTempPath(), $"waypoint-bench-{Guid.NewGuid():N}.db");
        _connection = DatabaseSetup.SqliteConnectionString($"Data Source={_dbFile}", Path.GetTempPath());
        using var db = NewContext();
        db.Database.Migrate();
        var now = DateTime.UtcNow;
        var org = new Organisation("BN", "Benchmark Police", OrganisationType.PoliceForce, now);
        var team = new Team(org.Id, "Victim Care", now);
        db.Organisations.Add(org);
        db.Teams.Add(team);
        db.SaveChanges();
        var seeder = Actor.System(org.Id, now, "bench");
        var random = new Random(42);
        string[] surnames = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall"];
        for (var batch = 0; batch < Cases / 1000; batch++)
        {
            using var batchDb = NewContext();
            for (var i = 0; i < 1000; i++)
            {
                var n = (batch * 1000) + i;
                var crime = new Crime(org.Id, $"BN/26/{n:D6}", new CrimeDetails("8N", "Assault occasioning actual bodily harm", DateOnly.FromDateTime(now).AddDays(-random.Next(0, 365)), null, null, null, null, null), now);
                var person = new Person(org.Id, org.Id, $"BNP{n:D7}", new PersonDetails("Alex", surnames[random.Next(surnames.Length)] + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), null, null, null, "07700 900000", null, null, null, null, null, null, false), now);
                var c = new VictimCase(org.Id, person, crime, PersonRole.Victim, CaseSource.PoliceFeed, null, seeder);
                if (n % 3 != 0)
                {
                    c.Allocate(team.Id, team.Name, null, null, seeder);
                }
                batchDb.Cases.Add(c);
            }
            batchDb.SaveChanges();
        }
        _actor = new Actor
        {
            UserId = Guid.CreateVersion7(),
            Name = "Bench Officer",
            OrganisationId = org.Id,
            OrganisationName = org.Name,
            OrganisationCode = org.Code,
            Roles = new HashSet<string> { Roles.VictimCareOfficer },
            Now = now,
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_dbFile);
    }

    private SqliteAppDbContext NewContext(AuditScope? audit = null) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options, audit);

    [Benchmark(Baseline = true, Description = "hand-written SQL: count + first page")]
    public async Task<int> HandWrittenSql()
    {
        await using var connection = new SqliteConnection(_connection);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cases WHERE OrganisationId = $org AND Restricted = 0";
        count.Parameters.AddWithValue("$org", _actor.OrganisationId.ToString().ToUpperInvariant());
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var page = connection.CreateCommand();
        page.CommandText = """
            SELECT c.Id, cr.CrimeReference, p.PersonReference, p.FirstName, p.LastName, c.Status, cr.OffenceDescription, cr.DateReported, t.Name
            FROM cases c JOIN people p ON p.Id = c.PersonId JOIN crimes cr ON cr.Id = c.CrimeId LEFT JOIN teams t ON t.Id = c.TeamId
            WHERE c.OrganisationId = $org AND c.Restricted = 0
            ORDER BY c.CreatedAt DESC, c.Id LIMIT 25
            """;
        page.Parameters.AddWithValue("$org", _actor.OrganisationId.ToString().ToUpperInvariant());
        await using var reader = await page.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }
        return total + rows;
    }

    [Benchmark(Description = "FindCasesHandler: first page, audited")]
    public async Task<int> WaypointFirstPage()
    {
        await using var db = NewContext(new AuditScope { Actor = _actor });
        var handler = new FindCasesHandler(db, db.Audit);
        var result = await handler.HandleAsync(new FindCasesQuery(), _actor, CancellationToken.None);
        return result.Value!.Total + result.Value.Items.Count;
    }

    [Benchmark(Description = "FindCasesHandler: surname search, audited")]
    public async Task<int> WaypointSurnameSearch()
    {
        await using var db = NewContext(new AuditScope { Actor = _actor });
        var handler = new FindCasesHandler(db, db.Audit);
        var result = await handler.HandleAsync(new FindCasesQuery { Q = "hughes" }, _actor, CancellationToken.None);
        return result.Value!.Total + result.Value.Items.Count;
    }
}
