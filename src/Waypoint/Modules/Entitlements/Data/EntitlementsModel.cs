using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Entitlements.Domain;

namespace Waypoint.Modules.Entitlements.Data;

internal sealed class ObligationConfiguration : IEntityTypeConfiguration<Obligation>
{
    public void Configure(EntityTypeBuilder<Obligation> b)
    {
        b.ToTable("obligations");
        b.Property(o => o.Rule).HasMaxLength(16);
        b.Property(o => o.TriggerSummary).HasMaxLength(200);
        b.Property(o => o.CompletedByName).HasMaxLength(200);
        b.Property(o => o.NotApplicableReason).HasMaxLength(1000);
        b.Ignore(o => o.IsOpen);
        b.HasIndex(o => new { o.CaseId, o.Rule, o.TriggerId }).IsUnique();
        // Worklists: an officer's and a team's open obligations by due date; the organisation's for the unallocated.
        // CaseId and OrganisationId last, so counts and pages are read from the index alone.
        b.HasIndex(o => new { o.OwnerUserId, o.Status, o.DueOn, o.CaseId, o.OrganisationId });
        b.HasIndex(o => new { o.OwnerTeamId, o.Status, o.DueOn, o.CaseId, o.OrganisationId });
        b.HasIndex(o => new { o.OrganisationId, o.Status, o.DueOn });
        // Compliance: everything due in a period, by rule and status, read from the index alone.
        b.HasIndex(o => new { o.OrganisationId, o.DueOn, o.Rule, o.Status });
        // Escalation: open obligations not yet escalated (a small partial index; the same SQL on both providers).
        b.HasIndex(o => new { o.OrganisationId, o.DueOn })
            .HasDatabaseName("IX_obligations_awaiting_escalation")
            .HasFilter("\"Status\" = 'Open' AND \"EscalatedAt\" IS NULL");
        b.HasOne<VictimCase>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseActionConfiguration : IEntityTypeConfiguration<CaseAction>
{
    public void Configure(EntityTypeBuilder<CaseAction> b)
    {
        b.ToTable("case_actions");
        b.Property(a => a.Summary).HasMaxLength(CaseAction.SummaryMaxLength);
        b.Property(a => a.RecordedByName).HasMaxLength(200);
        b.HasIndex(a => new { a.CaseId, a.OccurredAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VictimContractConfiguration : IEntityTypeConfiguration<VictimContract>
{
    public void Configure(EntityTypeBuilder<VictimContract> b)
    {
        b.ToTable("victim_contracts");
        b.Property(c => c.Channel).HasMaxLength(40);
        b.Property(c => c.PreferredTimes).HasMaxLength(200);
        b.Property(c => c.AgreedByName).HasMaxLength(200);
        b.Property(c => c.EndReason).HasMaxLength(400);
        b.Ignore(c => c.InForce);
        b.HasIndex(c => c.CaseId);
        b.HasOne<VictimCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> b)
    {
        b.ToTable("escalations");
        b.Property(e => e.Rule).HasMaxLength(16);
        b.Ignore(e => e.IsOpen);
        b.HasIndex(e => e.ObligationId).IsUnique();
        b.HasIndex(e => new { e.OrganisationId, e.ClosedAt, e.TeamId });
        b.HasOne<Obligation>().WithMany().HasForeignKey(e => e.ObligationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RuleTargetConfiguration : IEntityTypeConfiguration<RuleTarget>
{
    public void Configure(EntityTypeBuilder<RuleTarget> b)
    {
        b.ToTable("rule_targets");
        b.HasKey(t => new { t.OrganisationId, t.Rule });
        b.Property(t => t.Rule).HasMaxLength(16);
        b.Property(t => t.ChangedByName).HasMaxLength(200);
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
