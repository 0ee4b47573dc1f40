using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Data;

internal sealed class ContactProfileConfiguration : IEntityTypeConfiguration<ContactProfile>
{
    public void Configure(EntityTypeBuilder<ContactProfile> b)
    {
        b.ToTable("contact_profiles");
        b.Property(p => p.AllowedChannels).HasMaxLength(200);
        b.Property(p => p.SafePhone).HasMaxLength(40);
        b.Property(p => p.SafeEmail).HasMaxLength(254);
        b.Property(p => p.SafeDays).HasMaxLength(100);
        b.Property(p => p.SafeTimesNote).HasMaxLength(400);
        b.Property(p => p.CodeWord).HasMaxLength(100);
        b.Property(p => p.PreferredLanguage).HasMaxLength(35);
        b.Property(p => p.AccessibilityNeeds).HasMaxLength(1000);
        b.Property(p => p.ProxyName).HasMaxLength(200);
        b.Property(p => p.ProxyRelationship).HasMaxLength(100);
        b.Property(p => p.ProxyPhone).HasMaxLength(40);
        b.Property(p => p.ProxyEmail).HasMaxLength(254);
        b.Property(p => p.UpdatedByName).HasMaxLength(200);
        b.Ignore(p => p.Channels);
        b.HasIndex(p => new { p.OrganisationId, p.PersonId }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    public void Configure(EntityTypeBuilder<ContactAttempt> b)
    {
        b.ToTable("contact_attempts");
        b.Property(a => a.Notes).HasMaxLength(4000);
        b.Property(a => a.OverrideReason).HasMaxLength(1000);
        b.Property(a => a.RefusalOverridden).HasMaxLength(400);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.HasIndex(a => new { a.CaseId, a.At });
        // "Try again at" on My work: an officer's attempts still waiting for their next try.
        b.HasIndex(a => new { a.ById, a.TryAgainDoneAt, a.TryAgainAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProtocolCompletionConfiguration : IEntityTypeConfiguration<ProtocolCompletion>
{
    public void Configure(EntityTypeBuilder<ProtocolCompletion> b)
    {
        b.ToTable("protocol_completions");
        b.Property(p => p.Protocol).HasMaxLength(40);
        b.Property(p => p.ConfirmedItems).HasMaxLength(4000);
        b.Property(p => p.ByName).HasMaxLength(200);
        b.HasIndex(p => new { p.CaseId, p.Protocol });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupportServiceConfiguration : IEntityTypeConfiguration<SupportService>
{
    public void Configure(EntityTypeBuilder<SupportService> b)
    {
        b.ToTable("support_services");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.ServiceType).HasMaxLength(100);
        b.Property(s => s.Area).HasMaxLength(200);
        b.Property(s => s.Eligibility).HasMaxLength(1000);
        b.Property(s => s.HowToRefer).HasMaxLength(1000);
        b.Property(s => s.ReferralEmail).HasMaxLength(254);
        b.Property(s => s.Phone).HasMaxLength(40);
        b.HasIndex(s => new { s.OrganisationId, s.Name }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("consent_records");
        b.Property(c => c.SharedWith).HasMaxLength(200);
        b.Property(c => c.WhatIsShared).HasMaxLength(1000);
        b.Property(c => c.How).HasMaxLength(200);
        b.Property(c => c.RecordedByName).HasMaxLength(200);
        b.Property(c => c.WithdrawnNote).HasMaxLength(1000);
        b.Ignore(c => c.InForce);
        b.HasIndex(c => c.CaseId);
        b.HasOne<VictimCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupportService>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceReferralConfiguration : IEntityTypeConfiguration<ServiceReferral>
{
    public void Configure(EntityTypeBuilder<ServiceReferral> b)
    {
        b.ToTable("service_referrals");
        b.Property(r => r.SafeguardingOverrideReason).HasMaxLength(1000);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.Property(r => r.Outcome).HasMaxLength(2000);
        b.Property(r => r.ByName).HasMaxLength(200);
        b.HasIndex(r => r.CaseId);
        b.HasIndex(r => new { r.ServiceId, r.Status });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupportService>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ConsentRecord>().WithMany().HasForeignKey(r => r.ConsentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignpostingConfiguration : IEntityTypeConfiguration<Signposting>
{
    public void Configure(EntityTypeBuilder<Signposting> b)
    {
        b.ToTable("signpostings");
        b.Property(s => s.ServiceName).HasMaxLength(200);
        b.Property(s => s.Note).HasMaxLength(2000);
        b.Property(s => s.ByName).HasMaxLength(200);
        b.HasIndex(s => s.CaseId);
        b.HasOne<VictimCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
