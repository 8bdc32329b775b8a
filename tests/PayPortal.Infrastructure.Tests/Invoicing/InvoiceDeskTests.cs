using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Invoicing;

namespace PayPortal.Infrastructure.Tests.Invoicing;

public class InvoiceDeskTests : IAsyncLifetime
{
    private TempDatabase _db = null!;
    private long _customerId;

    public async Task InitializeAsync()
    {
        // These tests are about what a void and a credit do; the four-eyes approval in front of them is tested in Approvals/.
        _db = await TempDatabase.CreateAsync(new() { ["Approvals:CreditThreshold"] = long.MaxValue.ToString() });
        await using var scope = _db.Scope();
        var customer = new Customer("C-1", "Acme Corp", Currency.USD, new PaymentTerms(30, 2, 10), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        _customerId = customer.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static DraftInput Draft(params InvoiceLineDraft[] lines) =>
        new(new DateOnly(2026, 11, 20), new PaymentTerms(30, 2, 10), "PO-77", "PRJ-1", true, lines);

    private async Task<(long Id, long Version)> DraftAsync(params InvoiceLineDraft[] lines)
    {
        await using var scope = _db.Scope();
        var desk = scope.Get<InvoiceDesk>();
        var created = await desk.CreateDraftAsync(_customerId);
        Assert.True(created.Succeeded, created.Message);
        var saved = await desk.SaveDraftAsync(created.Id!.Value, 0, Draft(lines));
        Assert.True(saved.Succeeded, saved.Message);
        return (created.Id.Value, await VersionAsync(created.Id.Value));
    }

    private async Task<long> VersionAsync(long id)
    {
        await using var scope = _db.Scope();
        return await scope.Db.Invoices.Where(i => i.Id == id).Select(i => i.Version).SingleAsync();
    }

    private async Task<Invoice> LoadAsync(long id)
    {
        await using var scope = _db.Scope();
        return await scope.Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id);
    }

    private async Task<StepResult> OnDeskAsync(Func<InvoiceDesk, Task<StepResult>> action)
    {
        await using var scope = _db.Scope();
        return await action(scope.Get<InvoiceDesk>());
    }

    private async Task<string> AuditActionsAsync() =>
        string.Join(",", (await _db.ScalarAsync("SELECT group_concat(Action) FROM (SELECT DISTINCT Action FROM AuditEvents ORDER BY Id)")) as string ?? "");

    [Fact]
    public async Task A_draft_takes_the_customer_terms_then_posting_numbers_it_enters_the_ledger_and_freezes_it()
    {
        await using (var scope = _db.Scope())
        {
            var created = await scope.Get<InvoiceDesk>().CreateDraftAsync(_customerId);
            var draft = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == created.Id);
            Assert.Equal(new PaymentTerms(30, 2, 10), draft.Terms);
            Assert.Null(draft.Number);
        }
        var (id, version) = await DraftAsync(new("Bolts", 4, 2_50, TaxRatePercent: 10), new("Nuts", 2, 1_00));

        var posted = await OnDeskAsync(d => d.PostAsync(id, version));
        Assert.True(posted.Succeeded, posted.Message);
        Assert.Equal("Invoice INV-000001 posted: USD 13.00 due 2026-12-20.", posted.Message);
        var invoice = await LoadAsync(id);
        Assert.Equal(("INV-000001", InvoiceStatus.Open, 13_00L), (invoice.Number, invoice.Status, invoice.OpenMinor));
        Assert.Equal(13_00L, await _db.ScalarAsync($"SELECT SUM(AmountMinor) FROM LedgerEntries WHERE InvoiceId = {id} AND Account = {(int)LedgerAccount.Receivable}"));

        var edit = await OnDeskAsync(d => d.SaveDraftAsync(id, invoice.Version, Draft(new InvoiceLineDraft("Changed", 1, 1_00))));
        Assert.False(edit.Succeeded);
        Assert.Equal("Invoice INV-000001 is posted and cannot change; issue a credit memo or void it.", edit.Message);
        var discard = await OnDeskAsync(d => d.DiscardDraftAsync(id, invoice.Version));
        Assert.False(discard.Succeeded);
        Assert.Equal(13_00, (await LoadAsync(id)).TotalMinor);
        await _db.AssertLedgerConsistentAsync();
        Assert.Contains("invoice.post", await AuditActionsAsync());
    }

    [Fact]
    public async Task Numbers_skip_what_an_import_already_used_and_a_stale_version_is_refused()
    {
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync();
            var imported = new Invoice(customer, new DateOnly(2026, 11, 1));
            imported.AddLine("Imported", 1, 5_00);
            scope.Db.Invoices.Add(imported);
            scope.Db.Journals.Add(Postings.PostInvoice(imported, "inv-000001", DateTime.UtcNow)); // numbers compare without case
            await scope.Db.SaveChangesAsync();
        }
        var (id, version) = await DraftAsync(new InvoiceLineDraft("Bolts", 1, 10_00));
        var stale = await OnDeskAsync(d => d.PostAsync(id, version - 1));
        Assert.False(stale.Succeeded);
        Assert.Contains("Someone changed this invoice", stale.Message);
        Assert.Null((await LoadAsync(id)).Number);

        Assert.True((await OnDeskAsync(d => d.PostAsync(id, version))).Succeeded);
        Assert.Equal("INV-000002", (await LoadAsync(id)).Number);
        Assert.Equal(3L, await _db.ScalarAsync("SELECT NextValue FROM NumberSequences WHERE Name = 'invoice'"));
    }

    [Fact]
    public async Task A_draft_without_lines_is_not_posted_and_a_discarded_draft_is_gone()
    {
        await using var scope = _db.Scope();
        var desk = scope.Get<InvoiceDesk>();
        var created = await desk.CreateDraftAsync(_customerId);
        var refused = await desk.PostAsync(created.Id!.Value, 0);
        Assert.Equal("An invoice needs at least one line and a positive total to be posted.", refused.Message);
        Assert.Null(await _db.ScalarAsync("SELECT Name FROM NumberSequences")); // no number was used up
        Assert.True((await desk.DiscardDraftAsync(created.Id.Value, 0)).Succeeded);
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Invoices"));
    }

    [Fact]
    public async Task Credit_memos_by_line_and_in_full_are_applied_to_the_invoice_and_any_excess_stays_as_credit()
    {
        var (id, version) = await DraftAsync(new("Bolts", 10, 10_00), new("Delivery", 1, 25_00));
        await OnDeskAsync(d => d.PostAsync(id, version));

        var byLine = await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), [new LineCredit(1, 2)], "Two boxes damaged"));
        Assert.True(byLine.Succeeded, byLine.Message);
        Assert.Equal("Credit memo CM-000001 for USD 20.00 issued; USD 20.00 applied to invoice INV-000001.", byLine.Message);
        Assert.Equal((105_00L, InvoiceStatus.PartiallyPaid), ((await LoadAsync(id)).OpenMinor, (await LoadAsync(id)).Status));

        var tooMuch = await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), [new LineCredit(1, 9)], "More"));
        Assert.Equal("Line 1: only 8 of 10 is left to credit.", tooMuch.Message);
        var noReason = await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), [new LineCredit(2, 1)], " "));
        Assert.Equal("A credit memo needs a reason.", noReason.Message);

        // The customer pays 100.00 of the remaining 105.00; a full credit of what is left to credit (80.00 + 25.00) then exceeds the 5.00 open.
        await using (var scope = _db.Scope())
        {
            var invoice = await scope.Db.Invoices.Include(i => i.Customer).SingleAsync(i => i.Id == id);
            var payment = new Payment(invoice.Customer!, new Money(100_00, Currency.USD), PaymentMethod.Wire, new DateOnly(2026, 11, 21), "WIRE-9");
            scope.Db.Payments.Add(payment);
            scope.Db.Journals.Add(Postings.ReceivePayment(payment, DateTime.UtcNow));
            var (allocation, journal) = Postings.Allocate(payment, invoice, new Money(100_00, Currency.USD), new DateOnly(2026, 11, 21), DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(journal);
            await scope.Db.SaveChangesAsync();
        }
        var full = await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), null, "Order cancelled"));
        Assert.Equal("Credit memo CM-000002 for USD 105.00 issued; USD 5.00 applied to invoice INV-000001; USD 100.00 stays as credit on the account.", full.Message);
        Assert.Equal(InvoiceStatus.Paid, (await LoadAsync(id)).Status);
        Assert.Equal(100_00L, await _db.ScalarAsync("SELECT UnappliedMinor FROM CreditMemos WHERE Number = 'CM-000002'"));
        Assert.Equal(3L, await _db.ScalarAsync("SELECT COUNT(*) FROM CreditMemoLines"));
        var nothingLeft = await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), null, "Again"));
        Assert.Equal("Everything on invoice INV-000001 has already been credited.", nothingLeft.Message);
        await _db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_void_needs_a_reason_and_an_invoice_with_nothing_applied()
    {
        var (id, version) = await DraftAsync(new InvoiceLineDraft("Bolts", 1, 50_00));
        await OnDeskAsync(d => d.PostAsync(id, version));
        var noReason = await OnDeskAsync(async d => await d.VoidAsync(id, await VersionAsync(id), ""));
        Assert.Equal("A void needs a reason.", noReason.Message);
        await OnDeskAsync(async d => await d.CreditAsync(id, await VersionAsync(id), [new LineCredit(1, 0.5m)], "Half"));
        var applied = await OnDeskAsync(async d => await d.VoidAsync(id, await VersionAsync(id), "Billed twice"));
        Assert.Equal("Invoice INV-000001 has payments or credits applied; reverse them or issue a credit memo instead.", applied.Message);

        var (other, otherVersion) = await DraftAsync(new InvoiceLineDraft("Nuts", 1, 30_00));
        await OnDeskAsync(d => d.PostAsync(other, otherVersion));
        var voided = await OnDeskAsync(async d => await d.VoidAsync(other, await VersionAsync(other), "Billed twice"));
        Assert.True(voided.Succeeded, voided.Message);
        var invoice = await LoadAsync(other);
        Assert.Equal((InvoiceStatus.Void, 0L, "Billed twice"), (invoice.Status, invoice.OpenMinor, invoice.VoidReason));
        await _db.AssertLedgerConsistentAsync();
    }
}
