using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class PortalPaymentConfiguration : IEntityTypeConfiguration<PortalPayment>
{
    public void Configure(EntityTypeBuilder<PortalPayment> b)
    {
        b.HasIndex(p => p.CheckoutSessionId).IsUnique();
        b.HasIndex(p => p.PaymentIntentId);
        b.HasIndex(p => new { p.CustomerId, p.CreatedAt });
        b.Property(p => p.ContactUserId).HasMaxLength(450);
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        b.Property(p => p.PaymentIntentId).HasMaxLength(255);
        b.Property(p => p.FailureMessage).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PayPortal.Domain.Plans.PaymentPlan>().WithMany().HasForeignKey(p => p.PaymentPlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PortalPaymentId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.Amount);
        b.Ignore(p => p.CreditMinor);
    }
}

internal sealed class PortalPaymentLineConfiguration : IEntityTypeConfiguration<PortalPaymentLine>
{
    public void Configure(EntityTypeBuilder<PortalPaymentLine> b)
    {
        b.Property(l => l.InvoiceNumber).HasMaxLength(40);
        b.HasOne<PayPortal.Domain.Invoicing.Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StripeEventRecordConfiguration : IEntityTypeConfiguration<StripeEventRecord>
{
    public void Configure(EntityTypeBuilder<StripeEventRecord> b)
    {
        // Stripe retries webhooks and may deliver them in parallel: the unique event id makes replays no-ops.
        b.HasIndex(e => e.EventId).IsUnique();
        b.Property(e => e.EventId).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Outcome).HasMaxLength(500);
        b.Property(e => e.ResolvedBy).HasMaxLength(256);
        b.Property(e => e.Resolution).HasMaxLength(500);
        b.HasIndex(e => e.Status);
    }
}

internal sealed class StripePayoutConfiguration : IEntityTypeConfiguration<StripePayout>
{
    public void Configure(EntityTypeBuilder<StripePayout> b)
    {
        b.HasIndex(p => p.PayoutId).IsUnique();
        b.HasIndex(p => new { p.CurrencyCode, p.AmountMinor, p.ArrivalDate });
        b.Property(p => p.PayoutId).HasMaxLength(255);
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.StripePayoutId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StripePayoutItemConfiguration : IEntityTypeConfiguration<StripePayoutItem>
{
    public void Configure(EntityTypeBuilder<StripePayoutItem> b)
    {
        b.HasIndex(i => i.PaymentIntentId);
        b.Property(i => i.BalanceTransactionId).HasMaxLength(255);
        b.Property(i => i.Type).HasMaxLength(40);
        b.Property(i => i.SourceId).HasMaxLength(255);
        b.Property(i => i.PaymentIntentId).HasMaxLength(255);
    }
}
