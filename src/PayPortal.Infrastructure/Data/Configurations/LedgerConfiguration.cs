using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Ledger;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class JournalConfiguration : IEntityTypeConfiguration<Journal>
{
    public void Configure(EntityTypeBuilder<Journal> b)
    {
        b.HasIndex(j => new { j.CustomerId, j.OccurredOn });
        b.Property(j => j.Description).HasMaxLength(500);
        b.HasOne(j => j.Customer).WithMany().HasForeignKey(j => j.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(j => j.Entries).WithOne().HasForeignKey(e => e.JournalId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(j => j.Entries).HasField("_entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.HasIndex(e => e.JournalId);
        b.HasIndex(e => new { e.InvoiceId, e.Account, e.OccurredOn, e.AmountMinor }).HasFilter("\"InvoiceId\" IS NOT NULL");
        b.HasIndex(e => e.PaymentId).HasFilter("\"PaymentId\" IS NOT NULL");
        b.HasIndex(e => e.CreditMemoId).HasFilter("\"CreditMemoId\" IS NOT NULL");
        b.HasIndex(e => new { e.CustomerId, e.OccurredOn });
        b.Property(e => e.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.HasOne(e => e.Customer).WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Invoice).WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Payment).WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.CreditMemo).WithMany().HasForeignKey(e => e.CreditMemoId).OnDelete(DeleteBehavior.Restrict);
    }
}
