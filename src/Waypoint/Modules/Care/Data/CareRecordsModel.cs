using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Data;

internal sealed class EqualityMonitoringConfiguration : IEntityTypeConfiguration<EqualityMonitoring>
{
    public void Configure(EntityTypeBuilder<EqualityMonitoring> b)
    {
        b.ToTable("equality_monitoring");
        b.Property(e => e.AgreedHow).HasMaxLength(40);
        b.Property(e => e.AgeBand).HasMaxLength(40);
        b.Property(e => e.Sex).HasMaxLength(40);
        b.Property(e => e.GenderIdentity).HasMaxLength(40);
        b.Property(e => e.Ethnicity).HasMaxLength(40);
        b.Property(e => e.Religion).HasMaxLength(40);
        b.Property(e => e.SexualOrientation).HasMaxLength(40);
        b.Property(e => e.Disability).HasMaxLength(40);
        b.Property(e => e.Pregnancy).HasMaxLength(40);
        b.Property(e => e.MaritalStatus).HasMaxLength(40);
        b.Property(e => e.UpdatedByName).HasMaxLength(200);
        b.Ignore(e => e.Agreed);
        b.HasIndex(e => new { e.OrganisationId, e.PersonId }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IntelligenceReportConfiguration : IEntityTypeConfiguration<IntelligenceReport>
{
    public void Configure(EntityTypeBuilder<IntelligenceReport> b)
    {
        b.ToTable("intelligence_reports");
        b.Property(r => r.Disclosure).HasMaxLength(4000);
        b.Property(r => r.About).HasMaxLength(400);
        b.Property(r => r.RecordedByName).HasMaxLength(200);
        b.Property(r => r.PassedTo).HasMaxLength(200);
        b.Property(r => r.PassedReference).HasMaxLength(100);
        b.Property(r => r.PassedRecordedByName).HasMaxLength(200);
        b.Ignore(r => r.WaitingToPass);
        b.HasIndex(r => r.CaseId);
        // The unit's list and My work: reports still to pass on, by organisation and by recording officer.
        b.HasIndex(r => new { r.OrganisationId, r.NeedsPassing, r.PassedOn });
        b.HasIndex(r => new { r.RecordedById, r.NeedsPassing, r.PassedOn });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
