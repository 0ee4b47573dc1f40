using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Triage;

/// <summary>
/// Triage for a case that is tracked by the context: counts the person's crimes in the repeat-victim window
/// (cases already saved plus those added in this unit of work), runs the rules, and applies the outcome.
/// Call it after creating a case, after a feed update, and when flags change; overrides survive.
/// </summary>
public sealed class CaseTriage(AppDbContext db, IOptionsMonitor<TriageOptions> options)
{
    public TriageOptions Options => options.CurrentValue;

    public async Task<TriageOutcome> ApplyAsync(VictimCase victimCase, Actor actor, CancellationToken ct) =>
        (await ApplyAsync([victimCase], actor, ct))[0];

    /// <summary>
    /// Triage for many cases at once (a feed batch): one query for all their people's crimes, then the rules for each.
    /// <paramref name="unsaved"/>: new cases of this unit of work that the context does not track (a feed batch's
    /// bulk insert); they count towards repeat victimisation as the tracked added ones do. <paramref name="newPeople"/>:
    /// people created in this unit of work, who have no saved cases to look up.
    /// </summary>
    public async Task<IReadOnlyList<TriageOutcome>> ApplyAsync(IReadOnlyList<VictimCase> cases, Actor actor, CancellationToken ct,
        IReadOnlyList<VictimCase>? unsaved = null, IReadOnlySet<Guid>? newPeople = null)
    {
        var o = options.CurrentValue;
        var personIds = cases.Select(c => c.PersonId).Distinct().ToList();

        // Every crime of these people with its report date: saved ones from the database, new ones from the tracker.
        var crimes = new Dictionary<Guid, Dictionary<Guid, DateOnly?>>();
        void Add(Guid person, Guid crime, DateOnly? reported)
        {
            if (!crimes.TryGetValue(person, out var set))
            {
                crimes[person] = set = [];
            }
            set[crime] = reported;
        }
        // One array parameter per chunk (EF.Parameter): one compiled query whatever the count.
        foreach (var chunk in personIds.Where(id => newPeople?.Contains(id) != true).Chunk(2000))
        {
            var ids = chunk.ToList();
            foreach (var row in await db.Cases.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.PersonId))
                         .Select(c => new { c.PersonId, c.CrimeId, c.Crime.DateReported }).ToListAsync(ct))
            {
                Add(row.PersonId, row.CrimeId, row.DateReported);
            }
        }
        var wanted = personIds.ToHashSet();
        var added = db.ChangeTracker.Entries<VictimCase>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);
        foreach (var victimCase in unsaved is null ? added : added.Concat(unsaved))
        {
            if (wanted.Contains(victimCase.PersonId))
            {
                Add(victimCase.PersonId, victimCase.CrimeId, victimCase.Crime.DateReported);
            }
        }

        var outcomes = new List<TriageOutcome>(cases.Count);
        foreach (var victimCase in cases)
        {
            var person = victimCase.Person;
            var crime = victimCase.Crime;
            var today = crime.DateReported ?? DateOnly.FromDateTime(actor.Now);
            var since = today.AddMonths(-o.RepeatVictimMonths);
            var theirs = crimes.GetValueOrDefault(victimCase.PersonId) ?? [];
            theirs[crime.Id] = crime.DateReported;
            var inWindow = theirs.Count(kv => kv.Key == crime.Id || (kv.Value is { } d && d > since && d <= today));

            var input = new TriageInput(
                victimCase.Role,
                Flags.Parse(crime.OffenceFlags).ToHashSet(StringComparer.Ordinal),
                Flags.Parse(person.VulnerabilityFlags).ToHashSet(StringComparer.Ordinal),
                Flags.Parse(person.ContactRestrictions).ToHashSet(StringComparer.Ordinal),
                person.DateOfBirth,
                crime.DateOfOffence ?? crime.DateReported,
                inWindow);
            var outcome = Triage.Assess(input, o);
            victimCase.ApplyTriage(outcome.Level, outcome.EnhancedReasons, outcome.Priority, outcome.PriorityReasons, outcome.RepeatVictim, actor);
            outcomes.Add(outcome);
        }
        return outcomes;
    }
}
