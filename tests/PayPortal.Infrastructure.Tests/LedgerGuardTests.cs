using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Infrastructure.Tests;

public class LedgerGuardTests : IAsyncLifetime
{
    private TempDatabase _db = null!;
    private static readonly DateTime Now = new(2026, 6, 30, 12, 0, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        await using var scope = _db.Scope();
        var customer = new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = Now };
        scope.Db.Customers.Add(customer);
        foreach (var (number, daysAgo, amount) in new[] { ("I-1", 10, 100_00L), ("I-2", 45, 200_00L), ("I-3", 200, 300_00L) })
        {
            var invoice = new Invoice(customer, DateOnly.FromDateTime(Now).AddDays(-daysAgo));
            invoice.AddLine("Goods", 1, amount);
            scope.Db.Invoices.Add(invoice);
            scope.Db.Journals.Add(Postings.PostInvoice(invoice, number, Now));
        }
        await scope.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("UPDATE LedgerEntries SET AmountMinor = 0")]
    [InlineData("DELETE FROM LedgerEntries")]
    [InlineData("UPDATE Journals SET Description = 'rewritten'")]
    [InlineData("DELETE FROM Journals")]
    public async Task The_database_refuses_to_update_or_delete_journals_and_ledger_entries(string statement)
    {
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _db.ScalarAsync(statement));
        Assert.Contains("append-only", refused.Message);
        Assert.Equal(6L, await _db.ScalarAsync("SELECT COUNT(*) FROM LedgerEntries"));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Journals WHERE Description = 'rewritten'"));
    }

    [Fact]
    public async Task The_data_layer_refuses_to_save_a_changed_ledger_entry()
    {
        await using var scope = _db.Scope();
        var entry = await scope.Db.LedgerEntries.FirstAsync();
        scope.Db.Entry(entry).Property(e => e.AmountMinor).CurrentValue = 1;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task Two_people_saving_the_same_customer_conflict_instead_of_overwriting()
    {
        await using var first = _db.Scope();
        await using var second = _db.Scope();
        var mine = await first.Db.Customers.SingleAsync();
        var theirs = await second.Db.Customers.SingleAsync();
        mine.CreditLimitMinor = 10_000_00;
        await first.Db.SaveChangesAsync();
        theirs.CreditLimitMinor = 1;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.Db.SaveChangesAsync());
        Assert.Equal(10_000_00L, await _db.ScalarAsync("SELECT CreditLimitMinor FROM Customers"));
    }

    [Fact]
    public async Task Money_changes_are_audited_with_actor_and_before_and_after_values()
    {
        await using var scope = _db.Scope();
        var customer = await scope.Db.Customers.SingleAsync();
        customer.CreditLimitMinor = 5_000_00;
        using (scope.Db.Audit.Begin("customer.set-credit-limit")) await scope.Db.SaveChangesAsync();
        var changes = (string)(await _db.ScalarAsync("SELECT Actor || ' ' || Action || ' ' || Changes FROM AuditEvents WHERE Action = 'customer.set-credit-limit'"))!;
        Assert.Equal("test customer.set-credit-limit {\"CreditLimitMinor\":[null,500000]}", changes);
    }

    [Fact]
    public async Task Records_created_together_are_audited_with_their_real_ids_and_foreign_keys()
    {
        await using var scope = _db.Scope();
        var invoice = await scope.Db.Invoices.Include(i => i.Customer).FirstAsync(i => i.Number == "I-1");
        var payment = new PayPortal.Domain.Payments.Payment(invoice.Customer!, new Money(40_00, Currency.USD), PayPortal.Domain.Payments.PaymentMethod.Wire, DateOnly.FromDateTime(Now), "W-1");
        scope.Db.Payments.Add(payment);
        scope.Db.Journals.Add(Postings.ReceivePayment(payment, Now));
        var (allocation, journal) = Postings.Allocate(payment, invoice, new Money(40_00, Currency.USD), DateOnly.FromDateTime(Now), Now);
        scope.Db.Allocations.Add(allocation);
        scope.Db.Journals.Add(journal);
        await scope.Db.SaveChangesAsync();

        var changes = (string)(await _db.ScalarAsync($"SELECT Changes FROM AuditEvents WHERE EntityType = 'Allocation' AND EntityId = '{allocation.Id}'"))!;
        Assert.Contains($"\"PaymentId\":[null,{payment.Id}]", changes);
        Assert.Contains($"\"InvoiceId\":[null,{invoice.Id}]", changes);
        Assert.Equal("Invoice.Modified", await _db.ScalarAsync($"SELECT Action FROM AuditEvents WHERE EntityType = 'Invoice' AND EntityId = '{invoice.Id}' ORDER BY Id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Saving_without_accepting_leaves_the_changes_pending_until_accepted()
    {
        await using var scope = _db.Scope();
        var customer = await scope.Db.Customers.SingleAsync();
        customer.DunningPaused = true;
        await scope.Db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
        Assert.Equal(Microsoft.EntityFrameworkCore.EntityState.Modified, scope.Db.Entry(customer).State);
        scope.Db.ChangeTracker.AcceptAllChanges();
        Assert.Equal(1L, await _db.ScalarAsync("SELECT DunningPaused FROM Customers"));
        Assert.Equal(1L, await _db.ScalarAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Customer.Modified' AND Changes LIKE '%DunningPaused%'"));
    }

    [Fact]
    public async Task Aging_puts_each_open_invoice_in_its_bucket()
    {
        await using var scope = _db.Scope();
        var usd = Assert.Single(await scope.Get<AgingReport>().ForOpenInvoicesAsync(DateOnly.FromDateTime(Now)));
        // Due 30 days after issue: I-1 is current, I-2 is 15 days late, I-3 is 170 days late.
        Assert.Equal([100_00L, 200_00L, 0, 0, 0, 300_00L], usd.Buckets.Select(b => b.Amount.Minor));
        Assert.Equal(600_00L, usd.Total.Minor);
        Assert.Equal(500_00L, usd.PastDue.Minor);
    }
}
