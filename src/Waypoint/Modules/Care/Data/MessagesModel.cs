using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Cases.Domain;

namespace Waypoint.Modules.Care.Data;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("message_templates");
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.UpdatedByName).HasMaxLength(200);
        b.HasIndex(t => new { t.OrganisationId, t.Name }).IsUnique();
        b.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Versions).AutoInclude();
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageTemplateVersionConfiguration : IEntityTypeConfiguration<MessageTemplateVersion>
{
    public void Configure(EntityTypeBuilder<MessageTemplateVersion> b)
    {
        b.ToTable("message_template_versions");
        b.Property(v => v.Language).HasMaxLength(10);
        b.Property(v => v.Subject).HasMaxLength(200);
        b.Property(v => v.Body).HasMaxLength(10000);
        b.HasIndex(v => new { v.TemplateId, v.Language }).IsUnique();
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("messages");
        b.Property(m => m.TemplateName).HasMaxLength(200);
        b.Property(m => m.Language).HasMaxLength(10);
        b.Property(m => m.Subject).HasMaxLength(400);
        b.Property(m => m.Body).HasMaxLength(12000);
        b.Property(m => m.Recipient).HasMaxLength(1000);
        b.Property(m => m.OverrideReason).HasMaxLength(1000);
        b.Property(m => m.RefusalOverridden).HasMaxLength(400);
        b.Property(m => m.ByName).HasMaxLength(200);
        b.HasIndex(m => new { m.CaseId, m.CreatedAt });
        b.HasOne<VictimCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MessageTemplate>().WithMany().HasForeignKey(m => m.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(o => o.LastErrorCode).HasMaxLength(100);
        b.Property(o => o.Sender).HasMaxLength(40);
        b.Property(o => o.ProviderReference).HasMaxLength(200);
        b.Ignore(o => o.IdempotencyKey);
        // One delivery row per message: the message id is the idempotency key.
        b.HasIndex(o => o.MessageId).IsUnique();
        // The dispatcher's query: what is waiting and due, and what is being sent and past its lease.
        b.HasIndex(o => new { o.Status, o.NextAttemptAt });
        b.HasIndex(o => new { o.OrganisationId, o.Status });
        b.HasOne<Message>().WithOne().HasForeignKey<OutboxMessage>(o => o.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
