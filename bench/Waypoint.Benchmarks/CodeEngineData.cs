using Microsoft.Extensions.DependencyInjection;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Database.Bulk;
using Waypoint.Platform.Security;

namespace Waypoint.Benchmarks;

/// <summary>
/// A national-scale Code engine: organisations with teams and officers, cases recorded over two years, and about five
/// obligations per case (R3-ACK, R4-REF, R4-NA and two Right 6 events), built with the domain's own verbs so that the
/// mix of met, late, not applicable, overdue and open is what the product would store. Written with the bulk path.
/// Deterministic for a given size.
/// </summary>
internal static class CodeEngineData
{
    public const int Organisations = 10;
    public const int TeamsPerOrganisation = 8;
    public const int OfficersPerTeam = 12;

    private static readonly InvestigationEventType[] Events =
    [
        InvestigationEventType.SuspectArrested, InvestigationEventType.SuspectInterviewedUnderCaution, InvestigationEventType.SuspectBailed,
        InvestigationEventType.SuspectReleasedUnderInvestigation, InvestigationEventType.SuspectCharged, InvestigationEventType.SuspectReleasedNoFurtherAction,
    ];

    public sealed record Staff(Guid OrganisationId, Guid TeamId, string TeamName, Guid OfficerId, string OfficerName, Guid LeaderId);

    public sealed record Seeded(IReadOnlyList<Organisation> Organisations, IReadOnlyList<Staff> Officers, long Cases, long Obligations);

    public static async Task<Seeded> SeedAsync(IServiceProvider services, int cases, DateTime now, Action<string> progress)
    {
        var random = new Random(20261123);
        var (orgs, staff) = await StaffAsync(services, now);
        using (var scope = services.CreateScope())
        {
            var calendar = await scope.ServiceProvider.GetRequiredService<WorkingDays>().CalendarAsync();
            var targets = CodeRules.All.ToDictionary(r => r.Id, r => RuleTarget.Default(Guid.Empty, r), StringComparer.Ordinal);
            var today = UkTime.Today(now);
            var staffByOrg = staff.GroupBy(s => s.OrganisationId).ToDictionary(g => g.Key, g => g.ToList());
            var actors = staff.ToDictionary(s => s.OfficerId, s => new Actor { UserId = s.OfficerId, Name = s.OfficerName, OrganisationId = s.OrganisationId, OrganisationName = "", OrganisationCode = "", Now = now });
            long obligations = 0;
            const int chunk = 20_000;
            for (var start = 0; start < cases; start += chunk)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var people = new List<Person>(chunk);
                var crimes = new List<Crime>(chunk);
                var victimCases = new List<VictimCase>(chunk);
                var started = new List<Obligation>(chunk * 5);
                for (var i = start; i < Math.Min(cases, start + chunk); i++)
                {
                    var org = orgs[i % orgs.Count];
                    var reported = today.AddDays(-random.Next(0, 730));
                    var recordedAt = UkTime.StartOfDay(reported).AddHours(8 + random.Next(0, 10));
                    var system = Actor.System(org.Id, recordedAt, "benchmark");
                    var crime = new Crime(org.Id, $"{org.Code}/{reported:yy}/{i:D7}", new CrimeDetails("8N", "Assault occasioning actual bodily harm", reported, reported.AddDays(-random.Next(0, 5)), "DC Bench", null, null, null), recordedAt);
                    var person = new Person(org.Id, org.Id, $"P{i:D8}", new PersonDetails("Sam", $"Bench{i % 5000:D4}", null, new DateOnly(1970 + (i % 40), 1 + (i % 12), 1 + (i % 28)), null, "07700 900000", null, null, null, "Ashbury", null, "en", false), recordedAt);
                    var victimCase = new VictimCase(org.Id, person, crime, PersonRole.Victim, CaseSource.PoliceFeed, null, system);
                    var enhanced = random.Next(0, 10) < 3;
                    victimCase.ApplyTriage(enhanced ? EntitlementLevel.Enhanced : EntitlementLevel.Standard, enhanced ? ["vulnerable"] : [], enhanced ? 2 : 3, [], false, system);
                    var roll = random.Next(0, 100);
                    Staff? officer = null;
                    if (roll < 95)
                    {
                        var teamStaff = staffByOrg[org.Id];
                        var pick = teamStaff[random.Next(teamStaff.Count)];
                        officer = roll < 85 ? pick : null;
                        victimCase.Allocate(pick.TeamId, pick.TeamName, officer?.OfficerId, officer?.OfficerName, system);
                    }
                    people.Add(person);
                    crimes.Add(crime);
                    victimCases.Add(victimCase);

                    var own = CodeClocks.ForNewCase(victimCase, targets, calendar, recordedAt).ToList();
                    var age = today.DayNumber - reported.DayNumber;
                    for (var e = 0; e < 2; e++)
                    {
                        var eventAt = recordedAt.AddDays(random.Next(0, Math.Max(1, Math.Min(age, 120))));
                        var type = Events[random.Next(Events.Length)];
                        own.Add(Obligation.Start(CodeRules.Get(CodeClocks.RuleFor(type)!), targets[CodeClocks.RuleFor(type)!], CodeClocks.Subject(victimCase),
                            TriggerKind.InvestigationEvent, Guid.CreateVersion7(), InvestigationEvent.Describe(type), eventAt, calendar, eventAt));
                    }
                    var worker = officer is null ? Actor.System(org.Id, now, "benchmark") : actors[officer.OfficerId];
                    foreach (var o in own)
                    {
                        Work(o, victimCase, worker, today, random);
                    }
                    started.AddRange(own);
                }
                await using (var tx = await db.Database.BeginTransactionAsync())
                {
                    await BulkWriter.InsertAsync(db, people, default);
                    await BulkWriter.InsertAsync(db, crimes, default);
                    await BulkWriter.InsertAsync(db, victimCases, default);
                    await BulkWriter.InsertAsync(db, started, default);
                    await tx.CommitAsync();
                }
                obligations += started.Count;
                progress($"  {Math.Min(cases, start + chunk):N0} cases, {obligations:N0} obligations");
            }
            return new Seeded(orgs, staff, cases, obligations);
        }
    }

    /// <summary>What happened to one obligation: past due ones mostly met, some late, a few set aside, some still open.</summary>
    private static void Work(Obligation o, VictimCase victimCase, Actor worker, DateOnly today, Random random)
    {
        var roll = random.Next(0, 100);
        var due = UkTime.StartOfDay(o.DueOn).AddHours(12);
        DateTime? doneAt = o.DueOn < today
            ? roll switch { < 75 => o.TriggeredAt.AddHours(random.Next(1, Math.Max(2, (int)(due - o.TriggeredAt).TotalHours))), < 85 => due.AddDays(random.Next(1, 10)), _ => null }
            : roll < 30 ? o.TriggeredAt.AddHours(1) : null;
        if (o.DueOn < today && roll is >= 85 and < 90)
        {
            o.MarkNotApplicable("The victim asked not to be contacted again", worker);
            return;
        }
        if (doneAt is { } at && at <= worker.Now)
        {
            var kind = CodeRules.Get(o.Rule).MetBy[0];
            var action = CaseAction.Record(victimCase.OrganisationId, victimCase.Id, kind, at, "Done", worker).Value!;
            o.Meet(action, worker);
        }
    }

    private static async Task<(List<Organisation>, List<Staff>)> StaffAsync(IServiceProvider services, DateTime now)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgs = new List<Organisation>();
        var staff = new List<Staff>();
        for (var o = 0; o < Organisations; o++)
        {
            var org = new Organisation($"F{o:D2}", $"Benchmark Force {o}", OrganisationType.PoliceForce, now);
            db.Organisations.Add(org);
            orgs.Add(org);
            for (var t = 0; t < TeamsPerOrganisation; t++)
            {
                var team = new Team(org.Id, $"Team {o}-{t}", now);
                db.Teams.Add(team);
                var leader = new AppUser { OrganisationId = org.Id, DisplayName = $"Leader {o}-{t}", UserName = $"lead{o}x{t}", NormalizedUserName = $"LEAD{o}X{t}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString() };
                leader.Teams.Add(new UserTeam { UserId = leader.Id, TeamId = team.Id });
                db.Users.Add(leader);
                for (var u = 0; u < OfficersPerTeam; u++)
                {
                    var user = new AppUser { OrganisationId = org.Id, DisplayName = $"Officer {o}-{t}-{u}", UserName = $"vco{o}x{t}x{u}", NormalizedUserName = $"VCO{o}X{t}X{u}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString() };
                    user.Teams.Add(new UserTeam { UserId = user.Id, TeamId = team.Id });
                    db.Users.Add(user);
                    staff.Add(new Staff(org.Id, team.Id, team.Name, user.Id, user.DisplayName, leader.Id));
                }
            }
        }
        await db.SaveChangesAsync();
        return (orgs, staff);
    }
}
