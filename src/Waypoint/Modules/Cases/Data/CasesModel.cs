using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Cases.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people");
        b.Property(p => p.PersonReference).HasMaxLength(40);
        b.Property(p => p.FirstName).HasMaxLength(100);
        b.Property(p => p.LastName).HasMaxLength(100);
        b.Property(p => p.BusinessName).HasMaxLength(200);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.Mobile).HasMaxLength(40);
        b.Property(p => p.Email).HasMaxLength(254);
        b.Property(p => p.AddressLine1).HasMaxLength(200);
        b.Property(p => p.AddressLine2).HasMaxLength(200);
        b.Property(p => p.Town).HasMaxLength(100);
        b.Property(p => p.Postcode).HasMaxLength(10);
        b.Property(p => p.PreferredLanguage).HasMaxLength(35);
        b.Property(p => p.VulnerabilityFlags).HasMaxLength(400);
        b.Property(p => p.ContactRestrictions).HasMaxLength(400);
        b.Ignore(p => p.DisplayName);
        b.HasIndex(p => new { p.ForceOrganisationId, p.PersonReference }).IsUnique();
        b.HasIndex(p => p.LastName);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.ForceOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CrimeConfiguration : IEntityTypeConfiguration<Crime>
{
    public void Configure(EntityTypeBuilder<Crime> b)
    {
        b.ToTable("crimes");
        b.Property(c => c.CrimeReference).HasMaxLength(40);
        b.Property(c => c.OffenceCode).HasMaxLength(20);
        b.Property(c => c.OffenceDescription).HasMaxLength(400);
        b.Property(c => c.OfficerInCaseName).HasMaxLength(200);
        b.Property(c => c.OfficerInCaseEmail).HasMaxLength(254);
        b.Property(c => c.OfficerInCasePhone).HasMaxLength(40);
        b.Property(c => c.InvestigationStatus).HasMaxLength(200);
        b.Property(c => c.OffenceFlags).HasMaxLength(400);
        b.Property(c => c.OfficerInCaseId).HasMaxLength(40);
        b.HasIndex(c => new { c.ForceOrganisationId, c.CrimeReference }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ForceOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VictimCaseConfiguration : IEntityTypeConfiguration<VictimCase>
{
    public void Configure(EntityTypeBuilder<VictimCase> b)
    {
        b.ToTable("cases");
        b.Property(c => c.ReferringAgency).HasMaxLength(200);
        b.Property(c => c.RestrictionReason).HasMaxLength(1000);
        b.Property(c => c.EnhancedReasons).HasMaxLength(1000);
        b.Property(c => c.PriorityReasons).HasMaxLength(2000);
        b.Property(c => c.EntitlementOverrideNote).HasMaxLength(2000);
        b.Property(c => c.PriorityOverrideNote).HasMaxLength(2000);
        b.Property(c => c.OverriddenBy).HasMaxLength(256);
        b.Property(c => c.FeedRowHash).HasMaxLength(64);
        // The cohort: new work by organisation, newest first, highest priority first.
        b.HasIndex(c => new { c.OrganisationId, c.CreatedAt });
        b.HasIndex(c => new { c.OrganisationId, c.Priority, c.CreatedAt });
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Crime).WithMany().HasForeignKey(c => c.CrimeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AllocatedOfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.NamedUsers).WithOne().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.BreakGlass).WithOne().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.NamedUsers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.BreakGlass).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(c => new { c.OrganisationId, c.Status });
        b.HasIndex(c => new { c.TeamId, c.Status });
        b.HasIndex(c => c.AllocatedOfficerId);
        b.HasIndex(c => new { c.PersonId, c.CrimeId }).IsUnique();
        // The few restricted cases, for lists that only need to leave out those the user may not see.
        b.HasIndex(c => c.Id).HasDatabaseName("IX_cases_restricted").HasFilter("\"Restricted\"");
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("case_timeline");
        b.Property(t => t.Summary).HasMaxLength(2000);
        b.Property(t => t.ActorName).HasMaxLength(256);
        b.HasIndex(t => new { t.CaseId, t.At });
    }
}

internal sealed class CaseNamedUserConfiguration : IEntityTypeConfiguration<CaseNamedUser>
{
    public void Configure(EntityTypeBuilder<CaseNamedUser> b)
    {
        b.ToTable("case_named_users");
        b.HasKey(n => new { n.CaseId, n.UserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> b)
    {
        b.ToTable("case_break_glass");
        b.Property(g => g.Reason).HasMaxLength(2000);
        b.Property(g => g.UserName).HasMaxLength(256);
        b.HasIndex(g => new { g.CaseId, g.UserId, g.ExpiresAt });
    }
}
