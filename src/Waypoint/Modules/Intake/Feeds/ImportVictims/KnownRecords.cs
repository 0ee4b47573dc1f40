using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.ImportVictims;

/// <summary>
/// The people, crimes and cases a batch refers to, loaded (tracked) in a few queries, plus those the batch creates.
/// Each list goes as one array parameter (EF.Parameter), so the query is compiled once, whatever the batch's size.
/// </summary>
internal sealed class KnownRecords
{
    private readonly Dictionary<(Guid, string), Person> _people = [];
    private readonly Dictionary<(Guid, string), Crime> _crimes = [];
    private readonly Dictionary<(Guid, Guid), VictimCase> _cases = [];
    private readonly HashSet<Guid> _newPeople = [];

    public static async Task<KnownRecords> LoadAsync(AppDbContext db, IEnumerable<VictimRow> rows, CancellationToken ct)
    {
        var known = new KnownRecords();
        foreach (var force in rows.GroupBy(r => r.ForceId))
        {
            var forceId = force.Key;
            var personRefs = force.Select(r => r.PersonReference).Distinct().ToList();
            var crimeRefs = force.Select(r => r.CrimeReference).Distinct().ToList();
            foreach (var p in await db.People.Where(p => p.ForceOrganisationId == forceId && EF.Parameter(personRefs).Contains(p.PersonReference!)).ToListAsync(ct))
            {
                known._people[(forceId, p.PersonReference!)] = p;
            }
            foreach (var c in await db.Crimes.Where(c => c.ForceOrganisationId == forceId && EF.Parameter(crimeRefs).Contains(c.CrimeReference!)).ToListAsync(ct))
            {
                known._crimes[(forceId, c.CrimeReference!)] = c;
            }
        }
        var personIds = known._people.Values.Select(p => p.Id).ToList();
        var crimeIds = known._crimes.Values.Select(c => c.Id).ToList();
        if (personIds.Count > 0 && crimeIds.Count > 0)
        {
            // Person and Crime are already tracked, so the navigations are fixed up without an Include.
            foreach (var vc in await db.Cases.Where(c => EF.Parameter(personIds).Contains(c.PersonId) && EF.Parameter(crimeIds).Contains(c.CrimeId)).ToListAsync(ct))
            {
                known._cases[(vc.PersonId, vc.CrimeId)] = vc;
            }
        }
        return known;
    }

    public Person? Person(Guid forceId, string reference) => _people.GetValueOrDefault((forceId, reference));

    public Crime? Crime(Guid forceId, string reference) => _crimes.GetValueOrDefault((forceId, reference));

    public VictimCase? Case(Guid personId, Guid crimeId) => _cases.GetValueOrDefault((personId, crimeId));

    public bool IsNew(Person person) => _newPeople.Contains(person.Id);

    /// <summary>The people this batch creates: they have no saved cases yet.</summary>
    public IReadOnlySet<Guid> NewPeople => _newPeople;

    public void Add(Guid forceId, Person person)
    {
        _people[(forceId, person.PersonReference!)] = person;
        _newPeople.Add(person.Id);
    }

    public void Add(Guid forceId, Crime crime) => _crimes[(forceId, crime.CrimeReference!)] = crime;

    public void Add(VictimCase victimCase) => _cases[(victimCase.PersonId, victimCase.CrimeId)] = victimCase;
}
