using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Domain;

namespace Waypoint.Modules.Intake.Data;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> b)
    {
        b.ToTable("imports");
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.SentBy).HasMaxLength(256);
        b.Property(i => i.ContentHash).HasMaxLength(64);
        b.Property(i => i.RejectionReason).HasMaxLength(2000);
        b.Property(i => i.Warnings).HasMaxLength(8000);
        b.Ignore(i => i.WarningList);
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.OrganisationId, i.ReceivedAt });
        b.HasIndex(i => new { i.OrganisationId, i.Feed, i.ContentHash });
    }
}

internal sealed class QuarantinedRowConfiguration : IEntityTypeConfiguration<QuarantinedRow>
{
    public void Configure(EntityTypeBuilder<QuarantinedRow> b)
    {
        b.ToTable("quarantined_rows");
        b.Property(q => q.RawContent).HasMaxLength(16000);
        b.Property(q => q.Reasons).HasMaxLength(8000);
        b.Property(q => q.ForceCode).HasMaxLength(20);
        b.Property(q => q.CrimeReference).HasMaxLength(40);
        b.Property(q => q.ResolvedBy).HasMaxLength(256);
        b.Property(q => q.Resolution).HasMaxLength(2000);
        b.Ignore(q => q.ReasonList);
        b.Ignore(q => q.IsOpen);
        b.HasOne<ImportRecord>().WithMany().HasForeignKey(q => q.ImportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(q => new { q.ImportId, q.RowNumber });
        b.HasIndex(q => new { q.OrganisationId, q.Status });
        b.HasIndex(q => new { q.Status, q.ForceCode, q.CrimeReference });
    }
}

internal sealed class InvestigationEventConfiguration : IEntityTypeConfiguration<InvestigationEvent>
{
    public void Configure(EntityTypeBuilder<InvestigationEvent> b)
    {
        b.ToTable("investigation_events");
        b.Property(e => e.EventId).HasMaxLength(100);
        b.Property(e => e.Details).HasMaxLength(4000);
        b.Property(e => e.SuspectReference).HasMaxLength(40);
        b.HasOne<Crime>().WithMany().HasForeignKey(e => e.CrimeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ImportRecord>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CrimeId, e.EventId }).IsUnique();
        b.HasIndex(e => new { e.CrimeId, e.EventAt });
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.ToTable("referrals");
        b.Property(r => r.ReferringAgency).HasMaxLength(200);
        b.Property(r => r.ReferrerName).HasMaxLength(200);
        b.Property(r => r.ReferrerContact).HasMaxLength(254);
        b.Property(r => r.WhatHappened).HasMaxLength(4000);
        b.Property(r => r.SafeContactMethod).HasMaxLength(1000);
        b.Property(r => r.SafeContactTimes).HasMaxLength(1000);
        b.HasOne<VictimCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.CaseId);
    }
}
