using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Database;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Oversight.Shared;

/// <summary>
/// What an auditor searches the log by, exactly as the filter form and the API send it (GET query string), so a
/// search is a link. Dates are Europe/London calendar days, like 27/3/2026 or 2026-03-27.
/// </summary>
public sealed class AuditLogQuery
{
    /// <summary>A person id, a person reference, or a name ("Smith", "Jane Smith"); names are looked up to people of the auditor's organisation.</summary>
    public string? Person { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }

    /// <summary>Part of the name or sign-in username of whoever acted.</summary>
    public string? User { get; set; }

    /// <summary>Operations to include (any of them); none means all.</summary>
    public string[]? Operation { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>Text anywhere in the entry's detail.</summary>
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Person) && string.IsNullOrWhiteSpace(RecordType) && string.IsNullOrWhiteSpace(RecordId) &&
        string.IsNullOrWhiteSpace(User) && (Operation is null || Operation.All(string.IsNullOrWhiteSpace)) &&
        string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && string.IsNullOrWhiteSpace(Q);

    /// <summary>The filters as query-string pairs (without paging), for links, the export form and the pager.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("person", Person), new("recordType", RecordType), new("recordId", RecordId), new("user", User),
        };
        pairs.AddRange((Operation ?? []).Select(o => new KeyValuePair<string, string?>("operation", o)));
        pairs.AddRange([new("from", From), new("to", To), new("q", Q)]);
        return pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value));
    }
}

/// <summary>One entry as an auditor reads it: the log entry with its organisation's name.</summary>
public sealed record AuditRow(
    long Sequence,
    DateTime OccurredAt,
    AuditOperation Operation,
    Guid? UserId,
    string UserName,
    Guid? OrganisationId,
    string? OrganisationName,
    string? RecordType,
    string? RecordId,
    Guid? PersonId,
    string? Field,
    string? OldValue,
    string? NewValue,
    string? Recipient,
    string? Detail,
    string Channel,
    string? CorrelationId,
    string Hash);

/// <summary>A checked query: parsed dates as UTC bounds, operations, and the people a name stood for.</summary>
public sealed record AuditFilter(
    string? PersonText,
    IReadOnlyList<Guid>? PersonIds,
    string? RecordType,
    string? RecordId,
    string? User,
    IReadOnlyList<AuditOperation> Operations,
    DateOnly? From,
    DateOnly? To,
    DateTime? FromUtc,
    DateTime? ToUtcExclusive,
    string? Text)
{
    /// <summary>The filters in words, for the results heading and the export's log entry.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (PersonText is not null)
        {
            parts.Add($"person '{PersonText}' ({PersonIds?.Count ?? 0} matched)");
        }
        if (RecordType is not null || RecordId is not null)
        {
            parts.Add($"record {RecordType ?? "any type"} {RecordId ?? "any id"}".TrimEnd());
        }
        if (User is not null)
        {
            parts.Add($"user containing '{User}'");
        }
        if (Operations.Count > 0)
        {
            parts.Add("operations " + string.Join(", ", Operations));
        }
        if (From is not null)
        {
            parts.Add("from " + From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (To is not null)
        {
            parts.Add("to " + To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (Text is not null)
        {
            parts.Add($"detail containing '{Text}'");
        }
        return parts.Count == 0 ? "no filters" : string.Join("; ", parts);
    }
}

/// <summary>
/// Turns an <see cref="AuditLogQuery"/> into a query over the log, narrowed to what the auditor's organisation may
/// see: entries made by its people, and entries about people it holds. Shared by the page, the API and the export.
/// </summary>
internal sealed class AuditLogFilter(AppDbContext db, AuditScope audit)
{
    private const int MaxPeople = 500;
    private static readonly string[] DateFormats = ["d/M/yyyy", "d/M/yy", "yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d M yyyy"];
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Checks the query and looks up a person by name or reference; the lookup is logged as consultation.</summary>
    public async Task<Result<AuditFilter>> ResolveAsync(AuditLogQuery query, Actor actor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var from = ParseDate(query.From, "from", "Date from", errors);
        var to = ParseDate(query.To, "to", "Date to", errors);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("to", "Date to must be the same as or after date from");
        }
        var operations = new List<AuditOperation>();
        foreach (var text in (query.Operation ?? []).Where(o => !string.IsNullOrWhiteSpace(o)))
        {
            // "SignIn", "signin" and the API's "sign_in" all name the same operation; numbers do not.
            var name = text.Trim().Replace("_", "", StringComparison.Ordinal);
            if (!name.All(char.IsAsciiDigit) && Enum.TryParse<AuditOperation>(name, ignoreCase: true, out var op) && Enum.IsDefined(op))
            {
                if (!operations.Contains(op))
                {
                    operations.Add(op);
                }
            }
            else
            {
                errors.Add("operation", "Select operations from the list");
                break;
            }
        }
        errors.MaxLength(query.Person, 200, "person", "Person");
        errors.MaxLength(query.RecordType, 64, "recordType", "Record type");
        errors.MaxLength(query.RecordId, 64, "recordId", "Record id");
        errors.MaxLength(query.User, 256, "user", "User");
        errors.MaxLength(query.Q, 200, "q", "Text in the detail");
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var personText = Clean(query.Person);
        IReadOnlyList<Guid>? personIds = null;
        if (personText is not null)
        {
            personIds = Guid.TryParse(personText, out var personId) ? [personId] : await LookUpPeopleAsync(personText, actor, ct);
        }
        var recordId = Clean(query.RecordId);
        if (recordId is not null && Guid.TryParse(recordId, out var recordGuid))
        {
            // Ids are logged in the "D" form, lower case; accept any form a person pastes.
            recordId = recordGuid.ToString();
        }
        return Result<AuditFilter>.Ok(new AuditFilter(
            personText,
            personIds,
            Clean(query.RecordType),
            recordId,
            Clean(query.User),
            operations,
            from,
            to,
            from is null ? null : StartOfDayUtc(from.Value),
            to is null ? null : StartOfDayUtc(to.Value.AddDays(1)),
            Clean(query.Q)));
    }

    /// <summary>The entries the auditor may see that match the filter, unordered.</summary>
    public IQueryable<AuditEntry> Apply(AuditFilter filter, Actor actor)
    {
        var org = actor.OrganisationId;
        var entries = db.AuditEntries.AsNoTracking()
            .Where(e => e.OrganisationId == org || (e.PersonId != null && db.People.Any(p => p.Id == e.PersonId && p.OrganisationId == org)));
        if (filter.PersonIds is { } personIds)
        {
            entries = personIds.Count == 1
                ? entries.Where(e => e.PersonId == personIds[0])
                : entries.Where(e => e.PersonId != null && personIds.Contains(e.PersonId.Value));
        }
        if (filter.RecordType is { } recordType)
        {
            entries = entries.Where(e => e.RecordType == recordType);
        }
        if (filter.RecordId is { } recordId)
        {
            entries = entries.Where(e => e.RecordId == recordId);
        }
        if (filter.User is { } user)
        {
            var term = user.ToLowerInvariant();
            // The log keeps the name shown at the time; people also search by the sign-in username.
            entries = entries.Where(e => e.UserName.ToLower().Contains(term) ||
                (e.UserId != null && db.Users.Any(u => u.Id == e.UserId && u.UserName!.ToLower().Contains(term))));
        }
        if (filter.Operations.Count > 0)
        {
            var ops = filter.Operations.ToList();
            entries = entries.Where(e => ops.Contains(e.Operation));
        }
        if (filter.FromUtc is { } fromUtc)
        {
            entries = entries.Where(e => e.OccurredAt >= fromUtc);
        }
        if (filter.ToUtcExclusive is { } toUtc)
        {
            entries = entries.Where(e => e.OccurredAt < toUtc);
        }
        if (filter.Text is { } text)
        {
            var term = text.ToLowerInvariant();
            entries = entries.Where(e => e.Detail != null && e.Detail.ToLower().Contains(term));
        }
        return entries;
    }

    /// <summary>Newest first, with the organisation's name.</summary>
    public IQueryable<AuditRow> Rows(IQueryable<AuditEntry> entries) => entries
        .OrderByDescending(e => e.Sequence)
        .Select(e => new AuditRow(
            e.Sequence,
            e.OccurredAt,
            e.Operation,
            e.UserId,
            e.UserName,
            e.OrganisationId,
            db.Organisations.Where(o => o.Id == e.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            e.RecordType,
            e.RecordId,
            e.PersonId,
            e.Field,
            e.OldValue,
            e.NewValue,
            e.Recipient,
            e.Detail,
            e.Channel,
            e.CorrelationId,
            e.Hash));

    /// <summary>Midnight at the start of a London calendar day, in UTC (midnight never falls in a clock change in the UK).</summary>
    internal static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), London);

    private async Task<IReadOnlyList<Guid>> LookUpPeopleAsync(string text, Actor actor, CancellationToken ct)
    {
        var org = actor.OrganisationId;
        var term = text.ToLowerInvariant();
        var people = db.People.AsNoTracking().Where(p => p.OrganisationId == org);
        var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2)
        {
            var (first, last) = (parts[0], parts[^1]);
            people = people.Where(p => p.PersonReference!.ToLower() == term ||
                (p.FirstName!.ToLower().StartsWith(first) && p.LastName!.ToLower().StartsWith(last)) ||
                p.BusinessName!.ToLower().Contains(term));
        }
        else
        {
            people = people.Where(p => p.PersonReference!.ToLower() == term ||
                p.LastName!.ToLower().StartsWith(term) || p.FirstName!.ToLower().StartsWith(term) || p.BusinessName!.ToLower().Contains(term));
        }
        var ids = await people.OrderBy(p => p.Id).Select(p => p.Id).Take(MaxPeople).ToListAsync(ct);

        // Turning a name into people is itself a consultation of their records.
        audit.Record(AuditOperation.Consultation, "PersonLookup", null, ids.Count == 1 ? ids[0] : null,
            detail: $"Audit log search for person '{text}': {ids.Count} {(ids.Count == 1 ? "person" : "people")} matched" +
                    (ids.Count == 0 ? "" : ": " + string.Join(",", ids)));
        await db.SaveChangesAsync(ct);
        return ids;
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

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
