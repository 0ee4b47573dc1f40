using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Data;

internal sealed class SupportPlanConfiguration : IEntityTypeConfiguration<SupportPlan>
{
    public void Configure(EntityTypeBuilder<SupportPlan> b)
    {
        b.ToTable("support_plans");
        b.Property(p => p.CreatedByName).HasMaxLength(200);
        b.Property(p => p.UpdatedByName).HasMaxLength(200);
        b.HasIndex(p => p.CaseId).IsUnique();
        // "Plan reviews due" on My work: plans by next review date.
        b.HasIndex(p => new { p.OrganisationId, p.NextReviewOn });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Interventions).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Reviews).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Goals).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Interventions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Reviews).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> b)
    {
        b.ToTable("plan_goals");
        b.Property(g => g.Text).HasMaxLength(SupportPlan.MaxText);
    }
}

internal sealed class PlanInterventionConfiguration : IEntityTypeConfiguration<PlanIntervention>
{
    public void Configure(EntityTypeBuilder<PlanIntervention> b)
    {
        b.ToTable("plan_interventions");
        b.Property(i => i.What).HasMaxLength(SupportPlan.MaxText);
        b.Property(i => i.OwnerName).HasMaxLength(200);
        b.HasIndex(i => i.GoalId);
        b.HasOne<PlanGoal>().WithMany().HasForeignKey(i => i.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceReferral>().WithMany().HasForeignKey(i => i.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> b)
    {
        b.ToTable("plan_reviews");
        b.Property(r => r.Notes).HasMaxLength(4000);
        b.Property(r => r.ByName).HasMaxLength(200);
    }
}

internal sealed class OutcomeMeasurementConfiguration : IEntityTypeConfiguration<OutcomeMeasurement>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasurement> b)
    {
        b.ToTable("outcome_measurements");
        b.Property(m => m.ByName).HasMaxLength(200);
        b.HasIndex(m => new { m.CaseId, m.Stage, m.At });
        // The outcomes report: an organisation's exit measurements in a period.
        b.HasIndex(m => new { m.OrganisationId, m.Stage, m.At });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Answers).WithOne().HasForeignKey(a => a.MeasurementId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OutcomeAnswerConfiguration : IEntityTypeConfiguration<OutcomeAnswer>
{
    public void Configure(EntityTypeBuilder<OutcomeAnswer> b)
    {
        b.ToTable("outcome_answers");
        b.Property(a => a.QuestionId).HasMaxLength(40);
        b.Property(a => a.QuestionText).HasMaxLength(400);
    }
}

internal sealed class CaseClosureConfiguration : IEntityTypeConfiguration<CaseClosure>
{
    public void Configure(EntityTypeBuilder<CaseClosure> b)
    {
        b.ToTable("case_closures");
        b.Property(c => c.Reason).HasMaxLength(40);
        b.Property(c => c.ReasonText).HasMaxLength(200);
        b.Property(c => c.ReasonNote).HasMaxLength(1000);
        b.Property(c => c.ClosingNote).HasMaxLength(4000);
        b.Property(c => c.ExitAnswers).HasMaxLength(1000);
        b.Property(c => c.RequestedByName).HasMaxLength(200);
        b.Property(c => c.DecidedByName).HasMaxLength(200);
        b.Property(c => c.DeclineReason).HasMaxLength(1000);
        b.HasIndex(c => new { c.CaseId, c.RequestedAt });
        // "Closures to approve" on a Team Leader's My work.
        b.HasIndex(c => new { c.OrganisationId, c.Status });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
