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

    public async Task<TriageOutcome> ApplyAsync(VictimCase victimCase, Actor actor, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var person = victimCase.Person;
        var crime = victimCase.Crime;
        var today = crime.DateReported ?? DateOnly.FromDateTime(actor.Now);
        var since = today.AddMonths(-o.RepeatVictimMonths);
        var personId = person.Id;

        // Crimes of this person reported in the window: saved ones from the database, new ones from the tracker.
        var saved = await db.Cases.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Crime.DateReported != null && c.Crime.DateReported > since && c.Crime.DateReported <= today)
            .Select(c => c.CrimeId)
            .ToListAsync(ct);
        var added = db.ChangeTracker.Entries<VictimCase>()
            .Where(e => e.State == EntityState.Added && e.Entity.PersonId == personId)
            .Select(e => e.Entity.Crime)
            .Where(c => c.DateReported is { } d && d > since && d <= today)
            .Select(c => c.Id);
        var crimes = saved.Concat(added).Append(crime.Id).Distinct().Count();

        var input = new TriageInput(
            victimCase.Role,
            Flags.Parse(crime.OffenceFlags).ToHashSet(StringComparer.Ordinal),
            Flags.Parse(person.VulnerabilityFlags).ToHashSet(StringComparer.Ordinal),
            Flags.Parse(person.ContactRestrictions).ToHashSet(StringComparer.Ordinal),
            person.DateOfBirth,
            crime.DateOfOffence ?? crime.DateReported,
            crimes);
        var outcome = Triage.Assess(input, o);
        victimCase.ApplyTriage(outcome.Level, outcome.EnhancedReasons, outcome.Priority, outcome.PriorityReasons, outcome.RepeatVictim, actor);
        return outcome;
    }
}
