using System.Globalization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        BumpVersions();
        var events = AuditedChanges.Describe(ChangeTracker, _audit).Concat(_audit.Pending).ToList();
        if (events.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await ChainLock.WaitAsync(cancellationToken);
        try
        {
            var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            try
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
                AuditEntries.AddRange(entries);
                // Said outright, so the head is saved even when a caller has turned automatic change detection off.
                if (Entry(head).State == EntityState.Unchanged)
                {
                    Entry(head).State = EntityState.Modified;
                }
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
                    var fields = entry.Properties.Where(p => !Ignored.Contains(p.Metadata.Name) && p.CurrentValue is not null && !p.Metadata.IsPrimaryKey())
                        .Select(p => p.Metadata.Name);
                    yield return Event(AuditOperation.Collection, detail: "Fields: " + string.Join(", ", fields));
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
