using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.SafeContact.Protocols;

/// <summary>
/// One category contact protocol (configuration <c>Waypoint:Care:Protocols</c>): a checklist worked through before
/// first contact. It applies to a case carrying any of <see cref="AppliesToFlags"/>: an offence, vulnerability or
/// contact-restriction flag of the police feed, <c>role:BereavedRelative</c> (any <see cref="PersonRole"/>), or
/// <c>under_18</c> (the person is under 18 today).
/// </summary>
public sealed class ContactProtocol
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> AppliesToFlags { get; set; } = [];
    public List<string> Items { get; set; } = [];
}

public sealed class ProtocolOptions
{
    public List<ContactProtocol> Protocols { get; set; } = [];
}

public sealed record ProtocolStatus(string Id, string Name, IReadOnlyList<string> Items, bool Completed, string? CompletedBy, DateTime? CompletedAt);

public sealed class CompleteProtocolRequest
{
    /// <summary>The items confirmed, by their position in the checklist (0-based).</summary>
    public List<int>? Confirmed { get; set; }
}

internal sealed class ProtocolsHandler(AppDbContext db, IOptions<ProtocolOptions> options, AuditScope audit)
{
    public IReadOnlyList<ContactProtocol> All => options.Value.Protocols;

    /// <summary>The protocols that apply to the case and whether each was completed; null when the actor cannot see the case.</summary>
    public async Task<IReadOnlyList<ProtocolStatus>?> ForCaseAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().VisibleTo(actor).Where(c => c.Id == caseId)
            .Select(c => new { c.Role, c.Person.DateOfBirth, c.Person.VulnerabilityFlags, c.Person.ContactRestrictions, c.Crime.OffenceFlags })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }
        var today = UkTime.Today(actor.Now);
        var flags = Flags.Parse(c.OffenceFlags).Concat(Flags.Parse(c.VulnerabilityFlags)).Concat(Flags.Parse(c.ContactRestrictions))
            .Append("role:" + c.Role.ToString().ToLowerInvariant())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (c.DateOfBirth is { } dob && dob.AddYears(18) > today)
        {
            flags.Add("under_18");
        }
        var applying = All.Where(p => p.AppliesToFlags.Any(flags.Contains)).ToList();
        var ids = applying.Select(p => p.Id).ToList();
        var completions = await db.ProtocolCompletions.AsNoTracking().Where(p => p.CaseId == caseId && ids.Contains(p.Protocol))
            .OrderByDescending(p => p.CompletedAt).ToListAsync(ct);
        return applying.Select(p => completions.FirstOrDefault(x => x.Protocol == p.Id) is { } done
            ? new ProtocolStatus(p.Id, p.Name, p.Items, true, done.ByName, done.CompletedAt)
            : new ProtocolStatus(p.Id, p.Name, p.Items, false, null, null)).ToList();
    }

    public async Task<Result<ProtocolStatus>> CompleteAsync(Guid caseId, string protocolId, CompleteProtocolRequest r, Actor actor, CancellationToken ct)
    {
        var statuses = await ForCaseAsync(caseId, actor, ct);
        if (statuses is null)
        {
            return Fail.NotFound;
        }
        var protocol = All.FirstOrDefault(p => string.Equals(p.Id, protocolId, StringComparison.OrdinalIgnoreCase));
        if (protocol is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        var confirmed = (r.Confirmed ?? []).Where(i => i >= 0 && i < protocol.Items.Count).ToHashSet();
        if (confirmed.Count < protocol.Items.Count)
        {
            return Fail.Rejected("Confirmed", protocol.Items.Count - confirmed.Count == 1
                ? "Confirm every item of the checklist: 1 item is not ticked"
                : $"Confirm every item of the checklist: {protocol.Items.Count - confirmed.Count} items are not ticked");
        }
        var victimCase = await db.Cases.SingleAsync(c => c.Id == caseId, ct);
        var completion = new ProtocolCompletion(caseId, protocol.Id, string.Join('\n', protocol.Items), actor.UserId, actor.Name, actor.Now);
        db.ProtocolCompletions.Add(completion);
        victimCase.Note(TimelineKind.SafeContact, $"{protocol.Name} contact protocol completed", actor);
        audit.Record(AuditOperation.Collection, "ProtocolCompletion", completion.Id.ToString(), victimCase.PersonId,
            detail: $"Protocol {protocol.Id} completed on case {caseId}");
        await db.SaveChangesAsync(ct);
        return Result<ProtocolStatus>.Ok(new ProtocolStatus(protocol.Id, protocol.Name, protocol.Items, true, actor.Name, actor.Now));
    }
}
