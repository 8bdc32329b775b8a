using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Invoicing;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.HasIndex(i => i.Number).IsUnique();
        // Open invoices by customer and due date, covering the amount: the portal's invoice list and
        // aging read only this index.
        // Covers the per-customer open, past-due and disputed figures (customer list, worklist, credit control).
        b.HasIndex(i => new { i.CustomerId, i.DueDate, i.OpenMinor, i.DisputedMinor }).HasDatabaseName("IX_Invoices_Customer_Open").HasFilter("\"OpenMinor\" <> 0");
        b.HasIndex(i => new { i.DueDate, i.OpenMinor, i.CurrencyCode }).HasDatabaseName("IX_Invoices_Open_Aging").HasFilter("\"OpenMinor\" <> 0");
        b.HasIndex(i => new { i.CustomerId, i.IssueDate });
        b.HasIndex(i => new { i.CurrencyCode, i.DueDate, i.DisputedMinor }).HasDatabaseName("IX_Invoices_Disputed").HasFilter("\"DisputedMinor\" <> 0");
        b.Property(i => i.Number).HasMaxLength(40).UseCollation("NOCASE");
        b.Property(i => i.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(i => i.PoNumber).HasMaxLength(60);
        b.Property(i => i.ProjectCode).HasMaxLength(60);
        b.Property(i => i.VoidReason).HasMaxLength(500);
        b.Property(i => i.DiscountPercent).HasPrecision(5, 2);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne(i => i.Customer).WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(i => i.Currency);
        b.Ignore(i => i.Total);
        b.Ignore(i => i.Open);
        b.Ignore(i => i.IsPosted);
        b.Ignore(i => i.CanReceiveMoney);
        b.Ignore(i => i.Terms);
        b.HasIndex(i => i.SentAt).HasDatabaseName("IX_Invoices_Unsent").HasFilter("\"SentAt\" IS NULL");
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.HasIndex(l => new { l.InvoiceId, l.LineNo }).IsUnique();
        b.Property(l => l.Description).HasMaxLength(500);
        b.Property(l => l.Quantity).HasPrecision(18, 4);
        b.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        b.Property(l => l.TaxRatePercent).HasPrecision(6, 3);
        b.Ignore(l => l.TotalMinor);
    }
}

internal sealed class CreditMemoConfiguration : IEntityTypeConfiguration<CreditMemo>
{
    public void Configure(EntityTypeBuilder<CreditMemo> b)
    {
        b.HasIndex(m => m.Number).IsUnique();
        b.HasIndex(m => m.CustomerId);
        b.Property(m => m.Number).HasMaxLength(40).UseCollation("NOCASE");
        b.Property(m => m.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(m => m.Reason).HasMaxLength(500);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Customer).WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Invoice).WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Lines).WithOne().HasForeignKey(l => l.CreditMemoId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.Unapplied);
        b.Ignore(m => m.Amount);
    }
}

internal sealed class CreditMemoLineConfiguration : IEntityTypeConfiguration<CreditMemoLine>
{
    public void Configure(EntityTypeBuilder<CreditMemoLine> b)
    {
        b.HasIndex(l => l.InvoiceLineId);
        b.Property(l => l.Description).HasMaxLength(500);
        b.Property(l => l.Quantity).HasPrecision(18, 4);
        b.HasOne(l => l.InvoiceLine).WithMany().HasForeignKey(l => l.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(40);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class WriteOffConfiguration : IEntityTypeConfiguration<WriteOff>
{
    public void Configure(EntityTypeBuilder<WriteOff> b)
    {
        b.Property(w => w.Reason).HasMaxLength(500);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.Ignore(w => w.RecoverableMinor);
        b.HasOne(w => w.Invoice).WithMany().HasForeignKey(w => w.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(w => w.Customer).WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
