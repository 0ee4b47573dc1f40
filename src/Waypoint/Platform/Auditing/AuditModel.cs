using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Waypoint.Platform.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.PersonId, e.OccurredAt });
        b.HasIndex(e => new { e.RecordType, e.RecordId });
        b.HasIndex(e => new { e.UserId, e.OccurredAt });
        b.HasIndex(e => e.OccurredAt);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.RecordType).HasMaxLength(64);
        b.Property(e => e.RecordId).HasMaxLength(64);
        b.Property(e => e.Field).HasMaxLength(128);
        b.Property(e => e.OldValue).HasMaxLength(4000);
        b.Property(e => e.NewValue).HasMaxLength(4000);
        b.Property(e => e.Detail).HasMaxLength(4000);
        b.Property(e => e.Channel).HasMaxLength(16);
        b.Property(e => e.CorrelationId).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("audit_chain_head");
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
    }
}
