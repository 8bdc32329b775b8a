using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Infrastructure.Data;

/// <summary>
/// Identity and AR data in one database, so one SaveChanges is one atomic unit of work. Saving also
/// bumps concurrency versions and refuses any change to the ledger's past; <see cref="AuditInterceptor"/>
/// writes the audit trail in the same transaction.
/// </summary>
public class PayPortalDbContext(DbContextOptions<PayPortalDbContext> options, IActor actor, AuditContext audit, TimeProvider clock)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (encrypted at rest when a certificate is configured), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<CreditMemo> CreditMemos => Set<CreditMemo>();
    public DbSet<CreditMemoLine> CreditMemoLines => Set<CreditMemoLine>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<WriteOff> WriteOffs => Set<WriteOff>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<DisputeMessage> DisputeMessages => Set<DisputeMessage>();
    public DbSet<DisputeAttachment> DisputeAttachments => Set<DisputeAttachment>();
    public DbSet<Domain.Plans.PaymentPlan> PaymentPlans => Set<Domain.Plans.PaymentPlan>();
    public DbSet<Domain.CashApplication.BankStatement> BankStatements => Set<Domain.CashApplication.BankStatement>();
    public DbSet<Domain.CashApplication.BankStatementLine> BankLines => Set<Domain.CashApplication.BankStatementLine>();
    public DbSet<Domain.CashApplication.PayerAlias> PayerAliases => Set<Domain.CashApplication.PayerAlias>();
    public DbSet<Journal> Journals => Set<Journal>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PortalPayment> PortalPayments => Set<PortalPayment>();
    public DbSet<StripeEventRecord> StripeEvents => Set<StripeEventRecord>();
    public DbSet<StripePayout> StripePayouts => Set<StripePayout>();
    public DbSet<Outbox.OutboxMessage> Outbox => Set<Outbox.OutboxMessage>();
    public DbSet<Outbox.CommunicationLogEntry> CommunicationLog => Set<Outbox.CommunicationLogEntry>();
    public DbSet<Domain.Collections.PromiseToPay> Promises => Set<Domain.Collections.PromiseToPay>();
    public DbSet<Domain.Collections.DunningPolicy> DunningPolicies => Set<Domain.Collections.DunningPolicy>();
    public DbSet<Domain.Collections.DunningStep> DunningSteps => Set<Domain.Collections.DunningStep>();
    public DbSet<Domain.Collections.DunningNotice> DunningNotices => Set<Domain.Collections.DunningNotice>();
    public DbSet<Collections.DunningRunRecord> DunningRuns => Set<Collections.DunningRunRecord>();
    public DbSet<Domain.Collections.WriteOffRequest> WriteOffRequests => Set<Domain.Collections.WriteOffRequest>();
    public DbSet<Domain.Collections.CreditHoldRequest> CreditHoldRequests => Set<Domain.Collections.CreditHoldRequest>();
    public DbSet<Domain.Approvals.MoneyApproval> MoneyApprovals => Set<Domain.Approvals.MoneyApproval>();
    public DbSet<Statements.StatementSend> StatementSends => Set<Statements.StatementSend>();

    /// <summary>Names what the saves inside a scope do, for the audit trail: <c>using (db.Audit.Begin("invoice.send")) await db.SaveChangesAsync(ct);</c></summary>
    public AuditContext Audit => audit;

    public string ActorName => actor.Name;
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PayPortalDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseLedgerRewrites();
        BumpVersions();
        // The audit interceptor commits the audit rows with the changes; the changes are accepted only after that,
        // so if the audit insert or the commit fails, nothing is saved and the tracked records do not pretend otherwise.
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return written;
    }

    private void RefuseLedgerRewrites()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is LedgerEntry or Journal && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The AR ledger is append-only: post a reversing journal instead of changing or deleting an entry.");
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
        }
    }
}
