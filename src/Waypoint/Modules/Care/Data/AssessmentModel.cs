using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Data;

internal static class NdmColumns
{
    /// <summary>The NDM rationale stored in its decision's row, in five nullable columns prefixed <c>ndm_</c>.</summary>
    public static void Map<T>(OwnedNavigationBuilder<T, NdmRationale> n) where T : class
    {
        n.Property(r => r.Information).HasColumnName("NdmInformation").HasMaxLength(NdmRationale.MaxLength);
        n.Property(r => r.ThreatAndRisk).HasColumnName("NdmThreatAndRisk").HasMaxLength(NdmRationale.MaxLength);
        n.Property(r => r.PowersAndPolicy).HasColumnName("NdmPowersAndPolicy").HasMaxLength(NdmRationale.MaxLength);
        n.Property(r => r.Options).HasColumnName("NdmOptions").HasMaxLength(NdmRationale.MaxLength);
        n.Property(r => r.ActionAndReview).HasColumnName("NdmActionAndReview").HasMaxLength(NdmRationale.MaxLength);
        n.Ignore(r => r.IsEmpty);
    }
}

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> b)
    {
        b.ToTable("case_tasks");
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Reason).HasMaxLength(1000);
        b.Property(t => t.Outcome).HasMaxLength(2000);
        b.Property(t => t.CreatedByName).HasMaxLength(200);
        b.Property(t => t.ClosedByName).HasMaxLength(200);
        b.Ignore(t => t.IsOpen);
        b.OwnsOne(t => t.Rationale, NdmColumns.Map);
        b.HasIndex(t => new { t.CaseId, t.Status });
        // My work: open tasks by officer and by team.
        b.HasIndex(t => new { t.OfficerId, t.Status });
        b.HasIndex(t => new { t.TeamId, t.Status });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NeedsAssessmentConfiguration : IEntityTypeConfiguration<NeedsAssessment>
{
    public void Configure(EntityTypeBuilder<NeedsAssessment> b)
    {
        b.ToTable("needs_assessments");
        b.Property(a => a.Summary).HasMaxLength(2000);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.HasIndex(a => new { a.CaseId, a.Number }).IsUnique();
        b.HasOne<VictimCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Areas).WithOne().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Areas).HasField("_areas").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class NeedsAssessmentAreaConfiguration : IEntityTypeConfiguration<NeedsAssessmentArea>
{
    public void Configure(EntityTypeBuilder<NeedsAssessmentArea> b)
    {
        b.ToTable("needs_assessment_areas");
        b.HasKey(a => new { a.AssessmentId, a.Area });
        b.Property(a => a.Area).HasConversion<string>().HasMaxLength(40);
        b.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Note).HasMaxLength(2000);
    }
}

internal sealed class ThriveAssessmentConfiguration : IEntityTypeConfiguration<ThriveAssessment>
{
    public void Configure(EntityTypeBuilder<ThriveAssessment> b)
    {
        b.ToTable("thrive_assessments");
        b.Property(a => a.Threat).HasMaxLength(2000);
        b.Property(a => a.Harm).HasMaxLength(2000);
        b.Property(a => a.Risk).HasMaxLength(2000);
        b.Property(a => a.Investigation).HasMaxLength(2000);
        b.Property(a => a.Vulnerability).HasMaxLength(2000);
        b.Property(a => a.Engagement).HasMaxLength(2000);
        b.Property(a => a.Response).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.ResponseNote).HasMaxLength(2000);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.HasIndex(a => new { a.CaseId, a.AssessedAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DashAssessmentConfiguration : IEntityTypeConfiguration<DashAssessment>
{
    public void Configure(EntityTypeBuilder<DashAssessment> b)
    {
        b.ToTable("dash_assessments");
        b.Property(a => a.ComputedLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.JudgementReason).HasMaxLength(2000);
        b.Property(a => a.Notes).HasMaxLength(4000);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.OwnsOne(a => a.Rationale, NdmColumns.Map);
        b.HasIndex(a => new { a.CaseId, a.AssessedAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CaseTask>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.DashId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Answers).HasField("_answers").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DashAnswerConfiguration : IEntityTypeConfiguration<DashAnswerRecord>
{
    public void Configure(EntityTypeBuilder<DashAnswerRecord> b)
    {
        b.ToTable("dash_answers");
        b.HasKey(a => new { a.DashId, a.Position });
        b.Property(a => a.QuestionId).HasMaxLength(40);
        b.Property(a => a.Question).HasMaxLength(500);
        b.Property(a => a.Answer).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class SafeguardingReferralConfiguration : IEntityTypeConfiguration<SafeguardingReferral>
{
    public void Configure(EntityTypeBuilder<SafeguardingReferral> b)
    {
        b.ToTable("safeguarding_referrals");
        b.Property(r => r.Subject).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Destination).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.DestinationName).HasMaxLength(200);
        b.Property(r => r.Concern).HasMaxLength(2000);
        b.Property(r => r.Reference).HasMaxLength(100);
        b.Property(r => r.Outcome).HasMaxLength(2000);
        b.Property(r => r.OutcomeByName).HasMaxLength(200);
        b.Property(r => r.ByName).HasMaxLength(200);
        b.OwnsOne(r => r.Rationale, NdmColumns.Map);
        b.HasIndex(r => r.CaseId);
        b.HasOne<VictimCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DangerIncidentConfiguration : IEntityTypeConfiguration<DangerIncident>
{
    public void Configure(EntityTypeBuilder<DangerIncident> b)
    {
        b.ToTable("danger_incidents");
        b.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ControlRoomReference).HasMaxLength(100);
        b.Property(d => d.WhatWasAsked).HasMaxLength(2000);
        b.Property(d => d.Outcome).HasMaxLength(2000);
        b.Property(d => d.ClosedByName).HasMaxLength(200);
        b.Property(d => d.ByName).HasMaxLength(200);
        b.Ignore(d => d.IsOpen);
        b.HasIndex(d => new { d.CaseId, d.ClosedAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
