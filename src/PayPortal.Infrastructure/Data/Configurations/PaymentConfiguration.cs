using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Payments;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.HasIndex(p => new { p.CustomerId, p.ReceivedOn });
        b.HasIndex(p => p.Reference);
        b.Property(p => p.Reference).HasMaxLength(140);
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PayPortal.Domain.CashApplication.BankStatementLine>().WithMany().HasForeignKey(p => p.SettledByBankLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.Method, p.SettledByBankLineId, p.ReceivedOn });
        b.Ignore(p => p.Currency);
        b.Ignore(p => p.Amount);
        b.Ignore(p => p.Unapplied);
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.HasIndex(a => a.InvoiceId);
        b.HasIndex(a => a.PaymentId);
        b.HasIndex(a => a.CreditMemoId);
        b.Property(a => a.Rule).HasMaxLength(80);
        b.HasOne(a => a.Invoice).WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Payment).WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.CreditMemo).WithMany().HasForeignKey(a => a.CreditMemoId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.IsReversed);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ExternalReference).HasMaxLength(140);
        b.HasIndex(r => r.ExternalReference).IsUnique();
        b.Property(r => r.DisputeId).HasMaxLength(100);
        b.HasIndex(r => r.DisputeId);
        b.HasOne(r => r.Payment).WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
