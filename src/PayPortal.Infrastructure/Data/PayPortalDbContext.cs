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
/// writes the audit trail, bumps concurrency versions and refuses any change to the ledger's past.
/// </summary>
public class PayPortalDbContext(DbContextOptions<PayPortalDbContext> options, IActor actor, TimeProvider clock)
    : IdentityDbContext<AppUser>(options)
{
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
    public DbSet<Email.OutboxMessage> Outbox => Set<Email.OutboxMessage>();
    public DbSet<Email.CommunicationLogEntry> CommunicationLog => Set<Email.CommunicationLogEntry>();
    public DbSet<Domain.Collections.PromiseToPay> Promises => Set<Domain.Collections.PromiseToPay>();
    public DbSet<Domain.Collections.DunningPolicy> DunningPolicies => Set<Domain.Collections.DunningPolicy>();
    public DbSet<Domain.Collections.DunningStep> DunningSteps => Set<Domain.Collections.DunningStep>();
    public DbSet<Domain.Collections.DunningNotice> DunningNotices => Set<Domain.Collections.DunningNotice>();
    public DbSet<Collections.DunningRunRecord> DunningRuns => Set<Collections.DunningRunRecord>();
    public DbSet<Domain.Collections.WriteOffRequest> WriteOffRequests => Set<Domain.Collections.WriteOffRequest>();
    public DbSet<Domain.Collections.CreditHoldRequest> CreditHoldRequests => Set<Domain.Collections.CreditHoldRequest>();
    public DbSet<Statements.StatementSend> StatementSends => Set<Statements.StatementSend>();

    /// <summary>Names the action the next save performs, for the audit trail (e.g. "customer.import").</summary>
    public string? AuditAction { get; set; }

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
        var audit = AuditTrail.Capture(ChangeTracker, actor.Name, AuditAction, UtcNow);
        AuditAction = null;
        if (audit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Ids of new records are known only after the insert, so the audit rows follow inside the same
        // transaction. The changes are accepted only after the commit: if the audit insert or the commit
        // fails, nothing is saved and the tracked records do not pretend otherwise.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            // Many rows per statement (a bank import audits hundreds of thousands of changes), each value a
            // parameter made by the connection itself, so a missing value is a typed NULL.
            foreach (var batch in audit.Complete().Chunk(100))
            {
                var values = new List<string>();
                var parameters = new List<object>();
                foreach (var e in batch)
                {
                    var n = parameters.Count;
                    values.Add($"(@p{n}, @p{n + 1}, @p{n + 2}, @p{n + 3}, @p{n + 4}, @p{n + 5}, @p{n + 6})");
                    parameters.AddRange([Parameter($"@p{n}", e.At), Parameter($"@p{n + 1}", e.Actor), Parameter($"@p{n + 2}", e.Action), Parameter($"@p{n + 3}", e.EntityType),
                        Parameter($"@p{n + 4}", e.EntityId), Parameter($"@p{n + 5}", e.CustomerId), Parameter($"@p{n + 6}", e.Changes)]);
                }
#pragma warning disable EF1003 // only parameter placeholders are concatenated; every value is a parameter
                await Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"AuditEvents\" (\"At\", \"Actor\", \"Action\", \"EntityType\", \"EntityId\", \"CustomerId\", \"Changes\") VALUES " + string.Join(", ", values),
                    parameters, cancellationToken);
#pragma warning restore EF1003
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private System.Data.Common.DbParameter Parameter(string name, object? value)
    {
        var parameter = Database.GetDbConnection().CreateCommand().CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
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
