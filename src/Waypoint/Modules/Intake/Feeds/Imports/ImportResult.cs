using Waypoint.Modules.Intake.Domain;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>The import result of feeds.md §3: the counts add up to the rows read.</summary>
public sealed record ImportResult(
    Guid ImportId,
    int RowsRead,
    int Created,
    int Updated,
    int Unchanged,
    int Quarantined,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<QuarantinedRowResult> Quarantine);

/// <summary>A quarantined row of an import: its number (from 1, header not counted) and every reason.</summary>
public sealed record QuarantinedRowResult(int Row, IReadOnlyList<string> Reasons);

/// <summary>An import read back later, with its quarantined rows as they now stand (ids to correct or discard them).</summary>
public sealed record ImportDetail(
    Guid ImportId,
    FeedKind Feed,
    ImportStatus Status,
    string? RejectionReason,
    DateTime ReceivedAt,
    string SentBy,
    string ContentHash,
    int RowsRead,
    int Created,
    int Updated,
    int Unchanged,
    int Quarantined,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<QuarantinedRowDetail> Quarantine);

public sealed record QuarantinedRowDetail(Guid Id, int Row, IReadOnlyList<string> Reasons, QuarantineStatus Status, IReadOnlyDictionary<string, string?> Fields, string? Resolution);
