using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Disputes;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Approvals;

/// <summary>One customer with INV-1 (300.00) and INV-2 (50.00), each of one line, and helpers to act as a given person.</summary>
internal sealed class ApprovalsData : IAsyncDisposable
{
    public const string Specialist = "specialist@test";
    public const string Manager = "manager@test";
    public const string OtherManager = "other.manager@test";

    private ApprovalsData(TempDatabase db, long first, long second) => (Db, First, Second) = (db, first, second);

    public TempDatabase Db { get; }
    public long First { get; }
    public long Second { get; }

    public static async Task<ApprovalsData> CreateAsync(long? threshold = null)
    {
        var db = await TempDatabase.CreateAsync(threshold is null ? null : new() { ["Approvals:CreditThreshold"] = threshold.Value.ToString() });
        await using var scope = db.Scope();
        var customer = Customer(scope.Db, "C-1");
        var first = Invoice(scope.Db, customer, "INV-1", 10, 300_00);
        var second = Invoice(scope.Db, customer, "INV-2", 10, 50_00);
        await scope.Db.SaveChangesAsync();
        return new ApprovalsData(db, first.Id, second.Id);
    }

    public async Task<StepResult> AsAsync<TDesk>(string actor, Func<TDesk, Task<StepResult>> step) where TDesk : notnull
    {
        await using var scope = Db.Scope(actor);
        return await step(scope.Get<TDesk>());
    }

    public async Task<T> QueryAsync<T>(Func<Data.PayPortalDbContext, Task<T>> query)
    {
        await using var scope = Db.Scope();
        return await query(scope.Db);
    }

    public Task<long> VersionAsync(long invoiceId) => QueryAsync(db => db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Version).SingleAsync());

    public Task<List<MoneyApproval>> ApprovalsAsync() => QueryAsync(db => db.MoneyApprovals.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    public Task<long> ApprovalIdAsync(long invoiceId) =>
        QueryAsync(db => db.MoneyApprovals.Where(a => a.InvoiceId == invoiceId && a.Status == MoneyApprovalStatus.Proposed).Select(a => a.Id).SingleAsync());

    public async Task<long> DisputeAsync(long invoiceId, long amountMinor)
    {
        await using var scope = Db.Scope();
        var invoice = await scope.Db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == invoiceId);
        var dispute = Dispute.Open(invoice, DisputeReason.DamagedGoods, new Money(amountMinor, Currency.USD), "Boxes arrived crushed.", DateTime.UtcNow);
        scope.Db.Disputes.Add(dispute);
        await scope.Db.SaveChangesAsync();
        return dispute.Id;
    }

    public Task AssertLedgerConsistentAsync() => Db.AssertLedgerConsistentAsync();

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
