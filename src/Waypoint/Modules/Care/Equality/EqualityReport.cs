using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Modules.Care.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Equality;

/// <summary>One count of the report; null when suppressed (fewer than <see cref="EqualityReportHandler.Threshold"/>, or to stop it being worked out).</summary>
public sealed record EqualityCount(string Code, string Text, int? Count)
{
    public bool Suppressed => Count is null;
}

public sealed record EqualityCharacteristic(string Key, string Name, IReadOnlyList<EqualityCount> Counts);

/// <summary>
/// The organisation's equality monitoring over the people whose cases were opened in a period: how many were asked
/// to agree and did, and per characteristic how many gave each answer. Small numbers are suppressed.
/// </summary>
public sealed record EqualityReport(DateOnly From, DateOnly To, int? People, int? Agreed, IReadOnlyList<EqualityCharacteristic> Characteristics);

internal sealed class EqualityReportHandler(AppDbContext db, AuditScope audit)
{
    /// <summary>Counts from 1 to this minus one are suppressed.</summary>
    public const int Threshold = 5;

    public const string NotAnswered = "not-answered";

    private static readonly string[] DateFormats = ["d/M/yyyy", "d/M/yy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d M yyyy"];

    public async Task<Result<EqualityReport>> HandleAsync(string? fromText, string? toText, Actor actor, CancellationToken ct)
    {
        var today = UkTime.Today(actor.Now);
        var errors = new ValidationErrors();
        var from = ParseDate(fromText, "from", "The date from", errors) ?? today.AddYears(-1).AddDays(1);
        var to = ParseDate(toText, "to", "The date to", errors) ?? today;
        if (to < from)
        {
            errors.Add("to", "The date to must be the same as or after the date from");
        }
        if (errors.Any)
        {
            return errors.ToFailure();
        }
        var start = UkTime.StartOfDay(from);
        var end = UkTime.StartOfDay(to.AddDays(1));
        var org = actor.OrganisationId;
        var people = db.Cases.AsNoTracking().Where(c => c.OrganisationId == org && c.CreatedAt >= start && c.CreatedAt < end).Select(c => c.PersonId).Distinct();
        var total = await people.CountAsync(ct);
        var rows = await db.EqualityMonitoring.AsNoTracking()
            .Where(e => e.OrganisationId == org && e.AgreedOn != null && people.Contains(e.PersonId))
            .ToListAsync(ct);

        var characteristics = EqualityQuestions.All.Select(q =>
        {
            var raw = q.Answers.Select(a => (a.Code, a.Text, Count: rows.Count(m => m.Answer(q.Key) == a.Code)))
                .Append((NotAnswered, "Not answered", rows.Count(m => m.Answer(q.Key) is null)))
                .ToList();
            return new EqualityCharacteristic(q.Key, q.Heading, Suppress(raw));
        }).ToList();

        audit.Record(AuditOperation.Consultation, "EqualityReport", null, null,
            detail: $"Equality monitoring report (aggregate, small numbers suppressed) for cases opened {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return Result<EqualityReport>.Ok(new EqualityReport(from, to, Small(total), Small(rows.Count), characteristics));
    }

    private static int? Small(int count) => count is > 0 and < Threshold ? null : count;

    /// <summary>
    /// Primary suppression of 1 to 4, then secondary: when only one count of a characteristic is hidden, the next
    /// smallest non-zero one is hidden too, so that neither can be worked out from the total.
    /// </summary>
    internal static IReadOnlyList<EqualityCount> Suppress(IReadOnlyList<(string Code, string Text, int Count)> raw)
    {
        var hidden = raw.Select(r => r.Count is > 0 and < Threshold).ToArray();
        if (hidden.Count(h => h) == 1)
        {
            var next = raw.Select((r, i) => (r.Count, i)).Where(x => !hidden[x.i] && x.Count > 0).OrderBy(x => x.Count).Select(x => (int?)x.i).FirstOrDefault();
            if (next is { } index)
            {
                hidden[index] = true;
            }
        }
        return raw.Select((r, i) => new EqualityCount(r.Code, r.Text, hidden[i] ? null : r.Count)).ToList();
    }

    private static DateOnly? ParseDate(string? text, string field, string label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(field, $"{label} must be a real date, like 27/3/2026");
        return null;
    }
}
