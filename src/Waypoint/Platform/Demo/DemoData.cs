using Waypoint.Modules.Entitlements.Clocks;
using Waypoint.Modules.Entitlements.Domain;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Administration;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Triage;
using Person = Waypoint.Modules.Cases.Domain.Person;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Platform.Demo;

/// <summary>
/// The demo: two forces, a PCC victim hub and a regional unit, their teams, one user per role, a demo API token
/// and a few hundred made-up victims. Passwords and the token are new at every start and printed, so none is in the repo.
/// </summary>
internal sealed class DemoData(AppDbContext db, UserManager<AppUser> users, AuditScope audit, TimeProvider clock, CaseTriage triage, CodeClocks clocks, DemoCare care)
{
    private sealed record DemoUser(string UserName, string DisplayName, string OrgCode, string[] Roles, string[] Teams);

    private static readonly DemoUser[] DemoUsers =
    [
        new("vco.ns", "Priya Shah", "NS", [Roles.VictimCareOfficer], ["Victim Care North"]),
        new("vco2.ns", "Tom Griffiths", "NS", [Roles.VictimCareOfficer], ["Victim Care South"]),
        new("wco.ns", "Grace Okafor", "NS", [Roles.WitnessCareOfficer], ["Witness Care"]),
        new("tl.ns", "Daniel Hughes", "NS", [Roles.TeamLeader], ["Victim Care North", "Victim Care South"]),
        new("compliance.ns", "Helen Marsh", "NS", [Roles.ComplianceOfficer], []),
        new("admin.ns", "Owen Pritchard", "NS", [Roles.UnitAdministrator], []),
        new("auditor.ns", "Fiona Blake", "NS", [Roles.Auditor], []),
        new("vco.wm", "Sam Adeyemi", "WM", [Roles.VictimCareOfficer], ["Victim Care"]),
        new("tl.wm", "Rachel Dunn", "WM", [Roles.TeamLeader], ["Victim Care"]),
        new("vco.hub", "Leah Morgan", "NSVH", [Roles.VictimCareOfficer], ["Hub Assessment"]),
        new("coordinator.rocu", "Marcus Webb", "NROCU", [Roles.VictimCareOfficer, Roles.TeamLeader], ["Victim Coordination"]),
    ];

    private static readonly (string Code, string Name, OrganisationType Type, string[] Teams)[] Organisations =
    [
        ("NS", "Northshire Police", OrganisationType.PoliceForce, ["Victim Care North", "Victim Care South", "Witness Care"]),
        ("WM", "Westmarch Constabulary", OrganisationType.PoliceForce, ["Victim Care", "Witness Care"]),
        ("NSVH", "Northshire Victim Hub (PCC)", OrganisationType.PccVictimHub, ["Hub Assessment"]),
        ("NROCU", "Northern Regional Organised Crime Unit", OrganisationType.RegionalOrganisedCrimeUnit, ["Victim Coordination"]),
    ];

    private static readonly string[] NorthshireTowns = ["Ashbury", "Kingsmoor", "Fenwick Bridge", "Brackenford", "Eldermouth", "Stonewell"];
    private static readonly string[] WestmarchTowns = ["Marcham Tor", "Wyvern Bay", "Coldharbour Mill", "Lissington", "Oakhallow"];

    private static readonly (string Code, string Description, string[] Flags)[] Offences =
    [
        ("8N", "Assault occasioning actual bodily harm", []), ("105A", "Common assault", []), ("28E", "Burglary - residential", []),
        ("45", "Theft from a vehicle", []), ("58C", "Criminal damage to a dwelling", []), ("8M", "Harassment", ["stalking_harassment"]),
        ("8Q", "Stalking", ["stalking_harassment"]), ("5D", "Wounding with intent to do grievous bodily harm", ["wounding_gbh_with_intent"]),
        ("19C", "Rape of a female aged 16 or over", ["sexual_offence"]), ("34B", "Robbery of personal property", []),
        ("53C", "Fraud by false representation", ["fraud"]), ("8L", "Coercive and controlling behaviour", ["domestic_abuse"]),
        ("9A", "Threats to kill", []), ("106", "Modern slavery", ["modern_slavery", "human_trafficking"]),
        ("66", "Racially or religiously aggravated public fear, alarm or distress", ["hate_crime"]),
    ];

    public async Task SeedAndPrintAsync(TextWriter output, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Organisations.AnyAsync(o => o.Code == "NS", ct))
        {
            await SeedAsync(now, ct);
        }
        await PrintAsync(output, now, ct);
    }

    private async Task SeedAsync(DateTime now, CancellationToken ct)
    {
        var orgs = new Dictionary<string, Organisation>();
        var teams = new Dictionary<(string Org, string Team), Team>();
        foreach (var (code, name, type, teamNames) in Organisations)
        {
            var org = new Organisation(code, name, type, now);
            orgs[code] = org;
            db.Organisations.Add(org);
            foreach (var teamName in teamNames)
            {
                var team = new Team(org.Id, teamName, now);
                teams[(code, teamName)] = team;
                db.Teams.Add(team);
            }
            AddDemoServices(org, now);
            AddDemoTemplates(org, now);
        }
        orgs["NS"].SetTeamScoped(false);
        audit.Actor = Actor.System(orgs["NS"].Id, now, "demo seed");
        audit.Record(AuditOperation.Administration, detail: "Demo organisations and teams created");
        await db.SaveChangesAsync(ct);

        var userIds = new Dictionary<string, Guid>();
        foreach (var u in DemoUsers)
        {
            var user = new AppUser
            {
                UserName = u.UserName,
                DisplayName = u.DisplayName,
                OrganisationId = orgs[u.OrgCode].Id,
                CreatedAt = now,
                Teams = u.Teams.Select(t => new UserTeam { TeamId = teams[(u.OrgCode, t)].Id }).ToList(),
            };
            Check(await users.CreateAsync(user, OrganisationBootstrap.NewTemporaryPassword()));
            foreach (var role in u.Roles)
            {
                Check(await users.AddToRoleAsync(user, role));
            }
            userIds[u.UserName] = user.Id;
        }

        db.ForceAccessGrants.Add(new ForceAccessGrant(orgs["NROCU"].Id, orgs["NS"].Id, userIds["admin.ns"], now));
        db.ForceAccessGrants.Add(new ForceAccessGrant(orgs["NROCU"].Id, orgs["WM"].Id, userIds["admin.ns"], now));
        db.ForceAccessGrants.Add(new ForceAccessGrant(orgs["NSVH"].Id, orgs["NS"].Id, userIds["admin.ns"], now));
        await db.SaveChangesAsync(ct);

        Randomizer.Seed = new Random(20261122);
        var faker = new Faker("en_GB");
        await SeedCasesAsync(faker, orgs["NS"], NorthshireTowns, "NS",
            [teams[("NS", "Victim Care North")], teams[("NS", "Victim Care South")]],
            [userIds["vco.ns"], userIds["vco2.ns"]], userIds["tl.ns"], 220, now, ct);
        await SeedCasesAsync(faker, orgs["WM"], WestmarchTowns, "WM",
            [teams[("WM", "Victim Care")]], [userIds["vco.wm"]], userIds["tl.wm"], 120, now, ct);

        // Care work on a handful of each force's cases of its demo Victim Care Officer (DemoCare).
        await care.SeedAsync(faker, orgs["NS"], userIds["vco.ns"], now, ct);
        await care.SeedAsync(faker, orgs["WM"], userIds["vco.wm"], now, ct);
    }

    /// <summary>A handful of services in each organisation's directory, for consent, referrals and signposting.</summary>
    private void AddDemoServices(Organisation org, DateTime now)
    {
        (string Name, string Type, string HowToRefer, bool Commissioned)[] services =
        [
            ("Independent Domestic Violence Advisers", "IDVA", "Email the referral form; urgent cases by phone", true),
            ("Sexual Violence Advisers (ISVA)", "ISVA", "Email the referral form with the victim's consent", true),
            ("Counselling and Wellbeing Service", "Counselling", "Email the referral; the service calls the victim within 5 working days", true),
            ("Restorative Justice Hub", "Restorative Justice", "Email the RJ referral form", true),
            ("Homeless Prevention Team", "Housing", "Phone the duty officer", false),
        ];
        foreach (var (name, type, howToRefer, commissioned) in services)
        {
            var slug = new string(type.Where(char.IsLetter).ToArray()).ToLowerInvariant();
            db.SupportServices.Add(new Modules.Care.Domain.SupportService(org.Id, name, now)
            {
                ServiceType = type,
                Area = org.Name,
                Eligibility = "Victims of crime living or reported in the area",
                HowToRefer = howToRefer,
                ReferralEmail = $"{slug}.referrals@{org.Code.ToLowerInvariant()}.example.org",
                Phone = "0300 123 4567",
                Commissioned = commissioned,
            });
        }
    }

    /// <summary>Message templates in each organisation: the written acknowledgement (R3-ACK) and investigation updates, in English and Welsh.</summary>
    private void AddDemoTemplates(Organisation org, DateTime now)
    {
        var actor = Actor.System(org.Id, now, "demo seed");
        MessageTemplate Template(string name, ContactChannel channel, MessagePurpose purpose, params (string Language, string? Subject, string Body)[] versions)
        {
            var t = new MessageTemplate(org.Id, name, channel, purpose, actor);
            t.SetVersions(versions);
            db.MessageTemplates.Add(t);
            return t;
        }
        Template("Written acknowledgement", ContactChannel.Letter, MessagePurpose.Acknowledgement,
            ("en", "Your report of a crime: ((crime_reference))",
                "Dear ((victim_name))\n\nThank you for reporting a crime to us. This letter confirms we have recorded it.\n\n" +
                "Crime reference: ((crime_reference))\nOffence: ((offence))\nOfficer in the case: ((officer_name))\n\n" +
                "Under the Victims' Code you have the right to be kept informed about the investigation and to be referred to support services. " +
                "Please quote the crime reference whenever you contact us.\n\nYours sincerely\n\n((unit_name))"),
            ("cy", "Eich adroddiad am drosedd: ((crime_reference))",
                "Annwyl ((victim_name))\n\nDiolch am roi gwybod i ni am drosedd. Mae'r llythyr hwn yn cadarnhau ein bod wedi'i chofnodi.\n\n" +
                "Cyfeirnod y drosedd: ((crime_reference))\nSwyddog yr achos: ((officer_name))\n\n" +
                "O dan God y Dioddefwyr mae gennych hawl i gael gwybod am yr ymchwiliad ac i gael eich cyfeirio at wasanaethau cymorth.\n\nYn gywir\n\n((unit_name))"));
        Template("Investigation update letter", ContactChannel.Letter, MessagePurpose.InvestigationUpdate,
            ("en", "An update on your case: ((crime_reference))",
                "Dear ((victim_name))\n\nWe are writing on ((date)) to update you on the investigation into the crime you reported (reference ((crime_reference))).\n\n" +
                "Your officer in the case, ((officer_name)), will contact you if anything changes. If you have questions, please contact us and quote your reference.\n\n" +
                "Yours sincerely\n\n((unit_name))"),
            ("cy", "Diweddariad am eich achos: ((crime_reference))",
                "Annwyl ((victim_name))\n\nRydym yn ysgrifennu ar ((date)) i roi diweddariad i chi am yr ymchwiliad i'r drosedd (cyfeirnod ((crime_reference))).\n\n" +
                "Bydd ((officer_name)) yn cysylltu â chi os bydd unrhyw beth yn newid.\n\nYn gywir\n\n((unit_name))"));
        Template("Investigation update by text", ContactChannel.TextMessage, MessagePurpose.InvestigationUpdate,
            ("en", null, "((unit_name)): there is an update on your case ((crime_reference)). Please call us when it is safe for you to talk."));
        Template("Investigation update by email", ContactChannel.Email, MessagePurpose.InvestigationUpdate,
            ("en", "An update on your case ((crime_reference))",
                "Dear ((victim_name))\n\nThis is an update on the investigation into the crime you reported (reference ((crime_reference))). " +
                "((officer_name)) will contact you if anything changes.\n\n((unit_name))"));
        Template("Referral confirmation", ContactChannel.Email, MessagePurpose.ReferralConfirmation,
            ("en", "Your referral for support",
                "Dear ((victim_name))\n\nWith your agreement we have referred you to a support service. They will contact you soon.\n\n((unit_name))"));
    }

    private async Task SeedCasesAsync(Faker f, Organisation force, string[] towns, string prefix, Team[] teams, Guid[] officers, Guid leaderId, int count, DateTime now, CancellationToken ct)
    {
        var officerNames = await db.Users.Where(u => officers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var today = DateOnly.FromDateTime(now);
        var people = new List<Person>();
        for (var i = 0; i < count; i++)
        {
            // The newest tenth is the cohort: recorded in the last three days, not yet allocated.
            var cohort = i >= count - (count / 10);
            var reported = cohort ? today.AddDays(-f.Random.Int(0, 2)) : today.AddDays(-f.Random.Int(3, 120));
            var offence = f.PickRandom(Offences);
            var actor = Actor.System(force.Id, now.AddDays(-(today.DayNumber - reported.DayNumber)).AddMinutes(-f.Random.Int(0, 600)), "demo seed");
            var crime = new Crime(force.Id, $"{prefix}/{reported:yy}/{f.Random.Int(100000, 999999)}",
                new CrimeDetails(offence.Code, offence.Description, reported, reported.AddDays(-f.Random.Int(0, 10)),
                    $"DC {f.Name.FirstName()[0]}. {f.Name.LastName()}", null, null, f.PickRandom("Under investigation", "Suspect identified", "Awaiting forensic results", "Suspect arrested"),
                    offence.Flags),
                actor.Now);

            // About one in twelve is someone we already know: a repeat victim across crimes.
            Person person;
            var role = PersonRole.Victim;
            if (people.Count > 10 && f.Random.Int(0, 11) == 0)
            {
                person = f.PickRandom(people);
            }
            else
            {
                var business = f.Random.Int(0, 30) == 0;
                role = business ? PersonRole.BusinessContact : f.Random.WeightedRandom([PersonRole.Victim, PersonRole.Witness, PersonRole.BereavedRelative, PersonRole.ParentGuardian], [0.8f, 0.12f, 0.03f, 0.05f]);
                var adult = f.Random.Int(0, 9) > 0;
                var vulnerabilities = f.Random.Int(0, 7) == 0 ? new[] { f.PickRandom("mental_disorder", "learning_disability", "physical_disability", "intimidated", "elderly", "communication_needs") } : [];
                var restrictions = offence.Flags.Contains("domestic_abuse")
                    ? new[] { "no_voicemail", "no_letters", f.PickRandom("perpetrator_has_phone_access", "safe_times_only") }
                    : f.Random.Int(0, 10) == 0 ? new[] { "no_home_visits" } : [];
                var details = new PersonDetails(
                    f.Name.FirstName(), f.Name.LastName(), business ? f.Company.CompanyName() : null,
                    adult ? DateOnly.FromDateTime(f.Date.Between(new DateTime(1940, 1, 1), new DateTime(2006, 1, 1))) : DateOnly.FromDateTime(f.Date.Between(new DateTime(2010, 1, 1), new DateTime(2018, 1, 1))),
                    null, "07700 9" + f.Random.Int(0, 99999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
                    f.Random.Bool(0.6f) ? $"{f.Internet.UserName().ToLowerInvariant()}@example.org" : null,
                    $"{f.Random.Int(1, 220)} {f.Address.StreetName()}", null, f.PickRandom(towns),
                    $"{prefix}{f.Random.Int(1, 19)} {f.Random.Int(1, 9)}{f.PickRandom("AB", "DE", "FG", "HJ", "LN", "PQ", "RS", "TU", "WX")}",
                    f.Random.Int(0, 12) == 0 ? f.PickRandom("pl", "cy", "pa", "ur", "ro") : "en", f.Random.Int(0, 20) == 0,
                    vulnerabilities, restrictions);
                person = new Person(force.Id, force.Id, $"{prefix}P{f.Random.Int(1000000, 9999999)}", details, actor.Now);
                people.Add(person);
            }
            var victimCase = new VictimCase(force.Id, person, crime, role, CaseSource.PoliceFeed, null, actor);
            if (!cohort && f.Random.Int(0, 3) > 0)
            {
                var t = f.Random.Int(0, teams.Length - 1);
                Guid? officer = f.Random.Bool(0.7f) ? officers[t % officers.Length] : null;
                victimCase.Allocate(teams[t].Id, teams[t].Name, officer, officer is { } o ? officerNames[o] : null, actor);
            }
            if (i % 97 == 5)
            {
                victimCase.Restrict("Staff victim: a serving officer of this force", [leaderId], actor);
            }
            db.Cases.Add(victimCase);
            await triage.ApplyAsync(victimCase, actor, ct);
            var started = await clocks.StartForNewCaseAsync(victimCase, actor, ct);
            WorkSomeObligations(f, victimCase, started, officerNames, now);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Gives the demo a believable compliance picture: most older obligations met on time by a recorded action, some
    /// late, a few set aside with a reason, the rest left open (overdue once their day has passed).
    /// </summary>
    private void WorkSomeObligations(Faker f, VictimCase victimCase, IReadOnlyList<Obligation> started, Dictionary<Guid, string> officerNames, DateTime now)
    {
        foreach (var obligation in started)
        {
            var roll = f.Random.Int(0, 99);
            var worker = victimCase.AllocatedOfficerId is { } o
                ? new Actor { UserId = o, Name = officerNames[o], OrganisationId = victimCase.OrganisationId, OrganisationName = "", OrganisationCode = "", Now = now }
                : Actor.System(victimCase.OrganisationId, now, "demo seed");
            var doneAt = obligation.TriggeredAt.AddDays(roll < 70 ? f.Random.Int(0, 2) : f.Random.Int(3, 12)).AddHours(f.Random.Int(9, 16));
            if (roll >= 90 || doneAt > now)
            {
                continue;
            }
            if (roll >= 85)
            {
                obligation.MarkNotApplicable(obligation.Rule == CodeRules.Referral ? "The victim asked not to be referred" : "The victim could not be contacted after three attempts", worker);
                continue;
            }
            var (kind, summary) = obligation.Rule switch
            {
                CodeRules.Acknowledgement => (ActionKind.Letter, "Acknowledgement letter sent with the crime reference and the officer in the case"),
                CodeRules.Referral => (ActionKind.Referral, "Referred to the local victim support service with consent"),
                _ => (ActionKind.Assessment, "Needs assessment completed by phone"),
            };
            var action = CaseAction.Record(victimCase.OrganisationId, victimCase.Id, kind, doneAt, summary, worker).Value!;
            db.CaseActions.Add(action);
            obligation.Meet(action, worker);
        }
    }

    private async Task PrintAsync(TextWriter output, DateTime now, CancellationToken ct)
    {
        output.WriteLine();
        output.WriteLine("==================== Waypoint demo ====================");
        output.WriteLine("Every person and crime here is made up. Demo users may skip two-factor authentication.");
        output.WriteLine("Passwords and the API token are new at every start.");
        output.WriteLine();
        output.WriteLine($"{"username",-18} {"password",-26} {"organisation",-8} role");
        var orgCodes = await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        foreach (var u in DemoUsers)
        {
            var user = await users.FindByNameAsync(u.UserName);
            if (user is null)
            {
                continue;
            }
            var password = OrganisationBootstrap.NewTemporaryPassword();
            await users.RemovePasswordAsync(user);
            Check(await users.AddPasswordAsync(user, password));
            await users.SetLockoutEndDateAsync(user, null);
            output.WriteLine($"{u.UserName,-18} {password,-26} {orgCodes[user.OrganisationId],-8} {string.Join(", ", u.Roles.Select(Roles.DisplayName))}");
        }
        output.WriteLine();
        output.WriteLine("Organisations: " + string.Join("; ", Organisations.Select(o => $"{o.Code} = {o.Name}")));

        var ns = await db.Organisations.SingleAsync(o => o.Code == "NS", ct);
        var admin = await users.FindByNameAsync("admin.ns");
        foreach (var old in await db.ApiTokens.Where(t => t.ClientName == "Demo records system" && t.RevokedAt == null).ToListAsync(ct))
        {
            old.Revoke(now);
        }
        var secret = ApiTokens.NewSecret();
        db.ApiTokens.Add(new ApiToken(ns.Id, "Demo records system", ApiTokens.HashOf(secret), ApiTokens.DisplayPrefix(secret), Permissions.All, now.AddDays(30), admin!.Id, now));
        audit.Actor = Actor.System(ns.Id, now, "demo start-up");
        audit.Record(AuditOperation.Administration, "ApiToken", detail: "Demo API token issued to 'Demo records system' for NS");
        await db.SaveChangesAsync(ct);
        output.WriteLine($"Demo API token (NS, all permissions, 30 days): {secret}");
        output.WriteLine("  e.g. curl -H \"Authorization: Bearer <token>\" http://localhost:5080/api/v1/cases");
        output.WriteLine("=======================================================");
        output.WriteLine();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
