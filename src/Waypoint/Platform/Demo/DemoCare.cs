using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Assessment.Dash;
using Waypoint.Modules.Care.Closure;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Plan.Outcomes;
using Waypoint.Modules.Care.Plan.Shared;
using Waypoint.Modules.Care.Referrals.Shared;
using Waypoint.Modules.Care.SafeContact.Protocols;
using Waypoint.Modules.Care.Tasks;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Platform.Demo;

/// <summary>
/// Care work on a handful of each force's demo cases allocated to its demo Victim Care Officer, so the demo looks
/// lived in: safe-contact profiles and contact attempts (one to try again within the hour), a domestic-abuse protocol,
/// THRIVE, needs assessments, a high-risk DASH with its MARAC task, consent and referrals, signposting, a support plan
/// with a review due this week, outcome measures, intelligence still to pass on, a letter sent, a closed case and a
/// high-risk closure waiting for the Team Leader. Everything goes through the domain's own constructors and verbs;
/// times are Europe/London working hours on earlier working days, or minutes before <c>now</c> for today.
/// </summary>
internal sealed class DemoCare(AppDbContext db, CaseTasks tasks, IOptions<DashOptions> dashOptions, IOptions<ProtocolOptions> protocolOptions,
    IOptions<OutcomeOptions> outcomeOptions, IOptions<ClosureOptions> closureOptions)
{
    /// <summary>One force's care work, for the cases of <paramref name="officerId"/>. The caller has saved the cases; this saves once.</summary>
    public async Task SeedAsync(Faker f, Organisation force, Guid officerId, DateTime now, CancellationToken ct)
    {
        var officerName = await db.Users.Where(u => u.Id == officerId).Select(u => u.DisplayName).SingleAsync(ct);
        var today = UkTime.Today(now);
        var mine = (await db.Cases.Include(c => c.Person).Include(c => c.Crime)
                .Where(c => c.OrganisationId == force.Id && c.AllocatedOfficerId == officerId && !c.Restricted && c.Status == CaseStatus.Active && c.Role == PersonRole.Victim)
                .ToListAsync(ct))
            .Where(c => c.Person.BusinessName is null && c.Person.DateOfBirth is { } dob && dob.AddYears(18) <= today)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Crime.CrimeReference, StringComparer.Ordinal)
            .ToList();
        var services = await db.SupportServices.Where(s => s.OrganisationId == force.Id).ToDictionaryAsync(s => s.ServiceType ?? s.Name, ct);
        var templates = await db.MessageTemplates.Include(t => t.Versions).Where(t => t.OrganisationId == force.Id).ToListAsync(ct);
        var work = new Work(this, f, force, officerId, officerName, now, services, templates);
        var persons = new HashSet<Guid>();

        // Flags a case carries: used to choose a fitting case for each story.
        static bool Has(VictimCase c, string flag) => Flags.Parse(c.Crime.OffenceFlags).Contains(flag);
        static bool DomesticAbuse(VictimCase c) => Has(c, "domestic_abuse");
        static bool Ordinary(VictimCase c) => !Has(c, "domestic_abuse") && !Has(c, "sexual_offence") && !Has(c, "modern_slavery");
        VictimCase? Pick(int minDaysOld, params Func<VictimCase, bool>[] preferences)
        {
            foreach (var preference in preferences.Append(_ => true))
            {
                var found = mine.FirstOrDefault(c => !persons.Contains(c.PersonId) && c.CreatedAt <= now.AddDays(-minDaysOld) && preference(c));
                if (found is not null)
                {
                    persons.Add(found.PersonId);
                    return found;
                }
            }
            return null;
        }

        // Oldest stories first, so each takes a case old enough for its history.
        if (Pick(70, Ordinary) is { } closed)
        {
            work.ClosedAfterSupport(closed);
        }
        if (Pick(50, DomesticAbuse, c => Has(c, "stalking_harassment")) is { } awaitingApproval)
        {
            await work.HighRiskAwaitingClosureAsync(awaitingApproval, ct);
        }
        if (Pick(12, DomesticAbuse, c => Has(c, "stalking_harassment")) is { } highRisk)
        {
            await work.HighRiskDomesticAbuseAsync(highRisk, ct);
        }
        if (Pick(25, c => Ordinary(c) && !Has(c, "fraud")) is { } planned)
        {
            work.SupportPlanWithReferral(planned);
        }
        if (Pick(14, c => Has(c, "fraud") || Has(c, "hate_crime"), Ordinary) is { } intelligence)
        {
            work.IntelligenceAndLetter(intelligence);
        }
        if (Pick(6, Ordinary) is { } tryAgain)
        {
            work.NoAnswerTryAgain(tryAgain);
        }
        await db.SaveChangesAsync(ct);
    }

    private AppDbContext Db => db;
    private CaseTasks Tasks => tasks;
    private DashOptions Dash => dashOptions.Value;
    private IReadOnlyList<ContactProtocol> Protocols => protocolOptions.Value.Protocols;
    private IReadOnlyList<OutcomeQuestion> OutcomeQuestions => outcomeOptions.Value.QuestionsInForce;
    private IReadOnlyList<ClosureReason> ClosureReasons => closureOptions.Value.ReasonsInForce;

    /// <summary>The stories, told as one officer in one force.</summary>
    private sealed class Work(DemoCare owner, Faker f, Organisation force, Guid officerId, string officerName, DateTime now,
        Dictionary<string, SupportService> services, List<MessageTemplate> templates)
    {
        private readonly List<ContactAttempt> _tryAgainOpen = [];
        private CaseTask? _lastTask;

        private AppDbContext Db => owner.Db;
        private DemoCare Owner => owner;

        // ---- time ------------------------------------------------------------------------------------------------

        /// <summary>A Europe/London working-hours moment <paramref name="workingDaysAgo"/> working days before today (weekends skipped), with a few minutes' jitter.</summary>
        private DateTime Day(int workingDaysAgo, int hour, int minute)
        {
            var day = UkTime.Today(now);
            for (var n = 0; n < workingDaysAgo;)
            {
                day = day.AddDays(-1);
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    n++;
                }
            }
            // Weekends are skipped, so no day here has a clock change: local midnight plus the hours is exact.
            var at = UkTime.StartOfDay(day).AddHours(hour).AddMinutes(minute + f.Random.Int(0, 9));
            return at < now ? at : now.AddMinutes(-5);
        }

        /// <summary>Today, <paramref name="minutes"/> minutes ago.</summary>
        private DateTime Ago(int minutes) => now.AddMinutes(-minutes);

        private static DateOnly DateOf(DateTime utc) => UkTime.Today(utc);

        private Actor Officer(DateTime at) => new()
        {
            UserId = officerId,
            Name = officerName,
            OrganisationId = force.Id,
            OrganisationName = force.Name,
            OrganisationCode = force.Code,
            Roles = new HashSet<string> { Roles.VictimCareOfficer },
            Now = at,
        };

        // ---- building blocks (each mirrors what its handler does, with the same timeline line) -----------------

        private ContactProfile Profile(VictimCase c, DateTime at, Action<ContactProfile> fill)
        {
            var profile = new ContactProfile(force.Id, c.PersonId, Officer(at));
            profile.PreferredLanguage = c.Person.PreferredLanguage;
            profile.InterpreterNeeded = c.Person.InterpreterRequired;
            fill(profile);
            profile.FirstSaved();
            profile.Touch(Officer(at));
            Db.ContactProfiles.Add(profile);
            c.Note(TimelineKind.SafeContact, "Safe-contact profile recorded", Officer(at));
            return profile;
        }

        private void Protocol(VictimCase c, DateTime at)
        {
            var flags = Flags.Parse(c.Crime.OffenceFlags).Concat(Flags.Parse(c.Person.ContactRestrictions)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var protocol in Owner.Protocols.Where(p => p.AppliesToFlags.Any(flags.Contains)))
            {
                Db.ProtocolCompletions.Add(new ProtocolCompletion(c.Id, protocol.Id, string.Join('\n', protocol.Items), officerId, officerName, at));
                c.Note(TimelineKind.SafeContact, $"{protocol.Name} contact protocol completed", Officer(at));
            }
        }

        private ContactAttempt Contact(VictimCase c, DateTime at, ContactChannel channel, ContactDirection direction, ContactOutcome outcome, string notes, DateTime? tryAgainAt = null)
        {
            var actor = Officer(at);
            foreach (var earlier in _tryAgainOpen.Where(a => a.CaseId == c.Id).ToList())
            {
                earlier.TryAgainDone(at);
                _tryAgainOpen.Remove(earlier);
            }
            var attempt = new ContactAttempt(force.Id, c.Id, channel, direction, outcome, at, notes, tryAgainAt, null, null, actor);
            Db.ContactAttempts.Add(attempt);
            if (tryAgainAt is not null)
            {
                _tryAgainOpen.Add(attempt);
            }
            var what = $"{ContactProfile.ChannelName(channel)} ({(direction == ContactDirection.Inbound ? "from the victim" : "to the victim")}): {OutcomeName(outcome)}";
            c.Note(TimelineKind.Contact, "Contact recorded: " + what, actor);
            if (outcome is ContactOutcome.Spoke or ContactOutcome.DeclinedSupport or ContactOutcome.MessageSent)
            {
                attempt.ActionId = Action(c, at, channel == ContactChannel.Email ? ActionKind.Email : channel == ContactChannel.TextMessage ? ActionKind.TextMessage : ActionKind.Contact,
                    what + ". " + notes, attempt.Id);
            }
            return attempt;
        }

        private static string OutcomeName(ContactOutcome o) => o switch
        {
            ContactOutcome.Spoke => "spoke to them",
            ContactOutcome.NoAnswer => "no answer",
            ContactOutcome.LeftVoicemail => "left a voicemail",
            ContactOutcome.UnsafeToTalk => "unsafe to talk",
            ContactOutcome.DeclinedSupport => "declined support",
            ContactOutcome.MessageSent => "message sent",
            _ => o.ToString().ToLowerInvariant(),
        };

        private Guid Action(VictimCase c, DateTime at, ActionKind kind, string summary, Guid sourceId)
        {
            var text = summary.Length > CaseAction.SummaryMaxLength ? summary[..CaseAction.SummaryMaxLength] : summary;
            var action = CaseAction.Record(force.Id, c.Id, kind, at, text, Officer(at), sourceId).Value!;
            Db.CaseActions.Add(action);
            return action.Id;
        }

        private void Thrive(VictimCase c, DateTime at, string threat, string harm, string risk, string investigation, string vulnerability, string engagement,
            ThriveResponse response, string? note)
        {
            Db.ThriveAssessments.Add(new ThriveAssessment(force.Id, c.Id, threat, harm, risk, investigation, vulnerability, engagement, response, note, Officer(at)));
            c.Note(TimelineKind.Assessment, $"THRIVE recorded: {ThriveAssessment.ResponseName(response).ToLowerInvariant()}", Officer(at));
        }

        private void Needs(VictimCase c, DateTime at, int number, string summary, params (NeedArea Area, NeedLevel Level, string? Note)[] given)
        {
            var areas = Enum.GetValues<NeedArea>()
                .Select(a => given.Any(g => g.Area == a) ? given.First(g => g.Area == a) : (a, NeedLevel.None, null))
                .ToList();
            Db.NeedsAssessments.Add(new NeedsAssessment(force.Id, c.Id, number, areas, summary, Officer(at)));
            var high = areas.Where(a => a.Item2 == NeedLevel.High).Select(a => NeedsAssessment.AreaName(a.Item1).ToLowerInvariant()).ToList();
            c.Note(TimelineKind.Assessment, $"Needs assessment {number} recorded" + (high.Count == 0 ? "" : $": high need in {string.Join(", ", high)}"), Officer(at));
        }

        /// <summary>A DASH with the given "yes" and "not known" questions (1-based), every other answer "no"; the case's risk follows the score.</summary>
        private async Task<DashAssessment?> DashAsync(VictimCase c, DateTime at, int[] yes, int[] notKnown, bool newIncident, string notes, CancellationToken ct)
        {
            var o = Owner.Dash;
            if (o.Questions.Count == 0)
            {
                return null;
            }
            var answers = o.Questions.Select((q, i) => (q.Id, q.Text, yes.Contains(i + 1) ? DashAnswer.Yes : notKnown.Contains(i + 1) ? DashAnswer.NotKnown : DashAnswer.No)).ToList();
            var score = DashScoring.Score(answers.Select(a => a.Item3));
            var level = DashScoring.LevelFor(score, o.HighThreshold, o.MediumThreshold);
            var actor = Officer(at);
            var dash = new DashAssessment(force.Id, c.Id, answers, score, level, level, null, null, newIncident, notes, actor);
            Db.DashAssessments.Add(dash);
            c.AssessRisk(level, $"DASH {score} yes answers", actor);
            if (level == RiskLevel.High)
            {
                var task = await Owner.Tasks.RaiseAsync(c, CaseTaskKind.MaracReferral, "Make a MARAC referral",
                    $"DASH {score} yes answers ({o.HighThreshold} or more is high risk)", o.MaracTaskWorkingDays, dash.Id, actor, ct);
                dash.TaskId = task.Id;
                _lastTask = task;
            }
            return dash;
        }

        private ConsentRecord Consent(VictimCase c, DateTime at, SupportService service, string how, params string[] shares)
        {
            var what = string.Join("; ", ReferralText.ShareCategories.Where(s => shares.Contains(s.Value)).Select(s => s.Text));
            var method = ReferralText.MethodLabel(how)!;
            var consent = new ConsentRecord(force.Id, c.Id, service.Id, service.Name, what, DateOf(at), method, Officer(at));
            Db.ConsentRecords.Add(consent);
            c.Note(TimelineKind.Consent, $"Consent recorded to share details with {service.Name} (given {ReferralText.Date(consent.GivenOn)}, {method.ToLowerInvariant()})", Officer(at));
            return consent;
        }

        private ServiceReferral Referral(VictimCase c, DateTime at, SupportService service, ConsentRecord consent, string note)
        {
            var referral = new ServiceReferral(force.Id, c.Id, service.Id, consent.Id, null, DateOf(at), note, Officer(at));
            referral.ActionId = Action(c, at, ActionKind.Referral, $"Referred to {service.Name} with the victim's consent", referral.Id);
            Db.ServiceReferrals.Add(referral);
            c.Note(TimelineKind.Referral, $"Referred to {service.Name} with consent given {ReferralText.Date(consent.GivenOn)}", Officer(at));
            return referral;
        }

        private static void ChangeReferral(VictimCase c, DateTime at, ServiceReferral referral, SupportService service, ReferralStatus status, string outcome, Actor actor)
        {
            referral.ChangeStatus(status, outcome, at);
            c.Note(TimelineKind.Referral, $"Referral to {service.Name}: {ReferralText.StatusName(status).ToLowerInvariant()}", actor);
        }

        private void Signpost(VictimCase c, DateTime at, SupportService? service, string name, string note)
        {
            Db.Signpostings.Add(new Signposting(force.Id, c.Id, service?.Id, name, note, Officer(at)));
            c.Note(TimelineKind.Signposting, $"Signposted to {name}", Officer(at));
        }

        private void StartMeasures(VictimCase c, DateTime at, params int?[] scores)
        {
            var answers = Owner.OutcomeQuestions.Select((q, i) => (q.Id, q.Text, i < scores.Length ? scores[i] : null)).ToList();
            Db.OutcomeMeasurements.Add(new OutcomeMeasurement(force.Id, c.Id, MeasurementStage.Start, answers, Officer(at)));
            c.Note(TimelineKind.Plan, $"Start outcome measures recorded ({answers.Count(a => a.Item3 is not null)} of {answers.Count} answered)", Officer(at));
        }

        private string ExitAnswers(params int?[] scores) =>
            CaseClosure.Encode(Owner.OutcomeQuestions.Select((q, i) => (q.Id, i < scores.Length ? scores[i] : null)));

        private ClosureReason Reason(string id) =>
            Owner.ClosureReasons.FirstOrDefault(r => r.Id == id) ?? Owner.ClosureReasons[0];

        private SupportService? Service(string type) => services.GetValueOrDefault(type);

        // ---- the stories --------------------------------------------------------------------------------------

        /// <summary>
        /// Domestic abuse, high risk now: protocol and safe-contact profile at first contact, THRIVE and needs; today
        /// the victim called about a new incident, the DASH scored 16 (high), the MARAC referral task is due tomorrow,
        /// and the IDVA referral has gone with the victim's consent.
        /// </summary>
        public async Task HighRiskDomesticAbuseAsync(VictimCase c, CancellationToken ct)
        {
            var first = Day(5, 10, 5);
            Protocol(c, first);
            var codeWord = f.PickRandom("bluebell", "harbour", "lantern", "marigold", "juniper", "kestrel");
            var friend = f.Name.FirstName();
            Profile(c, first.AddMinutes(6), p =>
            {
                p.AllowedChannels = string.Join(';', ContactChannel.Phone, ContactChannel.InPerson);
                p.SafePhone = "07700 9" + f.Random.Int(0, 99999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
                p.SafeDays = string.Join(';', DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday);
                p.SafeFrom = new TimeOnly(9, 30);
                p.SafeTo = new TimeOnly(14, 30);
                p.SafeTimesNote = "The work phone, weekdays while the ex-partner is at work. If anyone else answers, say it is the dentist's surgery and ring off.";
                p.NoVoicemail = true;
                p.NoLettersHome = true;
                p.NoHomeVisits = true;
                p.CodeWord = codeWord;
                p.PerpetratorMayAccessPhone = true;
                p.ProxyName = $"{friend} {f.Name.LastName()}";
                p.ProxyRelationship = "Close friend";
                p.ProxyPhone = "07700 9" + f.Random.Int(0, 99999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
            });
            Contact(c, first.AddMinutes(12), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                $"First contact on the work number; the victim was alone. Code word \"{codeWord}\" agreed: if the victim says it, end the call. " +
                "Explained the Victims' Code, the IDVA service and how to call 999 and press 55 if it is not safe to speak.");
            Thrive(c, first.AddMinutes(40),
                "Ex-partner still has a key and turns up unannounced; sent threatening texts after the arrest.",
                "Bruising to the arms at the reported incident; the victim is exhausted and frightened.",
                "Escalating coercive control since the victim tried to end the relationship; child contact brings them together weekly.",
                "Suspect interviewed and released under investigation; bail conditions not imposed.",
                "Two children under 10 in the household; isolated from friends; financially dependent.",
                "Engaging well; wants help but is worried about the children's contact with the ex-partner.",
                ThriveResponse.Priority, "Call back within two working days; DASH at the next contact if the victim feels able.");
            Needs(c, first.AddMinutes(55), 1, "Safety and the children's contact arrangements are the main worries; wants to stay in the house.",
                (NeedArea.SafetyAndSecurity, NeedLevel.High, "Ex-partner has a key; locks not yet changed"),
                (NeedArea.ChildrenAndDependants, NeedLevel.Medium, "Handovers for child contact happen at the house"),
                (NeedArea.MentalHealth, NeedLevel.Medium, "Not sleeping; anxious when the phone rings"),
                (NeedArea.Finance, NeedLevel.Medium, "Joint account; the ex-partner controls most of the money"),
                (NeedArea.JusticeInformation, NeedLevel.Low, "Wants to know what 'released under investigation' means"),
                (NeedArea.Isolation, NeedLevel.Low, "A close friend lives nearby and is supportive"));

            var call = Ago(f.Random.Int(140, 170));
            Contact(c, call, ContactChannel.Phone, ContactDirection.Inbound, ContactOutcome.Spoke,
                "The victim rang from a friend's house: the ex-partner came round last night and grabbed the victim by the throat in front of the children, leaving before police arrived. " +
                "Incident reported to the control room; staying with the friend tonight.");
            await DashAsync(c, call.AddMinutes(25), [1, 2, 3, 4, 6, 7, 8, 10, 13, 14, 15, 17, 18, 23, 24, 27], [12, 21], newIncident: true,
                "Completed by phone with the victim at the friend's address. Non-fatal strangulation disclosed at the latest incident.", ct);
            if (Service("IDVA") is { } idva)
            {
                var consent = Consent(c, call.AddMinutes(45), idva, "phone", "contact", "crime", "needs", "risk");
                Referral(c, call.AddMinutes(55), idva, consent, "High-risk DASH today; please contact on the safe number only, weekdays 09:30-14:30.");
            }
        }

        /// <summary>A victim who has not answered yet: a voicemail two days ago, no answer this morning, try again within the hour.</summary>
        public void NoAnswerTryAgain(VictimCase c)
        {
            Profile(c, Day(2, 14, 0), p =>
            {
                p.AllowedChannels = string.Join(';', ContactChannel.Phone, ContactChannel.TextMessage, ContactChannel.Email, ContactChannel.Letter);
                p.SafePhone = c.Person.Mobile;
                p.SafeEmail = c.Person.Email;
                p.SafeTimesNote = "Works shifts at the hospital; afternoons are usually best.";
            });
            Contact(c, Day(2, 14, 10), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.LeftVoicemail,
                "Left a short voicemail with our number, no details of the crime.", tryAgainAt: Day(1, 14, 0));
            Contact(c, Day(1, 14, 5), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.NoAnswer,
                "No answer; did not leave a second voicemail.", tryAgainAt: null);
            var attempt = Ago(f.Random.Int(80, 110));
            Contact(c, attempt, ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.NoAnswer,
                "No answer again. Third attempt: will try once more today, then send the text message template.", tryAgainAt: now.AddMinutes(f.Random.Int(20, 40)));
        }

        /// <summary>
        /// Support in progress: needs, THRIVE, consent and a counselling referral (accepted), a support plan with two
        /// goals and their interventions, start outcome measures, one review done and the next due this week.
        /// </summary>
        public void SupportPlanWithReferral(VictimCase c)
        {
            var first = Day(12, 11, 30);
            Contact(c, first, ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "First contact. Still shaken; not sleeping since the incident and worried about going out alone. Explained the Victims' Code and what happens next.");
            Thrive(c, first.AddMinutes(20),
                "No ongoing threat known: suspect not known to the victim.",
                "Minor injuries, treated at A&E; significant emotional impact.",
                "Low risk of repeat victimisation.",
                "CCTV being reviewed; no suspect yet.",
                "Lives alone; anxiety since the incident.",
                "Keen to have support and to be kept updated.",
                ThriveResponse.Scheduled, "Needs assessment now; counselling referral with consent.");
            Needs(c, first.AddMinutes(30), 1, "Anxiety and sleep are the main needs; wants to feel safe at home and get back to work.",
                (NeedArea.MentalHealth, NeedLevel.High, "Not sleeping; panic when going out"),
                (NeedArea.SafetyAndSecurity, NeedLevel.Medium, "Front door lock damaged"),
                (NeedArea.HealthAndWellbeing, NeedLevel.Medium, "Off work for a week"),
                (NeedArea.JusticeInformation, NeedLevel.Medium, "Wants to understand the investigation"),
                (NeedArea.Finance, NeedLevel.Low, "Lost earnings while off work"));
            var counselling = Service("Counselling");
            ServiceReferral? referral = null;
            if (counselling is not null)
            {
                var consent = Consent(c, first.AddMinutes(40), counselling, "phone", "contact", "crime", "needs");
                referral = Referral(c, Day(11, 9, 40), counselling, consent, "Anxiety and poor sleep since the incident; prefers afternoon appointments.");
                ChangeReferral(c, Day(8, 15, 0), referral, counselling, ReferralStatus.Accepted,
                    "Accepted: assessment appointment offered; six sessions to follow.", Officer(Day(8, 15, 0)));
            }
            Signpost(c, Day(11, 9, 55), Service("Housing"), Service("Housing")?.Name ?? "Homeless Prevention Team",
                "Gave the duty officer's number in case the landlord does not repair the door quickly.");

            var planned = Day(10, 10, 30);
            var actor = Officer(planned);
            var plan = new SupportPlan(force.Id, c.Id, DateOf(Day(5, 10, 0)), actor);
            Db.SupportPlans.Add(plan);
            c.Note(TimelineKind.Plan, $"Support plan started; first review due {PlanText.Date(plan.NextReviewOn)}", actor);
            StartMeasures(c, planned.AddMinutes(5), 2, 1, 2, 3, null);
            var safe = plan.AddGoal("Feel safe at home again", Officer(planned.AddMinutes(10)));
            c.Note(TimelineKind.Plan, $"Support plan goal added: {safe.Text}", Officer(planned.AddMinutes(10)));
            var sleep = plan.AddGoal("Sleep better and manage the anxiety, so I can go back to work", Officer(planned.AddMinutes(12)));
            c.Note(TimelineKind.Plan, $"Support plan goal added: {sleep.Text}", Officer(planned.AddMinutes(12)));
            var lockWork = plan.AddIntervention(safe.Id, "Ask the landlord to repair the front door lock and arrange a target-hardening visit", InterventionOwner.Officer,
                officerId, null, officerName, DateOf(Day(7, 17, 0)), Officer(planned.AddMinutes(15))).Value!;
            c.Note(TimelineKind.Plan, $"Support plan intervention added: {lockWork.What} ({lockWork.OwnerName})", Officer(planned.AddMinutes(15)));
            if (referral is not null && counselling is not null)
            {
                var sessions = plan.AddIntervention(sleep.Id, "Counselling sessions for anxiety and sleep", InterventionOwner.Service, null, referral.Id,
                    counselling.Name, null, Officer(planned.AddMinutes(18))).Value!;
                c.Note(TimelineKind.Plan, $"Support plan intervention added: {sessions.What} ({sessions.OwnerName})", Officer(planned.AddMinutes(18)));
                var started = Day(4, 11, 0);
                plan.ChangeIntervention(sessions.Id, sessions.What, sessions.Owner, null, referral.Id, sessions.OwnerName, null, InterventionStatus.InProgress, Officer(started));
                c.Note(TimelineKind.Plan, $"Support plan intervention in progress: {sessions.What}", Officer(started));
            }
            var lockDone = Day(6, 16, 20);
            plan.ChangeIntervention(lockWork.Id, lockWork.What, lockWork.Owner, officerId, null, lockWork.OwnerName, lockWork.DueOn, InterventionStatus.Done, Officer(lockDone));
            c.Note(TimelineKind.Plan, $"Support plan intervention done: {lockWork.What}", Officer(lockDone));

            var reviewed = Day(5, 10, 15);
            Contact(c, reviewed.AddMinutes(-10), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "Plan review call. Lock repaired and a video doorbell fitted; feels safer at home. First counselling session booked.");
            var review = plan.Review(DateOf(reviewed), "Door repaired and doorbell fitted: the first goal is nearly there. Counselling starts next week; still sleeping badly.",
                UkTime.Today(now).AddDays(f.Random.Int(1, 3)), Officer(reviewed));
            c.Note(TimelineKind.Plan, $"Support plan reviewed; next review due {PlanText.Date(review.NextReviewOn)}", Officer(reviewed));
        }

        /// <summary>
        /// Intelligence to pass on: signposting at first contact, a disclosure at the second call that is still to go
        /// to the police, and an investigation update letter sent yesterday (delivered).
        /// </summary>
        public void IntelligenceAndLetter(VictimCase c)
        {
            var fraud = Flags.Parse(c.Crime.OffenceFlags).Contains("fraud");
            var hate = Flags.Parse(c.Crime.OffenceFlags).Contains("hate_crime");
            var first = Day(7, 13, 20);
            Contact(c, first, ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "First contact. Explained the Victims' Code and how updates will come (letter preferred).");
            Needs(c, first.AddMinutes(15), 1, "Mostly practical needs; wants updates by letter.",
                (NeedArea.Finance, fraud ? NeedLevel.High : NeedLevel.Low, fraud ? "Lost savings; bank investigating a refund" : null),
                (NeedArea.JusticeInformation, NeedLevel.Medium, "Wants regular updates"),
                (NeedArea.SafetyAndSecurity, hate ? NeedLevel.Medium : NeedLevel.Low, hate ? "Worried about going to the shops on the estate" : null));
            if (fraud)
            {
                Signpost(c, first.AddMinutes(25), null, "Citizens Advice (money advice)", "Help with the bank's refund process and a budget while the refund is decided.");
            }
            else if (hate)
            {
                Signpost(c, first.AddMinutes(25), null, "Stop Hate UK helpline", "24-hour helpline for reporting and support.");
            }
            else
            {
                var rj = Service("Restorative Justice");
                Signpost(c, first.AddMinutes(25), rj, rj?.Name ?? "Restorative Justice Hub", "Told the victim about restorative justice, should they want it later.");
            }

            var second = Day(2, 11, 15);
            Contact(c, second, ContactChannel.Phone, ContactDirection.Inbound, ContactOutcome.Spoke,
                "Called with a question about the investigation and mentioned something the police may not know: recorded as intelligence.");
            var about = $"{f.Name.FirstName(Bogus.DataSets.Name.Gender.Male)} {f.Name.LastName()}, {f.Address.StreetName()}";
            var (category, disclosure) = fraud
                ? (IntelligenceCategory.UnreportedCrime, "The same caller has phoned two elderly neighbours this week pretending to be from the bank's fraud team; neither has reported it.")
                : hate
                    ? (IntelligenceCategory.Threat, "A group of youths outside the shop have been shouting the same abuse at other families on the street; one said they would 'do the windows next'.")
                    : (IntelligenceCategory.UnreportedCrime, "Believes the man who lives two doors down is storing stolen bikes in his garage; has seen several being carried in at night.");
            var report = new IntelligenceReport(force.Id, c.Id, category, disclosure, about, IntelligenceUrgency.Urgent, needsPassing: true, DateOf(second), Officer(second.AddMinutes(10)));
            Db.IntelligenceReports.Add(report);
            c.Note(TimelineKind.Intelligence, $"{IntelligenceReport.CategoryName(category)} recorded ({IntelligenceReport.UrgencyName(IntelligenceUrgency.Urgent).ToLowerInvariant()}): to pass to the police",
                Officer(second.AddMinutes(10)));

            var template = templates.FirstOrDefault(t => t.Channel == ContactChannel.Letter && t.Purpose == MessagePurpose.InvestigationUpdate);
            if (template?.VersionIn("en") is { } version && !c.Person.ContactRestrictions.Contains("no_letters", StringComparison.Ordinal))
            {
                var sent = Day(1, 10, 0);
                var actor = Officer(sent);
                var values = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    [MergeFields.VictimName] = c.Person.DisplayName,
                    [MergeFields.CrimeReference] = c.Crime.CrimeReference,
                    [MergeFields.OfficerName] = c.Crime.OfficerInCaseName ?? officerName,
                    [MergeFields.UnitName] = force.Name,
                    [MergeFields.Date] = DateOf(sent).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
                    [MergeFields.Offence] = c.Crime.OffenceDescription,
                };
                var recipient = string.Join('\n', new[] { c.Person.DisplayName, c.Person.AddressLine1, c.Person.AddressLine2, c.Person.Town, c.Person.Postcode }
                    .Where(l => !string.IsNullOrWhiteSpace(l)));
                var message = new Message(Guid.CreateVersion7(), force.Id, c.Id, c.PersonId, template, version.Language, MergeFields.Render(version.Subject, values),
                    MergeFields.Render(version.Body, values), recipient, null, null, actor);
                message.ActionId = Action(c, sent, ActionKind.Letter, $"Letter sent from the template \"{template.Name}\" (English)", message.Id);
                var outbox = new OutboxMessage(message);
                outbox.Claim(sent.AddSeconds(5), sent.AddMinutes(5));
                outbox.Delivered(sent.AddSeconds(7), "Folder", message.Id.ToString("N"));
                Db.Messages.Add(message);
                Db.OutboxMessages.Add(outbox);
                c.Note(TimelineKind.Message, $"Letter \"{template.Name}\" queued to send", actor);
            }
        }

        /// <summary>A case closed after support: start measures at the plan, exit measures at closure, "Support completed".</summary>
        public void ClosedAfterSupport(VictimCase c)
        {
            var first = Day(40, 10, 40);
            Contact(c, first, ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "First contact. Upset about the damage and worried it will happen again; happy to have support.");
            Thrive(c, first.AddMinutes(15),
                "Low: offender not known to the victim.", "Emotional impact; no injury.", "Low risk of repeat.",
                "House-to-house enquiries done; no suspect identified.", "Elderly neighbour dependent on the victim for shopping.",
                "Engaging; prefers phone calls in the afternoon.", ThriveResponse.Scheduled, null);
            Needs(c, first.AddMinutes(25), 1, "Needs are mostly about feeling secure and being kept informed.",
                (NeedArea.SafetyAndSecurity, NeedLevel.Medium, "Would like advice on home security"),
                (NeedArea.MentalHealth, NeedLevel.Low, "Some anxiety at night"),
                (NeedArea.JusticeInformation, NeedLevel.Medium, "Wants to know if anyone is charged"));
            StartMeasures(c, first.AddMinutes(30), 2, 2, 3, 2, 3);
            Signpost(c, first.AddMinutes(35), null, "Neighbourhood Watch", "Local scheme contact details given for home security advice.");
            Contact(c, Day(25, 15, 0), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "Update call: investigation filed pending new information. Victim understands and feels much better; security light fitted.");
            var closing = Day(20, 14, 30);
            Contact(c, closing.AddMinutes(-15), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "Final call: the victim feels back to normal and does not need more support. Exit questions answered.");
            var reason = Reason("support-completed");
            var actor = Officer(closing);
            var closure = new CaseClosure(force.Id, c.Id, reason.Id, reason.Text, null,
                "Support completed: the victim feels safe at home and knows how to contact us if the investigation is re-opened.", ExitAnswers(4, 4, 4, 5, 3), false, actor);
            Db.CaseClosures.Add(closure);
            if (c.Close(reason.Text, actor).Succeeded)
            {
                var texts = Owner.OutcomeQuestions.ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
                Db.OutcomeMeasurements.Add(new OutcomeMeasurement(force.Id, c.Id, MeasurementStage.Exit,
                    CaseClosure.Decode(closure.ExitAnswers).Select(a => (a.QuestionId, texts.GetValueOrDefault(a.QuestionId) ?? a.QuestionId, a.Score)), actor));
            }
        }

        /// <summary>
        /// High risk weeks ago (DASH 14, MARAC referral made and heard, IDVA support completed); now the officer has
        /// asked to close it and the closure waits for the Team Leader's approval.
        /// </summary>
        public async Task HighRiskAwaitingClosureAsync(VictimCase c, CancellationToken ct)
        {
            var first = Day(30, 10, 15);
            Protocol(c, first);
            Profile(c, first.AddMinutes(5), p =>
            {
                p.AllowedChannels = string.Join(';', ContactChannel.Phone, ContactChannel.TextMessage, ContactChannel.InPerson);
                p.SafePhone = c.Person.Mobile;
                p.SafeTimesNote = "Any weekday; texts are fine but keep them short and without details.";
                p.NoVoicemail = true;
                p.NoLettersHome = true;
                p.CodeWord = f.PickRandom("sparrow", "meadow", "copper", "willow");
            });
            Contact(c, first.AddMinutes(10), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "First contact; safe to talk. Frightened: the ex-partner keeps making contact despite being told not to.");
            Thrive(c, first.AddMinutes(30),
                "Repeated unwanted contact and threats from the ex-partner.", "Fear and distress; previous assault last year.",
                "High: behaviour escalating since separation.", "Suspect arrested; charging decision awaited.",
                "Lives alone; recently moved.", "Engaging; wants an IDVA.", ThriveResponse.Priority, "DASH completed on this call.");
            await DashAsync(c, first.AddMinutes(45), [1, 2, 3, 4, 6, 8, 13, 14, 15, 17, 20, 24, 26, 27], [21], newIncident: false,
                "Completed by phone at first contact.", ct);
            if (_lastTask is { } marac)
            {
                var done = Day(29, 11, 0);
                marac.Close(CaseTaskStatus.Done, "Referred to MARAC; heard at the next meeting. Actions: IDVA allocated, police marker on the address, housing to prioritise a move.",
                    null, Officer(done));
                c.Note(TimelineKind.Risk, $"Task done: {marac.Title}. Referred to MARAC; heard at the next meeting.", Officer(done));
                _lastTask = null;
            }
            if (Service("IDVA") is { } idva)
            {
                var consent = Consent(c, first.AddMinutes(50), idva, "phone", "contact", "crime", "risk");
                var referral = Referral(c, Day(29, 9, 30), idva, consent, "High-risk DASH (14); MARAC referral made.");
                ChangeReferral(c, Day(28, 12, 0), referral, idva, ReferralStatus.Accepted, "IDVA allocated.", Officer(Day(28, 12, 0)));
                ChangeReferral(c, Day(4, 10, 0), referral, idva, ReferralStatus.Completed,
                    "IDVA support completed: non-molestation order granted, moved to a new tenancy.", Officer(Day(4, 10, 0)));
            }
            Contact(c, Day(12, 14, 0), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "Suspect charged and remanded; victim has moved and feels much safer.");
            var asked = Day(2, 15, 30);
            Contact(c, asked.AddMinutes(-20), ContactChannel.Phone, ContactDirection.Outbound, ContactOutcome.Spoke,
                "Closing call: non-molestation order in place, new address not known to the ex-partner, IDVA support completed. The victim agrees to close and knows how to come back.");
            var reason = Reason("support-completed");
            var actor = Officer(asked);
            Db.CaseClosures.Add(new CaseClosure(force.Id, c.Id, reason.Id, reason.Text, null,
                "Risk reduced: suspect remanded, non-molestation order granted and the victim rehoused. Still recorded as high risk, so the closure needs a Team Leader's approval.",
                ExitAnswers(4, 3, 4, 4, 4), needsApproval: c.Risk == RiskLevel.High, actor));
            if (c.Risk == RiskLevel.High)
            {
                c.Note(TimelineKind.Closure, $"Closure sent for a Team Leader's approval (high risk): {reason.Text}", actor);
            }
            else
            {
                c.Close(reason.Text, actor);
            }
        }
    }
}
