using System.Globalization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Security;

namespace Waypoint.Platform.Database;

/// <summary>
/// The one DbContext. SaveChanges bumps concurrency versions, turns changes to personal data into audit entries,
/// and appends every pending audit entry to the hash chain in the same transaction.
/// </summary>
public class AppDbContext(DbContextOptions options, AuditScope? audit = null, TimeProvider? clock = null)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    private static readonly SemaphoreSlim ChainLock = new(1, 1);
    private readonly AuditScope _audit = audit ?? new AuditScope();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<ForceAccessGrant> ForceAccessGrants => Set<ForceAccessGrant>();
    public DbSet<UserTeam> UserTeams => Set<UserTeam>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Crime> Crimes => Set<Crime>();
    public DbSet<VictimCase> Cases => Set<VictimCase>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<CaseNamedUser> CaseNamedUsers => Set<CaseNamedUser>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<Modules.Intake.Domain.ImportRecord> Imports => Set<Modules.Intake.Domain.ImportRecord>();
    public DbSet<Modules.Intake.Domain.QuarantinedRow> QuarantinedRows => Set<Modules.Intake.Domain.QuarantinedRow>();
    public DbSet<Modules.Intake.Domain.InvestigationEvent> InvestigationEvents => Set<Modules.Intake.Domain.InvestigationEvent>();
    public DbSet<Modules.Intake.Domain.Referral> Referrals => Set<Modules.Intake.Domain.Referral>();
    public DbSet<Modules.Entitlements.Domain.Obligation> Obligations => Set<Modules.Entitlements.Domain.Obligation>();
    public DbSet<Modules.Entitlements.Domain.CaseAction> CaseActions => Set<Modules.Entitlements.Domain.CaseAction>();
    public DbSet<Modules.Entitlements.Domain.VictimContract> VictimContracts => Set<Modules.Entitlements.Domain.VictimContract>();
    public DbSet<Modules.Entitlements.Domain.Escalation> Escalations => Set<Modules.Entitlements.Domain.Escalation>();
    public DbSet<Modules.Entitlements.Domain.RuleTarget> RuleTargets => Set<Modules.Entitlements.Domain.RuleTarget>();
    public DbSet<Modules.Care.Domain.ContactProfile> ContactProfiles => Set<Modules.Care.Domain.ContactProfile>();
    public DbSet<Modules.Care.Domain.ContactAttempt> ContactAttempts => Set<Modules.Care.Domain.ContactAttempt>();
    public DbSet<Modules.Care.Domain.ProtocolCompletion> ProtocolCompletions => Set<Modules.Care.Domain.ProtocolCompletion>();
    public DbSet<Modules.Care.Domain.SupportService> SupportServices => Set<Modules.Care.Domain.SupportService>();
    public DbSet<Modules.Care.Domain.ConsentRecord> ConsentRecords => Set<Modules.Care.Domain.ConsentRecord>();
    public DbSet<Modules.Care.Domain.ServiceReferral> ServiceReferrals => Set<Modules.Care.Domain.ServiceReferral>();
    public DbSet<Modules.Care.Domain.Signposting> Signpostings => Set<Modules.Care.Domain.Signposting>();
    public DbSet<Modules.Care.Domain.EqualityMonitoring> EqualityMonitoring => Set<Modules.Care.Domain.EqualityMonitoring>();
    public DbSet<Modules.Care.Domain.IntelligenceReport> IntelligenceReports => Set<Modules.Care.Domain.IntelligenceReport>();
    public DbSet<Modules.Care.Domain.CaseTask> CaseTasks => Set<Modules.Care.Domain.CaseTask>();
    public DbSet<Modules.Care.Domain.NeedsAssessment> NeedsAssessments => Set<Modules.Care.Domain.NeedsAssessment>();
    public DbSet<Modules.Care.Domain.ThriveAssessment> ThriveAssessments => Set<Modules.Care.Domain.ThriveAssessment>();
    public DbSet<Modules.Care.Domain.DashAssessment> DashAssessments => Set<Modules.Care.Domain.DashAssessment>();
    public DbSet<Modules.Care.Domain.SafeguardingReferral> SafeguardingReferrals => Set<Modules.Care.Domain.SafeguardingReferral>();
    public DbSet<Modules.Care.Domain.DangerIncident> DangerIncidents => Set<Modules.Care.Domain.DangerIncident>();
    public DbSet<Modules.Care.Domain.MessageTemplate> MessageTemplates => Set<Modules.Care.Domain.MessageTemplate>();
    public DbSet<Modules.Care.Domain.Message> Messages => Set<Modules.Care.Domain.Message>();
    public DbSet<Modules.Care.Domain.OutboxMessage> OutboxMessages => Set<Modules.Care.Domain.OutboxMessage>();
    public DbSet<Modules.Care.Domain.SupportPlan> SupportPlans => Set<Modules.Care.Domain.SupportPlan>();
    public DbSet<Modules.Care.Domain.OutcomeMeasurement> OutcomeMeasurements => Set<Modules.Care.Domain.OutcomeMeasurement>();
    public DbSet<Modules.Care.Domain.CaseClosure> CaseClosures => Set<Modules.Care.Domain.CaseClosure>();
    public DbSet<Calendar.BankHoliday> BankHolidays => Set<Calendar.BankHoliday>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal AuditScope Audit => _audit;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; SQLite hands back Unspecified, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("Waypoint.", StringComparison.Ordinal) == true);
        // A key ring entry is an XML document of a few kilobytes: no length cap.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).Metadata.SetMaxLength(null);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            // Ids are made in the domain (Guid.CreateVersion7) before EF sees them: a child added to a loaded
            // aggregate with its id already set must be inserted, not taken for an existing row and updated.
            if (entity.FindPrimaryKey() is { Properties: [{ ClrType: var keyType, Name: "Id" } key] } && keyType == typeof(Guid) && entity.ClrType.Namespace?.StartsWith("Waypoint.", StringComparison.Ordinal) == true)
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
            if (entity.FindProperty("Version") is { ClrType: var t } && t == typeof(int))
            {
                builder.Entity(entity.ClrType).Property<int>("Version").IsConcurrencyToken();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAsync(null, acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Saves the tracked changes and inserts <paramref name="batch"/>'s new entities with the bulk path
    /// (<see cref="Bulk.BulkWriter"/>), in one transaction (the caller's, or one of its own), with the audit entries
    /// of both appended to the hash chain exactly as <see cref="SaveChangesAsync(bool, CancellationToken)"/> does.
    /// </summary>
    public Task<int> SaveChangesAsync(Bulk.BulkBatch batch, CancellationToken cancellationToken = default) =>
        SaveAsync(batch, true, cancellationToken);

    private async Task<int> SaveAsync(Bulk.BulkBatch? batch, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        BumpVersions();
        var groups = batch?.InDependencyOrder(Model) ?? [];
        var events = AuditedChanges.Describe(ChangeTracker, _audit)
            .Concat(groups.SelectMany(g => AuditedChanges.DescribeAdded(g.Type, g.Entities, _audit)))
            .Concat(_audit.Pending).ToList();
        if (events.Count == 0 && groups.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await ChainLock.WaitAsync(cancellationToken);
        try
        {
            var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                var entries = await AppendToChainAsync(events, cancellationToken);
                // New rows before the tracked changes, which may refer to them (never the other way round).
                var inserted = 0;
                foreach (var (type, entities) in groups)
                {
                    await Bulk.BulkWriter.InsertAsync(this, type.ClrType, entities, cancellationToken);
                    inserted += entities.Count;
                }
                if (batch is null)
                {
                    AuditEntries.AddRange(entries);
                }
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (batch is not null)
                {
                    await Bulk.BulkWriter.InsertAsync<AuditEntry>(this, entries, cancellationToken);
                    written += inserted + entries.Count;
                }
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
                _audit.Clear();
                return written;
            }
            catch
            {
                // Leave the business entities tracked as they were so the caller may retry; drop our audit rows.
                foreach (var entry in ChangeTracker.Entries<AuditEntry>().Where(x => x.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }
                foreach (var entry in ChangeTracker.Entries<AuditChainHead>().ToList())
                {
                    entry.State = EntityState.Detached;
                }
                throw;
            }
            finally
            {
                if (ownTransaction is not null)
                {
                    await ownTransaction.DisposeAsync();
                }
            }
        }
        finally
        {
            ChainLock.Release();
        }
    }

    /// <summary>
    /// Turns events into chained entries after the chain head, under the chain lock (the caller holds the in-process
    /// one and a transaction): hashes computed in order, the head moved to the last one and marked for saving.
    /// </summary>
    private async Task<List<AuditEntry>> AppendToChainAsync(List<AuditEvent> events, CancellationToken cancellationToken)
    {
        await ChainLocking.LockAsync(this, cancellationToken);
        var head = await AuditChainHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { Id = 1, Sequence = 0, Hash = AuditChain.Genesis };
            AuditChainHeads.Add(head);
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>(events.Count);
        foreach (var e in events)
        {
            var entry = new AuditEntry(e, now, _audit.CorrelationId)
            {
                Sequence = head.Sequence + 1,
                PreviousHash = head.Hash,
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            head.Sequence = entry.Sequence;
            head.Hash = entry.Hash;
            entries.Add(entry);
        }
        // Said outright, so the head is saved even when a caller has turned automatic change detection off.
        if (Entry(head).State == EntityState.Unchanged)
        {
            Entry(head).State = EntityState.Modified;
        }
        return entries;
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is not null)
            {
                var version = entry.Property("Version");
                if (!version.IsModified)
                {
                    version.CurrentValue = (int)version.OriginalValue! + 1;
                }
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Turns tracked changes to personal data into collection, alteration and erasure events.</summary>
internal static class AuditedChanges
{
    private static readonly Dictionary<Type, (string Type, Func<object, Guid?> Subject)> Audited = new()
    {
        [typeof(Person)] = ("Person", e => ((Person)e).Id),
        [typeof(VictimCase)] = ("Case", e => ((VictimCase)e).PersonId),
        [typeof(Crime)] = ("Crime", _ => null),
        [typeof(CaseNamedUser)] = ("CaseNamedUser", _ => null),
        [typeof(Modules.Intake.Domain.Referral)] = ("Referral", _ => null),
        [typeof(Modules.Intake.Domain.QuarantinedRow)] = ("QuarantinedRow", _ => null),
    };

    private static readonly HashSet<string> Ignored = ["Version"];

    public static IEnumerable<AuditEvent> Describe(ChangeTracker tracker, AuditScope scope)
    {
        var actor = scope.Actor;
        foreach (var entry in tracker.Entries())
        {
            if (!Audited.TryGetValue(entry.Metadata.ClrType, out var audited) || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var recordId = RecordId(entry);
            var subject = audited.Subject(entry.Entity);
            AuditEvent Event(AuditOperation op, string? field = null, string? oldValue = null, string? newValue = null, string? detail = null) =>
                new(op, actor?.UserId, actor?.Name ?? "system", actor?.OrganisationId, actor?.Channel ?? "system",
                    audited.Type, recordId, subject, field, oldValue, newValue, Detail: detail);

            switch (entry.State)
            {
                case EntityState.Added:
                    yield return Collected(audited, entry.Entity, recordId, entry.Properties.Where(p => p.CurrentValue is not null).Select(p => p.Metadata), actor);
                    break;
                case EntityState.Deleted:
                    yield return Event(AuditOperation.Erasure);
                    break;
                case EntityState.Modified:
                    foreach (var p in entry.Properties.Where(p => p.IsModified && !Ignored.Contains(p.Metadata.Name)))
                    {
                        var oldValue = Format(p.OriginalValue);
                        var newValue = Format(p.CurrentValue);
                        if (oldValue != newValue)
                        {
                            yield return Event(AuditOperation.Alteration, p.Metadata.Name, oldValue, newValue);
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// The Collection entries for new entities written without the change tracker (the bulk path): the same
    /// entries, one per audited entity, that <see cref="Describe"/> gives for added ones.
    /// </summary>
    public static IEnumerable<AuditEvent> DescribeAdded(IEntityType type, IEnumerable<object> entities, AuditScope scope)
    {
        if (!Audited.TryGetValue(type.ClrType, out var audited))
        {
            yield break;
        }
        var key = type.FindPrimaryKey()!.Properties.Select(k => k.GetGetter()).ToArray();
        var properties = type.GetProperties().Select(p => (Property: (IReadOnlyProperty)p, Getter: p.GetGetter())).ToArray();
        var set = new List<IReadOnlyProperty>(properties.Length);
        foreach (var entity in entities)
        {
            var recordId = key.Length == 1
                ? Format(key[0].GetClrValueUsingContainingEntity(entity))!
                : string.Join("/", key.Select(k => Format(k.GetClrValueUsingContainingEntity(entity))));
            set.Clear();
            foreach (var (property, getter) in properties)
            {
                if (getter.GetClrValueUsingContainingEntity(entity) is not null)
                {
                    set.Add(property);
                }
            }
            yield return Collected(audited, entity, recordId, set, scope.Actor);
        }
    }

    private static AuditEvent Collected((string Type, Func<object, Guid?> Subject) audited, object entity, string recordId, IEnumerable<IReadOnlyProperty> setProperties, Actor? actor)
    {
        var fields = setProperties.Where(p => !Ignored.Contains(p.Name) && !p.IsPrimaryKey()).Select(p => p.Name);
        return new(AuditOperation.Collection, actor?.UserId, actor?.Name ?? "system", actor?.OrganisationId, actor?.Channel ?? "system",
            audited.Type, recordId, audited.Subject(entity), Detail: "Fields: " + string.Join(", ", fields));
    }

    private static string RecordId(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()!;
        return string.Join("/", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    internal static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
