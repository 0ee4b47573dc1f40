using Waypoint.Modules.Intake.Domain;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Modules.Intake.Feeds.Validation;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake.Feeds.Imports;

public enum RowOutcomeKind
{
    Created,
    Updated,
    Unchanged,
    Quarantined,

    /// <summary>A valid event for a crime not known yet: quarantined until the crime arrives.</summary>
    WaitingForCrime,
}

/// <summary>What became of one row, with every reason when it failed and a short description when it did not.</summary>
public sealed record RowOutcome(RowOutcomeKind Kind, IReadOnlyList<string> Reasons, string? ForceCode, string? CrimeReference, string Description)
{
    public bool Failed => Kind is RowOutcomeKind.Quarantined or RowOutcomeKind.WaitingForCrime;

    public static RowOutcome Quarantine(IReadOnlyList<string> reasons, string? forceCode, string? crimeReference) =>
        new(RowOutcomeKind.Quarantined, reasons, forceCode, crimeReference, "quarantined");
}

/// <summary>Who sends the rows and which forces they may send for.</summary>
internal sealed record ImportContext(Actor Actor, Guid ImportId, ForceDirectory Forces);

/// <summary>
/// Imports a batch of rows of one feed without saving: new records go into <c>batch</c> (the bulk insert), changes
/// to existing ones into the tracked context; the caller saves both once per batch
/// (<c>db.SaveChangesAsync(batch.New)</c>) and quarantines the failed rows. Rows are processed in order, so a key
/// repeated in a batch sees the earlier row.
/// </summary>
internal interface IFeedRowImporter
{
    FeedKind Feed { get; }

    Task<IReadOnlyList<RowOutcome>> ImportAsync(IReadOnlyList<FeedRow> rows, ImportContext context, ImportBatch batch, CancellationToken ct);
}
