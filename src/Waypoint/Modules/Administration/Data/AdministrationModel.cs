using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Administration.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(o => o.Code).HasMaxLength(20);
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasIndex(o => o.Code).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("teams");
        b.Property(t => t.Name).HasMaxLength(200);
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.OrganisationId, t.Name }).IsUnique();
    }
}

internal sealed class ForceAccessGrantConfiguration : IEntityTypeConfiguration<ForceAccessGrant>
{
    public void Configure(EntityTypeBuilder<ForceAccessGrant> b)
    {
        b.ToTable("force_access_grants");
        b.HasOne<Organisation>().WithMany().HasForeignKey(g => g.GranteeOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(g => g.ForceOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => new { g.GranteeOrganisationId, g.ForceOrganisationId }).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Skills).HasMaxLength(400);
        b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Teams).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => u.OrganisationId);
    }
}

internal sealed class UserTeamConfiguration : IEntityTypeConfiguration<UserTeam>
{
    public void Configure(EntityTypeBuilder<UserTeam> b)
    {
        b.ToTable("user_teams");
        b.HasKey(t => new { t.UserId, t.TeamId });
        b.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.Property(t => t.ClientName).HasMaxLength(200);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Permissions).HasMaxLength(400);
        b.Ignore(t => t.PermissionList);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
