using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Customers;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => c.Name);
        // Numbers are compared as people read them: "inv-1" and "INV-1" are the same invoice.
        b.Property(c => c.Number).HasMaxLength(32).UseCollation("NOCASE");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.BillingEmails).HasMaxLength(2000);
        b.Property(c => c.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(c => c.TermsDiscountPercent).HasPrecision(5, 2);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.Segment).HasMaxLength(40);
        b.Property(c => c.CollectorUserId).HasMaxLength(450);
        b.Property(c => c.CollectorName).HasMaxLength(256);
        b.HasIndex(c => c.CollectorUserId);
        b.Ignore(c => c.Currency);
        b.Ignore(c => c.Terms);
        b.Ignore(c => c.BillingEmailList);
        b.Ignore(c => c.CreditLimit);
    }
}
