using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Shared;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals.Shared;

public sealed record ConsentRow(Guid Id, Guid? ServiceId, string SharedWith, string WhatIsShared, DateOnly GivenOn, string How, string RecordedByName,
    DateTime? WithdrawnAt, string? WithdrawnNote)
{
    public bool InForce => WithdrawnAt is null;
}

public sealed record ReferralRow(Guid Id, string ServiceName, DateOnly SentOn, ReferralStatus Status, string? Outcome, bool WithoutConsent, string ByName);

public sealed record SignpostingRow(Guid Id, string ServiceName, string? Note, DateTime At, string ByName);

/// <summary>The case's consents, referrals and signposting, for the case page and the forms.</summary>
public sealed record CaseSupport(IReadOnlyList<ConsentRow> Consents, IReadOnlyList<ReferralRow> Referrals, IReadOnlyList<SignpostingRow> Signposting);

internal sealed class CaseSupportQuery(AppDbContext db)
{
    /// <summary>Null when the actor cannot see the case.</summary>
    public async Task<CaseSupport?> ForCaseAsync(Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!await db.Cases.AsNoTracking().VisibleTo(actor).AnyAsync(c => c.Id == caseId, ct))
        {
            return null;
        }
        var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.RecordedAt)
            .Select(c => new ConsentRow(c.Id, c.ServiceId, c.SharedWith, c.WhatIsShared, c.GivenOn, c.How, c.RecordedByName, c.WithdrawnAt, c.WithdrawnNote))
            .ToListAsync(ct);
        var referrals = await (from x in db.ServiceReferrals.AsNoTracking()
                               join s in db.SupportServices on x.ServiceId equals s.Id
                               where x.CaseId == caseId
                               orderby x.CreatedAt descending
                               select new ReferralRow(x.Id, s.Name, x.SentOn, x.Status, x.Outcome, x.ConsentId == null, x.ByName)).ToListAsync(ct);
        var signposting = await db.Signpostings.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.At)
            .Select(s => new SignpostingRow(s.Id, s.ServiceName, s.Note, s.At, s.ByName)).ToListAsync(ct);
        return new CaseSupport(consents, referrals, signposting);
    }

    /// <summary>The organisation's active services, as options for a select.</summary>
    public async Task<IReadOnlyList<(string Value, string Text)>> ServiceOptionsAsync(Actor actor, CancellationToken ct)
    {
        var orgId = actor.OrganisationId;
        var rows = await db.SupportServices.AsNoTracking().Where(s => s.OrganisationId == orgId && s.Active)
            .Select(s => new { s.Id, s.Name, s.ServiceType }).ToListAsync(ct);
        return rows.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).Select(s => (s.Id.ToString(), $"{s.Name} ({s.ServiceType})")).ToList();
    }
}
