using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.Domain;

public enum PersonRole
{
    Victim,
    Witness,
    BereavedRelative,
    ParentGuardian,
    BusinessContact,
}

/// <summary>The Victims' Code level of service (domain.md A2).</summary>
public enum EntitlementLevel
{
    Standard,
    Enhanced,
}

/// <summary>Whether the victim agreed to be referred to support services, as the feed or the officer recorded it.</summary>
public enum ReferralConsent
{
    NotAsked,
    Yes,
    No,
}

public enum CaseStatus
{
    New,
    Active,
    Closed,
}

/// <summary>Risk to the victim (domain.md A4; the DASH levels: standard, medium, high).</summary>
public enum RiskLevel
{
    Standard,
    Medium,
    High,
}

/// <summary>How a case came to us.</summary>
public enum CaseSource
{
    PoliceFeed,
    Phone,
    AgencyReferral,
    SelfReferral,
}

/// <summary>A person's case on one crime: who looks after them, where it stands, who may see it, and its timeline.</summary>
public sealed class VictimCase
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<CaseNamedUser> _namedUsers = [];
    private readonly List<BreakGlassGrant> _breakGlass = [];

    private VictimCase() { }

    public VictimCase(Guid organisationId, Person person, Crime crime, PersonRole role, CaseSource source, string? referringAgency, Actor actor)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        PersonId = person.Id;
        Person = person;
        CrimeId = crime.Id;
        Crime = crime;
        Role = role;
        Source = source;
        ReferringAgency = Person.Clean(referringAgency);
        Status = CaseStatus.New;
        CreatedAt = actor.Now;
        AddTimeline(actor, TimelineKind.Recorded, source switch
        {
            CaseSource.Phone => "Case recorded by hand after a phone call",
            CaseSource.AgencyReferral => $"Case recorded from a referral by {ReferringAgency ?? "another agency"}",
            CaseSource.SelfReferral => "Case recorded from a self-referral",
            _ => "Case recorded from the police feed",
        });
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation that runs this case.</summary>
    public Guid OrganisationId { get; private set; }
    public Guid PersonId { get; private set; }
    public Person Person { get; private set; } = null!;
    public Guid CrimeId { get; private set; }
    public Crime Crime { get; private set; } = null!;
    public PersonRole Role { get; private set; }
    public CaseStatus Status { get; private set; }
    public CaseSource Source { get; private set; }
    public string? ReferringAgency { get; private set; }
    public Guid? TeamId { get; private set; }
    public Guid? AllocatedOfficerId { get; private set; }
    public DateTime? AllocatedAt { get; private set; }

    /// <summary>High-profile, Professional Standards or staff-victim cases: only named users (and break-glass) see them.</summary>
    public bool Restricted { get; private set; }
    public string? RestrictionReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public ReferralConsent ReferralConsent { get; private set; }

    /// <summary>The level in force: an officer's override when there is one, else what triage worked out.</summary>
    public EntitlementLevel EntitlementLevel { get; private set; }

    /// <summary>Triage's enhanced-rights reason codes (see Intake/Triage), ';'-joined; empty when standard.</summary>
    public string EnhancedReasons { get; private set; } = "";
    public EntitlementLevel ComputedEntitlementLevel { get; private set; }
    public EntitlementLevel? EntitlementOverride { get; private set; }
    public string? EntitlementOverrideNote { get; private set; }

    /// <summary>Contact priority in force, 1 (contact today) to 4: the override when there is one, else triage's.</summary>
    public int Priority { get; private set; } = 4;
    public int ComputedPriority { get; private set; } = 4;

    /// <summary>Why triage chose its priority: the matching rules' names, ';'-joined.</summary>
    public string PriorityReasons { get; private set; } = "";
    public int? PriorityOverride { get; private set; }
    public string? PriorityOverrideNote { get; private set; }
    public string? OverriddenBy { get; private set; }
    public DateTime? OverriddenAt { get; private set; }
    public bool RepeatVictim { get; private set; }
    public DateTime? TriagedAt { get; private set; }

    /// <summary>
    /// The victim's current risk level (domain.md A4): null until first assessed. Set by the risk assessment (DASH with
    /// professional judgement); read by closure, which needs a Team Leader's approval for a high-risk case.
    /// </summary>
    public RiskLevel? Risk { get; private set; }
    public DateTime? RiskAssessedAt { get; private set; }

    /// <summary>Hash of the feed row this case last took its details from: the same row again changes nothing.</summary>
    public string? FeedRowHash { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;
    public IReadOnlyList<CaseNamedUser> NamedUsers => _namedUsers;
    public IReadOnlyList<BreakGlassGrant> BreakGlass => _breakGlass;

    public void ChangeRole(PersonRole role, Actor actor)
    {
        if (role == Role)
        {
            return;
        }
        Role = role;
        AddTimeline(actor, TimelineKind.DetailsChanged, $"Role changed to {RoleName(role)}");
    }

    public void RecordDetailsChanged(IReadOnlyCollection<string> fields, Actor actor)
    {
        if (fields.Count > 0)
        {
            AddTimeline(actor, TimelineKind.DetailsChanged, "Details changed: " + string.Join(", ", fields));
        }
    }

    /// <summary>Allocates to a team and, optionally, one of its officers. The caller checks the officer is in the team.</summary>
    public Result Allocate(Guid teamId, string teamName, Guid? officerId, string? officerName, Actor actor)
    {
        if (Status == CaseStatus.Closed)
        {
            return Result.Rejected("A closed case cannot be allocated.");
        }
        if (TeamId == teamId && AllocatedOfficerId == officerId)
        {
            return Result.Ok();
        }
        TeamId = teamId;
        AllocatedOfficerId = officerId;
        AllocatedAt = actor.Now;
        if (Status == CaseStatus.New && officerId is not null)
        {
            Status = CaseStatus.Active;
        }
        AddTimeline(actor, TimelineKind.Allocated, officerName is null ? $"Allocated to {teamName}" : $"Allocated to {officerName} ({teamName})");
        return Result.Ok();
    }

    public Result Restrict(string reason, IEnumerable<Guid> namedUserIds, Actor actor)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Rejected("Reason", "Enter why this case is restricted");
        }
        Restricted = true;
        RestrictionReason = reason.Trim();
        foreach (var id in (actor.UserId is { } self ? namedUserIds.Append(self) : namedUserIds).Distinct())
        {
            AddNamedUser(id, actor);
        }
        if (AllocatedOfficerId is { } officer)
        {
            AddNamedUser(officer, actor);
        }
        AddTimeline(actor, TimelineKind.Restricted, "Case restricted to named users");
        return Result.Ok();
    }

    public void Unrestrict(Actor actor)
    {
        if (!Restricted)
        {
            return;
        }
        Restricted = false;
        RestrictionReason = null;
        AddTimeline(actor, TimelineKind.Restricted, "Restriction lifted");
    }

    public void AddNamedUser(Guid userId, Actor actor)
    {
        if (_namedUsers.All(n => n.UserId != userId))
        {
            _namedUsers.Add(new CaseNamedUser(Id, userId, actor.Now));
        }
    }

    public Result RemoveNamedUser(Guid userId)
    {
        var named = _namedUsers.FirstOrDefault(n => n.UserId == userId);
        if (named is null)
        {
            return Result.Ok();
        }
        if (_namedUsers.Count == 1)
        {
            return Result.Rejected("A restricted case needs at least one named user.");
        }
        _namedUsers.Remove(named);
        return Result.Ok();
    }

    public Result TakeBreakGlass(string reason, TimeSpan duration, Actor actor)
    {
        if (!Restricted)
        {
            return Result.Rejected("This case is not restricted.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            return Result.Rejected("Reason", "Enter the reason you need access (at least 10 characters)");
        }
        _breakGlass.Add(new BreakGlassGrant(Id, actor.UserId!.Value, actor.Name, reason.Trim(), actor.Now, actor.Now + duration));
        AddTimeline(actor, TimelineKind.BreakGlass, $"Break-glass access taken by {actor.Name}: {reason.Trim()}");
        return Result.Ok();
    }

    public void SetReferralConsent(ReferralConsent consent) => ReferralConsent = consent;

    /// <summary>Remembers which feed row the case now reflects (see <see cref="FeedRowHash"/>).</summary>
    public void MarkFeedRow(string hash) => FeedRowHash = hash;

    /// <summary>
    /// Takes triage's result. Overrides an officer made stay in force (a re-import never undoes them); the
    /// timeline says when the level or priority in force changed.
    /// </summary>
    public void ApplyTriage(EntitlementLevel level, IEnumerable<string> enhancedReasons, int priority, IEnumerable<string> priorityReasons, bool repeatVictim, Actor actor)
    {
        var before = (EntitlementLevel, Priority);
        ComputedEntitlementLevel = level;
        EnhancedReasons = string.Join(';', enhancedReasons);
        ComputedPriority = Math.Clamp(priority, 1, 4);
        PriorityReasons = string.Join(';', priorityReasons);
        RepeatVictim = repeatVictim;
        EntitlementLevel = EntitlementOverride ?? ComputedEntitlementLevel;
        Priority = PriorityOverride ?? ComputedPriority;
        var first = TriagedAt is null;
        TriagedAt = actor.Now;
        if (first)
        {
            AddTimeline(actor, TimelineKind.Triaged, $"Triaged: {LevelName(EntitlementLevel)} rights, priority P{Priority}");
        }
        else if (before != (EntitlementLevel, Priority))
        {
            AddTimeline(actor, TimelineKind.Triaged, $"Re-assessed: {LevelName(EntitlementLevel)} rights, priority P{Priority}");
        }
    }

    /// <summary>An officer sets the level and/or priority by hand, with a note; null clears that override.</summary>
    public Result Override(EntitlementLevel? level, int? priority, string? note, Actor actor)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return Result.Rejected("Note", "Enter why you are changing the level or priority");
        }
        if (priority is < 1 or > 4)
        {
            return Result.Rejected("Priority", "Select a priority from P1 to P4");
        }
        var trimmed = note.Trim();
        EntitlementOverride = level;
        EntitlementOverrideNote = level is null ? null : trimmed;
        PriorityOverride = priority;
        PriorityOverrideNote = priority is null ? null : trimmed;
        OverriddenBy = level is null && priority is null ? null : actor.Name;
        OverriddenAt = level is null && priority is null ? null : actor.Now;
        EntitlementLevel = EntitlementOverride ?? ComputedEntitlementLevel;
        Priority = PriorityOverride ?? ComputedPriority;
        AddTimeline(actor, TimelineKind.Triaged, $"{LevelName(EntitlementLevel)} rights, priority P{Priority} set by hand: {trimmed}");
        return Result.Ok();
    }

    /// <summary>Adds a line to the timeline for something that happened outside this aggregate (a feed update, an event).</summary>
    public void Note(TimelineKind kind, string summary, Actor actor) => AddTimeline(actor, kind, summary);

    /// <summary>Records the level a risk assessment arrived at; <paramref name="basis"/> says how (e.g. "DASH 15 yes answers").</summary>
    public void AssessRisk(RiskLevel level, string basis, Actor actor)
    {
        var before = Risk;
        Risk = level;
        RiskAssessedAt = actor.Now;
        AddTimeline(actor, TimelineKind.Risk, before is null || before == level
            ? $"Risk assessed as {RiskName(level).ToLowerInvariant()} ({basis})"
            : $"Risk changed from {RiskName(before.Value).ToLowerInvariant()} to {RiskName(level).ToLowerInvariant()} ({basis})");
    }

    /// <summary>
    /// Closes the case with the reason people read. A high-risk case closes only with a Team Leader's approval
    /// (<paramref name="approvedBy"/>, their name): without it the closure is refused and nothing changes.
    /// </summary>
    public Result Close(string reason, Actor actor, string? approvedBy = null)
    {
        if (Status == CaseStatus.Closed)
        {
            return Result.Rejected("This case is already closed.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Rejected("Reason", "Select why the case is closing");
        }
        if (Risk == RiskLevel.High && approvedBy is null)
        {
            return Result.Rejected(HighRiskClosureRefusal);
        }
        Status = CaseStatus.Closed;
        ClosedAt = actor.Now;
        AddTimeline(actor, TimelineKind.Closure, approvedBy is null
            ? $"Case closed: {reason.Trim()}"
            : $"Case closed: {reason.Trim()} (high risk, approved by {approvedBy})");
        return Result.Ok();
    }

    public const string HighRiskClosureRefusal =
        "This case is high risk: closing it needs a Team Leader's approval. Send the closure to a Team Leader of the case's team for approval.";

    /// <summary>Re-opens a closed case: it becomes active again, with the reason on its timeline.</summary>
    public Result Reopen(string reason, Actor actor)
    {
        if (Status != CaseStatus.Closed)
        {
            return Result.Rejected("This case is not closed.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Rejected("Reason", "Enter why the case is being re-opened");
        }
        Status = CaseStatus.Active;
        ClosedAt = null;
        AddTimeline(actor, TimelineKind.Closure, $"Case re-opened: {reason.Trim()}");
        return Result.Ok();
    }

    public static string RiskName(RiskLevel level) => level switch
    {
        RiskLevel.Standard => "Standard",
        RiskLevel.Medium => "Medium",
        RiskLevel.High => "High",
        _ => level.ToString(),
    };

    public static string LevelName(EntitlementLevel level) => level == EntitlementLevel.Enhanced ? "Enhanced" : "Standard";

    private void AddTimeline(Actor actor, TimelineKind kind, string summary) =>
        _timeline.Add(new TimelineEntry(Id, kind, summary, actor));

    public static string RoleName(PersonRole role) => role switch
    {
        PersonRole.Victim => "Victim",
        PersonRole.Witness => "Witness",
        PersonRole.BereavedRelative => "Bereaved relative",
        PersonRole.ParentGuardian => "Parent or guardian",
        PersonRole.BusinessContact => "Business contact",
        _ => role.ToString(),
    };

    public static string SourceName(CaseSource source) => source switch
    {
        CaseSource.PoliceFeed => "Police feed",
        CaseSource.Phone => "Phone call",
        CaseSource.AgencyReferral => "Agency referral",
        CaseSource.SelfReferral => "Self-referral",
        _ => source.ToString(),
    };
}

public enum TimelineKind
{
    Recorded,
    DetailsChanged,
    Allocated,
    Restricted,
    BreakGlass,
    Note,
    Triaged,
    FeedUpdate,
    InvestigationEvent,
    Referral,
    ActionRecorded,
    Obligation,

    // Care work (issue 5); stored as strings, so adding members is safe. Categories: Care/Timeline/TimelineCategories.
    Contact,
    SafeContact,
    Assessment,
    Risk,
    Consent,
    Signposting,
    Message,
    Plan,
    Contract,
    Closure,
    Intelligence,
    Equality,
    Court,
}

/// <summary>One thing that happened on a case, in order.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    internal TimelineEntry(Guid caseId, TimelineKind kind, string summary, Actor actor)
    {
        Id = Guid.CreateVersion7();
        CaseId = caseId;
        Kind = kind;
        Summary = summary;
        At = actor.Now;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public TimelineKind Kind { get; private set; }
    public string Summary { get; private set; } = "";
    public DateTime At { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
}

/// <summary>A user named on a restricted case.</summary>
public sealed class CaseNamedUser
{
    private CaseNamedUser() { }

    internal CaseNamedUser(Guid caseId, Guid userId, DateTime now)
    {
        CaseId = caseId;
        UserId = userId;
        AddedAt = now;
    }

    public Guid CaseId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AddedAt { get; private set; }
}

/// <summary>A Team Leader's time-limited access to a restricted case, with the reason they gave.</summary>
public sealed class BreakGlassGrant
{
    private BreakGlassGrant() { }

    internal BreakGlassGrant(Guid caseId, Guid userId, string userName, string reason, DateTime at, DateTime expiresAt)
    {
        Id = Guid.CreateVersion7();
        CaseId = caseId;
        UserId = userId;
        UserName = userName;
        Reason = reason;
        At = at;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime At { get; private set; }
    public DateTime ExpiresAt { get; private set; }
}
