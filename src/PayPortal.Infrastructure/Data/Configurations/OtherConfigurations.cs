using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> b)
    {
        b.HasIndex(d => new { d.Status, d.OpenedAt });
        b.HasIndex(d => d.InvoiceId);
        b.HasIndex(d => d.CustomerId);
        b.HasIndex(d => d.StripeDisputeId).IsUnique().HasFilter("\"StripeDisputeId\" IS NOT NULL");
        b.Property(d => d.Message).HasMaxLength(Dispute.MaxMessageLength);
        b.Property(d => d.Resolution).HasMaxLength(Dispute.MaxMessageLength);
        b.Property(d => d.AssigneeName).HasMaxLength(256);
        b.Property(d => d.StripeDisputeId).HasMaxLength(100);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne(d => d.Invoice).WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Customer).WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.CreditMemo).WithMany().HasForeignKey(d => d.CreditMemoId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.RaisedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Messages).WithOne().HasForeignKey(m => m.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(d => d.Messages).HasField("_messages").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(d => d.IsOpen);
        b.Ignore(d => d.Amount);
    }
}

internal sealed class DisputeLineConfiguration : IEntityTypeConfiguration<DisputeLine>
{
    public void Configure(EntityTypeBuilder<DisputeLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(500);
        b.HasOne(l => l.InvoiceLine).WithMany().HasForeignKey(l => l.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisputeMessageConfiguration : IEntityTypeConfiguration<DisputeMessage>
{
    public void Configure(EntityTypeBuilder<DisputeMessage> b)
    {
        b.Property(m => m.AuthorName).HasMaxLength(256);
        b.Property(m => m.Text).HasMaxLength(Dispute.MaxMessageLength);
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.DisputeMessageId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Attachments).HasField("_attachments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DisputeAttachmentConfiguration : IEntityTypeConfiguration<DisputeAttachment>
{
    public void Configure(EntityTypeBuilder<DisputeAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
    }
}

internal sealed class PaymentPlanConfiguration : IEntityTypeConfiguration<PaymentPlan>
{
    public void Configure(EntityTypeBuilder<PaymentPlan> b)
    {
        b.HasIndex(p => new { p.Status, p.RequestedAt });
        b.HasIndex(p => p.CustomerId);
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(p => p.RequestedTerms).HasMaxLength(200);
        b.Property(p => p.ReviewReasons).HasMaxLength(500);
        b.Property(p => p.DecidedBy).HasMaxLength(256);
        b.Property(p => p.Note).HasMaxLength(1000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.RequestedByUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.Invoices).WithOne().HasForeignKey(i => i.PaymentPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Installments).WithOne().HasForeignKey(i => i.PaymentPlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Invoices).HasField("_invoices").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Installments).HasField("_installments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.Currency);
        b.Ignore(p => p.Total);
        b.Ignore(p => p.Terms);
        b.Ignore(p => p.IsPending);
    }
}

internal sealed class PlanInvoiceConfiguration : IEntityTypeConfiguration<PlanInvoice>
{
    public void Configure(EntityTypeBuilder<PlanInvoice> b)
    {
        b.HasIndex(i => i.InvoiceId);
        b.Property(i => i.InvoiceNumber).HasMaxLength(40);
        b.HasOne(i => i.Invoice).WithMany().HasForeignKey(i => i.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanInstallmentConfiguration : IEntityTypeConfiguration<PlanInstallment>
{
    public void Configure(EntityTypeBuilder<PlanInstallment> b)
    {
        b.HasIndex(i => new { i.PaymentPlanId, i.Number }).IsUnique();
        b.Property(i => i.Version).IsConcurrencyToken();
    }
}

internal sealed class BankStatementConfiguration : IEntityTypeConfiguration<BankStatement>
{
    public void Configure(EntityTypeBuilder<BankStatement> b)
    {
        b.HasIndex(s => s.FileSha256).IsUnique();
        b.HasIndex(s => new { s.Format, s.AccountId, s.StatementId });
        b.Property(s => s.Format).HasMaxLength(40);
        b.Property(s => s.StatementId).HasMaxLength(200);
        b.Property(s => s.AccountId).HasMaxLength(64);
        b.Property(s => s.FileName).HasMaxLength(260);
        b.Property(s => s.FileSha256).HasMaxLength(64);
        b.Property(s => s.ImportedBy).HasMaxLength(256);
        b.HasMany(s => s.Lines).WithOne(l => l.Statement).HasForeignKey(l => l.BankStatementId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BankStatementLineConfiguration : IEntityTypeConfiguration<BankStatementLine>
{
    public void Configure(EntityTypeBuilder<BankStatementLine> b)
    {
        b.HasIndex(l => new { l.Status, l.BookingDate });
        b.HasIndex(l => new { l.BankStatementId, l.LineNo }).IsUnique();
        b.HasIndex(l => l.PaymentId);
        b.Property(l => l.BankReference).HasMaxLength(140);
        b.Property(l => l.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(l => l.PayerName).HasMaxLength(200);
        b.Property(l => l.PayerAccount).HasMaxLength(64);
        b.Property(l => l.RemittanceText).HasMaxLength(2000);
        b.Property(l => l.References).HasMaxLength(1000);
        b.Property(l => l.BankTransactionCode).HasMaxLength(40);
        b.Property(l => l.Rule).HasMaxLength(60);
        b.Property(l => l.ResolvedBy).HasMaxLength(256);
        b.Property(l => l.PayoutNote).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne(l => l.Payment).WithMany().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PayPortal.Domain.Customers.Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(l => l.Amount);
    }
}

internal sealed class PayerAliasConfiguration : IEntityTypeConfiguration<PayerAlias>
{
    public void Configure(EntityTypeBuilder<PayerAlias> b)
    {
        b.HasIndex(a => a.NameKey).IsUnique().HasFilter("\"NameKey\" IS NOT NULL");
        b.HasIndex(a => a.AccountKey).IsUnique().HasFilter("\"AccountKey\" IS NOT NULL");
        b.Property(a => a.NameKey).HasMaxLength(200);
        b.Property(a => a.AccountKey).HasMaxLength(64);
        b.Property(a => a.LearnedFrom).HasMaxLength(140);
        b.HasOne<PayPortal.Domain.Customers.Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.CustomerId);
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(64);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.InvitedBy).HasMaxLength(256);
        b.HasIndex(u => u.CustomerId);
        b.HasOne(u => u.Customer).WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
