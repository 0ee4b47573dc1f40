namespace Waypoint.Modules.Intake.Domain;

/// <summary>The two police feeds of feeds.md.</summary>
public enum FeedKind
{
    Victims,
    InvestigationEvents,
}

/// <summary>How a file reached us.</summary>
public enum ImportSource
{
    Upload,
    Api,
    DropFolder,
}

public enum ImportStatus
{
    /// <summary>Read to the end; rows are created, updated, unchanged or quarantined.</summary>
    Completed,

    /// <summary>The file as a whole was unusable (e.g. a required column missing): nothing was imported.</summary>
    Rejected,
}

/// <summary>One file or API call of a feed: who sent it, when, its content hash and what became of its rows.</summary>
public sealed class ImportRecord
{
    private ImportRecord() { }

    public ImportRecord(Guid organisationId, FeedKind feed, ImportSource source, string? fileName, string sentBy, Guid? sentByUserId, Guid? apiClientId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        Feed = feed;
        Source = source;
        FileName = fileName is null ? null : Path.GetFileName(fileName.Trim());
        SentBy = sentBy;
        SentByUserId = sentByUserId;
        ApiClientId = apiClientId;
        ReceivedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public FeedKind Feed { get; private set; }
    public ImportSource Source { get; private set; }
    public string? FileName { get; private set; }
    public string SentBy { get; private set; } = "";
    public Guid? SentByUserId { get; private set; }
    public Guid? ApiClientId { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    /// <summary>SHA-256 of the content as received, hex.</summary>
    public string ContentHash { get; private set; } = "";
    public ImportStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public int RowsRead { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public int Quarantined { get; private set; }

    /// <summary>File-level warnings (e.g. unknown columns), one per line.</summary>
    public string Warnings { get; private set; } = "";

    public IReadOnlyList<string> WarningList => Warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Complete(string contentHash, int rowsRead, int created, int updated, int unchanged, int quarantined, IEnumerable<string> warnings, DateTime now)
    {
        ContentHash = contentHash;
        RowsRead = rowsRead;
        Created = created;
        Updated = updated;
        Unchanged = unchanged;
        Quarantined = quarantined;
        Warnings = string.Join('\n', warnings);
        Status = ImportStatus.Completed;
        CompletedAt = now;
    }

    public void Reject(string contentHash, string reason, IEnumerable<string> warnings, DateTime now)
    {
        ContentHash = contentHash;
        RejectionReason = reason;
        Warnings = string.Join('\n', warnings);
        Status = ImportStatus.Rejected;
        CompletedAt = now;
    }
}

public enum QuarantineStatus
{
    /// <summary>Failed validation: waits for an officer to correct and re-process it, or discard it.</summary>
    Open,

    /// <summary>A valid event for a crime we do not know yet: re-processed automatically when the crime arrives.</summary>
    WaitingForCrime,
    Reprocessed,
    Discarded,
}

/// <summary>A feed row that could not be imported, kept whole with every reason, until it is corrected or discarded.</summary>
public sealed class QuarantinedRow
{
    private QuarantinedRow() { }

    public QuarantinedRow(ImportRecord import, int rowNumber, string rawContent, IEnumerable<string> reasons, QuarantineStatus status, string? forceCode, string? crimeReference, DateTime now)
    {
        Id = Guid.CreateVersion7();
        ImportId = import.Id;
        OrganisationId = import.OrganisationId;
        Feed = import.Feed;
        RowNumber = rowNumber;
        RawContent = rawContent;
        Reasons = string.Join('\n', reasons);
        Status = status;
        ForceCode = forceCode;
        CrimeReference = crimeReference;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ImportId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public FeedKind Feed { get; private set; }

    /// <summary>Data rows counted from 1, the header not counted (feeds.md §3).</summary>
    public int RowNumber { get; private set; }

    /// <summary>The row as received: a JSON object of field name to text.</summary>
    public string RawContent { get; private set; } = "";

    /// <summary>Every reason it failed, one per line.</summary>
    public string Reasons { get; private set; } = "";
    public QuarantineStatus Status { get; private set; }
    public string? ForceCode { get; private set; }
    public string? CrimeReference { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }

    /// <summary>What was done: the discard reason, or what the re-processed row became.</summary>
    public string? Resolution { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<string> ReasonList => Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public bool IsOpen => Status is QuarantineStatus.Open or QuarantineStatus.WaitingForCrime;

    /// <summary>A corrected version failed again: keep the correction and its new reasons.</summary>
    public void StillFailing(string rawContent, IEnumerable<string> reasons, QuarantineStatus status)
    {
        RawContent = rawContent;
        Reasons = string.Join('\n', reasons);
        Status = status;
    }

    public void MarkReprocessed(string rawContent, string resolution, string by, DateTime now)
    {
        RawContent = rawContent;
        Status = QuarantineStatus.Reprocessed;
        Resolution = resolution;
        ResolvedBy = by;
        ResolvedAt = now;
    }

    public void Discard(string reason, string by, DateTime now)
    {
        Status = QuarantineStatus.Discarded;
        Resolution = reason.Trim();
        ResolvedBy = by;
        ResolvedAt = now;
    }
}
