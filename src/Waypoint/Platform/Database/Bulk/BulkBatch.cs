using Microsoft.EntityFrameworkCore.Metadata;

namespace Waypoint.Platform.Database.Bulk;

/// <summary>
/// New entities of any mapped types, queued to be inserted together by the bulk path, without the change tracker.
/// Save them with <see cref="AppDbContext.SaveChangesAsync(BulkBatch, CancellationToken)"/>: one transaction with the
/// tracked changes, the tables written principals first (from the model's foreign keys), and a Collection entry on
/// the audit chain for each new person, crime, case... as SaveChanges would write. Only new rows belong here.
/// </summary>
public sealed class BulkBatch
{
    private readonly Dictionary<Type, List<object>> _byType = [];

    /// <summary>How many entities are queued.</summary>
    public int Count { get; private set; }

    /// <summary>Queues a new entity; its values are read when the batch is saved, so it may still change until then.</summary>
    public void Add<T>(T entity) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var type = entity.GetType();
        if (!_byType.TryGetValue(type, out var list))
        {
            _byType[type] = list = [];
        }
        list.Add(entity);
        Count++;
    }

    public void AddRange<T>(IEnumerable<T> entities) where T : class
    {
        foreach (var entity in entities)
        {
            Add(entity);
        }
    }

    /// <summary>The queued entities of type <typeparamref name="T"/>, in the order they were added.</summary>
    public IEnumerable<T> Of<T>() where T : class => _byType.TryGetValue(typeof(T), out var list) ? list.Cast<T>() : [];

    /// <summary>The queued entities by type, each principal type before the types whose foreign keys point at it.</summary>
    internal IReadOnlyList<(IEntityType Type, IReadOnlyList<object> Entities)> InDependencyOrder(IModel model)
    {
        var types = _byType.Keys.Select(t => model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not an entity type of the model.")).ToList();
        var ordered = new List<(IEntityType, IReadOnlyList<object>)>(types.Count);
        var done = new HashSet<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType type)
        {
            if (done.Contains(type))
            {
                return;
            }
            if (!visiting.Add(type))
            {
                throw new InvalidOperationException($"The foreign keys of the batch's types form a cycle through {type.DisplayName()}.");
            }
            foreach (var principal in type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type && types.Contains(p)))
            {
                Visit(principal);
            }
            done.Add(type);
            ordered.Add((type, _byType[type.ClrType]));
        }
        foreach (var type in types)
        {
            Visit(type);
        }
        return ordered;
    }
}
