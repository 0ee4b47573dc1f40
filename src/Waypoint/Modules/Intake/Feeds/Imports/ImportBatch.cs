using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Database.Bulk;

namespace Waypoint.Modules.Intake.Feeds.Imports;

/// <summary>
/// The new records of one batch of feed rows, written by one bulk insert in the batch's transaction
/// (<see cref="Platform.Database.AppDbContext.SaveChangesAsync(BulkBatch, CancellationToken)"/>), with their
/// Collection entries on the audit log. Changes to records that already exist stay on the change tracker.
/// To write more new records with a batch (for example each new case's obligations), queue them with
/// <see cref="Add{T}"/>: the victims importer does so for <see cref="NewCases"/> in one place,
/// <c>VictimRowImporter.QueueNewRecords</c>.
/// </summary>
internal sealed class ImportBatch
{
    private readonly List<VictimCase> _newCases = [];

    /// <summary>What the bulk insert writes.</summary>
    public BulkBatch New { get; } = new();

    /// <summary>The cases this batch creates, triaged, in row order (not tracked by the context).</summary>
    public IReadOnlyList<VictimCase> NewCases => _newCases;

    /// <summary>Queues a new record of any mapped type for this batch's insert.</summary>
    public void Add<T>(T entity) where T : class => New.Add(entity);

    /// <summary>A new case (not its timeline: see <c>VictimRowImporter.QueueNewRecords</c>).</summary>
    public void AddCase(VictimCase victimCase)
    {
        _newCases.Add(victimCase);
        New.Add(victimCase);
    }
}
