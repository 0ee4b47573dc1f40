using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Imports;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.ImportVictims;

/// <summary>
/// The victims feed: the key (force, crime reference, person reference) finds or makes the person (one per
/// person reference within a force), the crime and the case; a known key whose normalised row is unchanged writes
/// nothing, a changed one updates the details (the audit log keeps each altered field) with a timeline note.
/// New people, crimes and cases are not tracked: they go into the batch's bulk insert (<see cref="QueueNewRecords"/>).
/// </summary>
internal sealed class VictimRowImporter(AppDbContext db, CaseTriage triage, CodeClocks clocks, WorkingDays workingDays) : IFeedRowImporter
{
    public FeedKind Feed => FeedKind.Victims;

    public async Task<IReadOnlyList<RowOutcome>> ImportAsync(IReadOnlyList<FeedRow> rows, ImportContext context, ImportBatch batch, CancellationToken ct)
    {
        var actor = context.Actor;
        var today = Platform.Calendar.UkTime.Today(actor.Now);
        var outcomes = new RowOutcome[rows.Count];
        var valid = new List<(int Index, VictimRow Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, reasons, force, crime) = VictimRow.Validate(rows[i], context.Forces, today);
            if (row is null)
            {
                outcomes[i] = RowOutcome.Quarantine(reasons, force, crime);
            }
            else
            {
                valid.Add((i, row));
            }
        }

        var known = await KnownRecords.LoadAsync(db, valid.Select(v => v.Row), ct);
        var touched = new List<VictimCase>();
        var newCasesOfKnownPeople = new HashSet<Guid>();
        foreach (var (index, row) in valid)
        {
            outcomes[index] = Apply(row, known, batch, touched, newCasesOfKnownPeople, context);
        }

        var newCases = batch.NewCases.Select(c => c.Id).ToHashSet();
        var levelsBefore = touched.Where(c => !newCases.Contains(c.Id)).ToDictionary(c => c.Id, c => c.EntitlementLevel);
        await triage.ApplyAsync(touched, actor, ct, unsaved: batch.NewCases, newPeople: known.NewPeople);
        var retriaged = await RetriageOtherCasesAsync(newCasesOfKnownPeople, touched, context, levelsBefore, ct);
        // Re-assessment: a case whose level changed gets its open clocks' due dates recalculated (and says so).
        var levelChanged = touched.Concat(retriaged).Where(c => levelsBefore.TryGetValue(c.Id, out var level) && level != c.EntitlementLevel).ToList();
        await clocks.ReassessAsync(levelChanged, actor, ct);
        var targets = await clocks.TargetsAsync(actor.OrganisationId, ct);
        var calendar = await workingDays.CalendarAsync(ct);
        QueueNewRecords(batch, targets, calendar, actor);
        return outcomes;
    }

    /// <summary>
    /// The batch's new cases are triaged: queue what each one brings with it. The first triage note is folded into
    /// the "Case recorded" line (one timeline row instead of two; the case page shows the reasons from the case).
    /// Further records that every new case needs (its Victims' Code obligations...) are queued here, with
    /// <c>batch.Add(...)</c>, and are written in the same bulk insert.
    /// </summary>
    private static void QueueNewRecords(ImportBatch batch, IReadOnlyDictionary<string, RuleTarget> targets, WorkingDayCalendar calendar, Platform.Security.Actor actor)
    {
        foreach (var victimCase in batch.NewCases)
        {
            // Its Victims' Code clocks (R3-ACK, R4-REF, R4-NA) from the report date, as every other way in does.
            batch.New.AddRange(CodeClocks.ForNewCase(victimCase, targets, calendar, actor.Now));
            if (victimCase.Timeline is [{ Kind: TimelineKind.Recorded } recorded, { Kind: TimelineKind.Triaged } triaged])
            {
                batch.Add(new TimelineEntry(victimCase.Id, TimelineKind.Recorded, $"{recorded.Summary}. {triaged.Summary}", actor));
            }
            else
            {
                foreach (var entry in victimCase.Timeline)
                {
                    batch.Add(entry);
                }
            }
        }
    }

    private RowOutcome Apply(VictimRow r, KnownRecords known, ImportBatch batch, List<VictimCase> touched, HashSet<Guid> newCasesOfKnownPeople, ImportContext context)
    {
        var actor = context.Actor;
        var person = known.Person(r.ForceId, r.PersonReference);
        var crime = known.Crime(r.ForceId, r.CrimeReference);
        var existing = person is null || crime is null ? null : known.Case(person.Id, crime.Id);
        if (existing is not null)
        {
            if (existing.OrganisationId != actor.OrganisationId)
            {
                return RowOutcome.Quarantine([$"person_reference '{r.PersonReference}' on crime_reference '{r.CrimeReference}' is a case of another organisation"], r.ForceCode, r.CrimeReference);
            }
            if (existing.FeedRowHash == r.Hash)
            {
                return new RowOutcome(RowOutcomeKind.Unchanged, [], r.ForceCode, r.CrimeReference, $"case {existing.Id} unchanged");
            }
            var changed = new List<string>();
            changed.AddRange(Changes.Apply(db, person!, () => person!.Update(r.Person)));
            changed.AddRange(Changes.Apply(db, crime!, () => crime!.Update(r.Crime)));
            if (existing.Role != r.Role)
            {
                existing.ChangeRole(r.Role, actor);
                changed.Add("role");
            }
            if (r.Consent is { } consent && consent != existing.ReferralConsent)
            {
                existing.SetReferralConsent(consent);
                changed.Add("consent_to_referral");
            }
            existing.MarkFeedRow(r.Hash);
            if (changed.Count == 0)
            {
                return new RowOutcome(RowOutcomeKind.Unchanged, [], r.ForceCode, r.CrimeReference, $"case {existing.Id} unchanged");
            }
            existing.Note(TimelineKind.FeedUpdate, "Updated from the police feed: " + string.Join(", ", changed), actor);
            touched.Add(existing);
            return new RowOutcome(RowOutcomeKind.Updated, [], r.ForceCode, r.CrimeReference, $"case {existing.Id} updated: {string.Join(", ", changed)}");
        }

        if (person is null)
        {
            person = new Person(actor.OrganisationId, r.ForceId, r.PersonReference, r.Person, actor.Now);
            batch.Add(person);
            known.Add(r.ForceId, person);
        }
        else
        {
            person.Update(r.Person);
            if (!known.IsNew(person))
            {
                newCasesOfKnownPeople.Add(person.Id);
            }
        }
        if (crime is null)
        {
            crime = new Crime(r.ForceId, r.CrimeReference, r.Crime, actor.Now);
            batch.Add(crime);
            known.Add(r.ForceId, crime);
        }
        else
        {
            crime.Update(r.Crime);
        }
        var victimCase = new VictimCase(actor.OrganisationId, person, crime, r.Role, CaseSource.PoliceFeed, null, actor);
        victimCase.SetReferralConsent(r.Consent ?? ReferralConsent.NotAsked);
        victimCase.MarkFeedRow(r.Hash);
        batch.AddCase(victimCase);
        known.Add(victimCase);
        touched.Add(victimCase);
        return new RowOutcome(RowOutcomeKind.Created, [], r.ForceCode, r.CrimeReference, $"case {victimCase.Id} created");
    }

    /// <summary>A new crime for a known person can make them a repeat victim: their other cases are triaged again.</summary>
    private async Task<IReadOnlyList<VictimCase>> RetriageOtherCasesAsync(HashSet<Guid> personIds, List<VictimCase> touched, ImportContext context, Dictionary<Guid, EntitlementLevel> levelsBefore, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return [];
        }
        var ids = personIds.ToList();
        var done = touched.Select(t => t.Id).ToHashSet();
        var others = await db.Cases.Include(c => c.Person).Include(c => c.Crime)
            .Where(c => EF.Parameter(ids).Contains(c.PersonId) && c.Status != CaseStatus.Closed)
            .ToListAsync(ct);
        var retriage = others.Where(o => !done.Contains(o.Id)).ToList();
        foreach (var other in retriage)
        {
            levelsBefore[other.Id] = other.EntitlementLevel;
        }
        await triage.ApplyAsync(retriage, context.Actor, ct);
        return retriage;
    }
}
