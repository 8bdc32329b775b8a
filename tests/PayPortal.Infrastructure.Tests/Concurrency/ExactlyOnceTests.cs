using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Invoicing;

namespace PayPortal.Infrastructure.Tests.Concurrency;

/// <summary>Two people doing the same thing at the same moment, each on a thread and connection of their own.</summary>
public class ExactlyOnceTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private TempDatabase _db = null!;
    private long _customerId;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        await using var scope = _db.Scope();
        var customer = new Customer("C-1", "Acme Fabrication Inc.", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        _customerId = customer.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(long Id, long Version)> DraftAsync(long amountMinor)
    {
        await using var scope = _db.Scope();
        var desk = scope.Get<InvoiceDesk>();
        var created = await desk.CreateDraftAsync(_customerId);
        var saved = await desk.SaveDraftAsync(created.Id!.Value, 0,
            new DraftInput(Day, PaymentTerms.Net(30), null, null, true, [new InvoiceLineDraft("Goods", 1, amountMinor)]));
        Assert.True(saved.Succeeded, saved.Message);
        return (created.Id.Value, await scope.Db.Invoices.Where(i => i.Id == created.Id).Select(i => i.Version).SingleAsync());
    }

    [Fact]
    public async Task Drafts_posted_at_the_same_moment_get_different_numbers_with_no_gap()
    {
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var drafts = new[] { await DraftAsync(100_00), await DraftAsync(200_00) };
            var results = await AtOnce.RunAsync(2, async i =>
            {
                await using var scope = _db.Scope();
                return await scope.Get<InvoiceDesk>().PostAsync(drafts[i].Id, drafts[i].Version);
            });
            Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        }

        await using var check = _db.Scope();
        var numbers = await check.Db.Invoices.Select(i => i.Number!).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 2 * rounds).Select(n => $"INV-{n:000000}"), numbers.Order());
        await _db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Two_specialists_applying_the_same_bank_line_at_once_apply_it_once()
    {
        const int rounds = 8;
        var invoices = new List<long>();
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync();
            for (var i = 0; i < rounds; i++)
            {
                var invoice = new Invoice(customer, Day.AddDays(-10));
                invoice.AddLine("Goods", 1, 500_00);
                scope.Db.Invoices.Add(invoice);
                scope.Db.Journals.Add(Domain.Ledger.Postings.PostInvoice(invoice, $"INV-9{i:00}", DateTime.UtcNow));
                await scope.Db.SaveChangesAsync();
                invoices.Add(invoice.Id);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            var lineId = await WaitingLineAsync($"LINE-{round}", 300_00);
            var invoiceId = invoices[round];
            var results = await AtOnce.RunAsync(2, async i =>
            {
                await using var scope = _db.Scope();
                return await scope.Get<ExceptionDesk>().ApplyAsync(lineId, _customerId, [new ManualAllocation(invoiceId, 300_00)], $"specialist-{i}");
            });

            Assert.Single(results, r => r.Succeeded);
            var refused = Assert.Single(results, r => !r.Succeeded);
            Assert.Contains(refused.Message, new[] { $"Bank line LINE-{round} is not waiting (Applied).", "Someone applied this line or these invoices at the same time; nothing was saved. Reload and try again." });
            await using var check = _db.Scope();
            Assert.Equal(200_00L, await check.Db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.OpenMinor).SingleAsync());
            Assert.Equal(300_00L, await check.Db.Allocations.Where(a => a.InvoiceId == invoiceId).SumAsync(a => a.AmountMinor));
            Assert.Equal(round + 1, await check.Db.Payments.CountAsync()); // the line's money was received once
        }
        await _db.AssertLedgerConsistentAsync();
    }

    /// <summary>A credit the matcher cannot place (no invoice number, an unknown payer): it waits in the exceptions.</summary>
    private async Task<long> WaitingLineAsync(string reference, long amountMinor)
    {
        var statement = new MemoryStream();
        Camt053Writer.Write(statement, "STMT-" + reference, "US00BANK0000000001", "USD", DateTime.UtcNow,
            [new CamtEntry(reference, Day, amountMinor, true, "UNKNOWN PAYER " + reference, null, "thank you")]);
        statement.Position = 0;
        await using var scope = _db.Scope();
        var imported = await scope.Get<BankImport>().ImportAsync(statement, reference + ".xml", autoApply: false);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        return await scope.Db.BankLines.Where(l => l.BankReference == reference && l.Status == BankLineStatus.Exception).Select(l => l.Id).SingleAsync();
    }
}
