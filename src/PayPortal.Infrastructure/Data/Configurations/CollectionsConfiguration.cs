using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Collections;

namespace PayPortal.Infrastructure.Data.Configurations;

internal sealed class PromiseToPayConfiguration : IEntityTypeConfiguration<PromiseToPay>
{
    public void Configure(EntityTypeBuilder<PromiseToPay> b)
    {
        b.ToTable("Promises");
        b.HasIndex(p => new { p.Status, p.DueOn });
        b.HasIndex(p => new { p.CustomerId, p.RecordedAt });
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(p => p.RecordedBy).HasMaxLength(256);
        b.Property(p => p.Note).HasMaxLength(1200);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Customer).WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.Amount);
    }
}

internal sealed class DunningPolicyConfiguration : IEntityTypeConfiguration<DunningPolicy>
{
    public void Configure(EntityTypeBuilder<DunningPolicy> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Segment).HasMaxLength(40);
        // One policy per segment, and one default (a NULL segment) enforced in code.
        b.HasIndex(p => p.Segment).IsUnique();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany<DunningStep>("_steps").WithOne(s => s.Policy).HasForeignKey(s => s.DunningPolicyId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.Steps);
    }
}

internal sealed class DunningStepConfiguration : IEntityTypeConfiguration<DunningStep>
{
    public void Configure(EntityTypeBuilder<DunningStep> b)
    {
        b.HasIndex(s => new { s.DunningPolicyId, s.OffsetDays }).IsUnique();
        b.Property(s => s.Subject).HasMaxLength(200);
        b.Property(s => s.Body).HasMaxLength(10_000);
        b.Ignore(s => s.When);
    }
}

internal sealed class DunningNoticeConfiguration : IEntityTypeConfiguration<DunningNotice>
{
    public void Configure(EntityTypeBuilder<DunningNotice> b)
    {
        // The idempotency key of the dunning run: a step is done once per invoice, whatever happens.
        b.HasIndex(n => new { n.InvoiceId, n.DunningStepId }).IsUnique();
        b.HasIndex(n => new { n.CustomerId, n.At });
        b.HasIndex(n => new { n.Action, n.CompletedAt });
        b.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // A step with notices is never deleted (its history stays); it can be edited.
        b.HasOne<DunningStep>().WithMany().HasForeignKey(n => n.DunningStepId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DunningRunRecordConfiguration : IEntityTypeConfiguration<DunningRunRecord>
{
    public void Configure(EntityTypeBuilder<DunningRunRecord> b)
    {
        b.ToTable("DunningRuns");
        b.HasIndex(r => r.RunOn);
        b.Property(r => r.By).HasMaxLength(256);
    }
}

internal sealed class WriteOffRequestConfiguration : IEntityTypeConfiguration<WriteOffRequest>
{
    public void Configure(EntityTypeBuilder<WriteOffRequest> b)
    {
        b.HasIndex(r => new { r.Status, r.RequestedAt });
        b.HasIndex(r => r.InvoiceId);
        b.Property(r => r.CurrencyCode).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.RequestedBy).HasMaxLength(256);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.DecisionNote).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Invoice).WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WriteOff>().WithMany().HasForeignKey(r => r.WriteOffId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.Amount);
    }
}

internal sealed class CreditHoldRequestConfiguration : IEntityTypeConfiguration<CreditHoldRequest>
{
    public void Configure(EntityTypeBuilder<CreditHoldRequest> b)
    {
        b.HasIndex(r => new { r.Status, r.RequestedAt });
        b.HasIndex(r => r.CustomerId);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.RequestedBy).HasMaxLength(256);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.DecisionNote).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementSendConfiguration : IEntityTypeConfiguration<Statements.StatementSend>
{
    public void Configure(EntityTypeBuilder<Statements.StatementSend> b)
    {
        // The statement run's idempotency key: one statement per customer and month.
        b.HasIndex(s => new { s.PeriodEnd, s.CustomerId }).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
