using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasIndex(m => new { m.SentAt, m.Id });
        b.HasIndex(m => m.CustomerId);
        b.HasIndex(m => m.InvoiceId);
        b.HasOne<Invoice>().WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.Kind).HasMaxLength(40);
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
    }
}

internal sealed class CommunicationLogEntryConfiguration : IEntityTypeConfiguration<CommunicationLogEntry>
{
    public void Configure(EntityTypeBuilder<CommunicationLogEntry> b)
    {
        b.HasIndex(e => new { e.CustomerId, e.At });
        b.Property(e => e.Channel).HasMaxLength(20);
        b.Property(e => e.Summary).HasMaxLength(2000);
        b.Property(e => e.By).HasMaxLength(256);
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(e => e.OutboxMessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
