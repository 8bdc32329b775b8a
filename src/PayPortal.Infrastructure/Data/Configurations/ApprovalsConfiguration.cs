using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class MoneyApprovalConfiguration : IEntityTypeConfiguration<MoneyApproval>
{
    public void Configure(EntityTypeBuilder<MoneyApproval> b)
    {
        b.HasIndex(a => new { a.Status, a.ProposedAt });
        // One proposal waits per invoice at a time, even when two are made at the same moment.
        b.HasIndex(a => a.InvoiceId, "IX_MoneyApprovals_InvoiceId_Pending").IsUnique().HasFilter($"\"Status\" = {(int)MoneyApprovalStatus.Proposed}");
        b.HasIndex(a => a.InvoiceId);
        b.Property(a => a.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.ProposedBy).HasMaxLength(256);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.Property(a => a.DecisionNote).HasMaxLength(500);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Invoice).WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Dispute>().WithMany().HasForeignKey(a => a.DisputeId).OnDelete(DeleteBehavior.Restrict);
    }
}
