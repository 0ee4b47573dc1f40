using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Assessment.Danger;

public sealed class DangerRequest
{
    /// <summary>When police attendance was requested; now when not given.</summary>
    public DateTimeOffset? RequestedAt { get; set; }
    public DangerRequestChannel? Channel { get; set; }

    /// <summary>The control room's incident reference (required).</summary>
    public string? ControlRoomReference { get; set; }
    public string? WhatWasAsked { get; set; }
    public string? Outcome { get; set; }
}

public sealed class CloseDangerRequest
{
    public string? Outcome { get; set; }
}

public sealed record DangerDto(Guid Id, Guid CaseId, DateTime RequestedAt, DangerRequestChannel Channel, string ControlRoomReference, string WhatWasAsked,
    string? Outcome, bool Open, DateTime? ClosedAt, string? ClosedByName, string ByName, DateTime RecordedAt)
{
    public static DangerDto From(DangerIncident d) => new(d.Id, d.CaseId, d.RequestedAt, d.Channel, d.ControlRoomReference, d.WhatWasAsked, d.Outcome,
        d.IsOpen, d.ClosedAt, d.ClosedByName, d.ByName, d.RecordedAt);
}

/// <summary>"Victim in immediate danger": the request for police attendance, open until someone records that it is over.</summary>
internal sealed class RecordDangerHandler(AppDbContext db, AuditScope audit)
{
    public async Task<Result<DangerDto>> HandleAsync(Guid caseId, DangerRequest r, Actor actor, CancellationToken ct)
    {
        var (victimCase, refused) = await db.Cases.ForChangeAsync(caseId, actor, ct);
        if (victimCase is null)
        {
            return refused;
        }
        var errors = new ValidationErrors();
        if (r.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            errors.Add(nameof(r.Channel), "Select how you asked for police attendance");
            channel = default;
        }
        var reference = string.IsNullOrWhiteSpace(r.ControlRoomReference) ? null : r.ControlRoomReference.Trim();
        errors.Required(reference, nameof(r.ControlRoomReference), "Enter the control-room reference: ask the call handler for it");
        errors.MaxLength(reference, 100, nameof(r.ControlRoomReference), "The control-room reference");
        var asked = string.IsNullOrWhiteSpace(r.WhatWasAsked) ? null : r.WhatWasAsked.Trim();
        errors.Required(asked, nameof(r.WhatWasAsked), "Enter what you asked the police to do");
        errors.MaxLength(asked, 2000, nameof(r.WhatWasAsked), "What you asked");
        var outcome = string.IsNullOrWhiteSpace(r.Outcome) ? null : r.Outcome.Trim();
        errors.MaxLength(outcome, 2000, nameof(r.Outcome), "The outcome");
        var at = r.RequestedAt?.UtcDateTime ?? actor.Now;
        if (at > actor.Now.AddMinutes(5))
        {
            errors.Add(nameof(r.RequestedAt), "The time of the request must be now or in the past");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var incident = new DangerIncident(victimCase.OrganisationId, caseId, at, channel, reference!, asked!, outcome, actor);
        db.DangerIncidents.Add(incident);
        victimCase.Note(TimelineKind.Risk, $"Victim in immediate danger: police attendance requested ({DangerIncident.ChannelName(channel).ToLowerInvariant()}, control-room reference {reference})", actor);
        audit.Record(AuditOperation.Collection, "DangerIncident", incident.Id.ToString(), victimCase.PersonId, detail: $"DangerIncident recorded on case {caseId}");
        audit.Record(AuditOperation.Disclosure, "DangerIncident", incident.Id.ToString(), victimCase.PersonId, recipient: "Police control room",
            detail: $"Immediate danger on case {caseId}: police attendance requested, control-room reference {reference}");
        await db.SaveChangesAsync(ct);
        return Result<DangerDto>.Created(DangerDto.From(incident));
    }

    public async Task<Result<DangerDto>> CloseAsync(Guid caseId, Guid incidentId, CloseDangerRequest r, Actor actor, CancellationToken ct)
    {
        var victimCase = await db.Cases.VisibleTo(actor).SingleOrDefaultAsync(c => c.Id == caseId, ct);
        var incident = victimCase is null ? null : await db.DangerIncidents.SingleOrDefaultAsync(d => d.Id == incidentId && d.CaseId == caseId, ct);
        if (victimCase is null || incident is null)
        {
            return Fail.NotFound;
        }
        if (!actor.CanWriteCases)
        {
            return Fail.Forbidden;
        }
        if (!incident.IsOpen)
        {
            return Fail.Rejected(nameof(r.Outcome), $"This incident was already closed by {incident.ClosedByName}");
        }
        var errors = new ValidationErrors();
        var outcome = string.IsNullOrWhiteSpace(r.Outcome) ? null : r.Outcome.Trim();
        errors.Required(outcome, nameof(r.Outcome), "Enter the outcome: what the police did and whether the victim is now safe");
        errors.MaxLength(outcome, 2000, nameof(r.Outcome), "The outcome");
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        incident.Close(outcome!, actor);
        victimCase.Note(TimelineKind.Risk, $"Immediate danger incident {incident.ControlRoomReference} closed: {outcome}", actor);
        audit.Record(AuditOperation.Alteration, "DangerIncident", incident.Id.ToString(), victimCase.PersonId, field: "Outcome", newValue: outcome,
            detail: $"Immediate danger incident closed on case {caseId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict;
        }
        return Result<DangerDto>.Ok(DangerDto.From(incident));
    }

    public async Task<IReadOnlyList<DangerDto>?> ListAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var list = await db.DangerIncidents.AsNoTracking().Where(d => d.CaseId == caseId).OrderByDescending(d => d.RequestedAt).ToListAsync(ct);
        return list.Select(DangerDto.From).ToList();
    }
}
