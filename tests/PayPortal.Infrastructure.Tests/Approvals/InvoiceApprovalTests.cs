using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Approvals;
using PayPortal.Infrastructure.Invoicing;
using static PayPortal.Infrastructure.Tests.Approvals.ApprovalsData;

namespace PayPortal.Infrastructure.Tests.Approvals;

public class InvoiceApprovalTests
{
    [Fact]
    public async Task Voiding_an_owed_invoice_is_proposed_and_carried_out_once_when_another_manager_approves()
    {
        await using var data = await CreateAsync();
        var version = await data.VersionAsync(data.First);

        var proposed = await data.AsAsync<InvoiceDesk>(Specialist, d => d.VoidAsync(data.First, version, "Billed twice"));

        Assert.True(proposed.Succeeded, proposed.Message);
        Assert.Equal("Void of USD 300.00 on invoice INV-1 proposed; a manager other than you approves it on the Approvals page.", proposed.Message);
        var invoice = await data.QueryAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == data.First));
        Assert.Equal((InvoiceStatus.Open, 300_00L), (invoice.Status, invoice.OpenMinor));
        var approval = Assert.Single(await data.ApprovalsAsync());
        Assert.Equal((MoneyApprovalKind.Void, MoneyApprovalStatus.Proposed, 300_00L, "Billed twice", Specialist), (approval.Kind, approval.Status, approval.AmountMinor, approval.Reason, approval.ProposedBy));

        var again = await data.AsAsync<InvoiceDesk>(Manager, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Cancelled"));
        Assert.Equal($"A void of invoice INV-1 proposed by {Specialist} is already waiting for approval; it is approved or rejected first.", again.Message);
        var own = await data.AsAsync<ApprovalDesk>(Specialist, d => d.ApproveAsync(approval.Id));
        Assert.Equal("A proposal is approved by a manager other than who proposed it.", own.Message);
        Assert.Equal(InvoiceStatus.Open, await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.First).Select(i => i.Status).SingleAsync()));

        var approved = await data.AsAsync<ApprovalDesk>(Manager, d => d.ApproveAsync(approval.Id));

        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal("Approved: Invoice INV-1 is void.", approved.Message);
        invoice = await data.QueryAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == data.First));
        Assert.Equal((InvoiceStatus.Void, 0L, "Billed twice"), (invoice.Status, invoice.OpenMinor, invoice.VoidReason));
        approval = Assert.Single(await data.ApprovalsAsync());
        Assert.Equal((MoneyApprovalStatus.Approved, Manager), (approval.Status, approval.DecidedBy));
        Assert.Equal("This proposal was already approved.", (await data.AsAsync<ApprovalDesk>(OtherManager, d => d.ApproveAsync(approval.Id))).Message);
        var trail = await data.QueryAsync(db => db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Actor + " " + a.Action).Distinct().ToListAsync());
        Assert.True(trail.Contains($"{Specialist} approval.propose"), string.Join("\n", trail));
        Assert.Contains($"{Manager} invoice.void", trail);
        Assert.Contains($"{Manager} approval.approve", trail);
        await data.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Crediting_in_full_waits_for_approval_whichever_button_does_it_and_a_part_credit_does_not()
    {
        await using var data = await CreateAsync();

        var half = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), [new LineCredit(1, 0.5m)], "Half damaged"));
        Assert.Equal("Credit memo CM-000001 for USD 150.00 issued; USD 150.00 applied to invoice INV-1.", half.Message);
        var full = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Order cancelled"));
        Assert.Equal("Full credit of USD 150.00 on invoice INV-1 proposed; a manager other than you approves it on the Approvals page.", full.Message);
        var lastLine = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.Second, await data.VersionAsync(data.Second), [new LineCredit(1, 1)], "Wrong goods"));
        Assert.StartsWith("Full credit of USD 50.00 on invoice INV-2 proposed", lastLine.Message);
        Assert.Equal(1L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(150_00L, await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.First).Select(i => i.OpenMinor).SingleAsync()));

        var approved = await data.AsAsync<ApprovalDesk>(Manager, async d => await d.ApproveAsync(await data.ApprovalIdAsync(data.First)));

        Assert.Equal("Approved: Credit memo CM-000002 for USD 150.00 issued; USD 150.00 applied to invoice INV-1.", approved.Message);
        Assert.Equal((InvoiceStatus.Paid, 0L), await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.First).Select(i => ValueTuple.Create(i.Status, i.OpenMinor)).SingleAsync()));
        Assert.Equal("Order cancelled", await data.Db.ScalarAsync("SELECT Reason FROM CreditMemos WHERE Number = 'CM-000002'"));
        await data.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task At_or_under_the_threshold_a_void_or_full_credit_happens_at_once_and_above_it_waits()
    {
        await using var data = await CreateAsync(threshold: 50_00);

        var voided = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.VoidAsync(data.Second, await data.VersionAsync(data.Second), "Billed twice"));
        Assert.Equal("Invoice INV-2 is void.", voided.Message);
        var credit = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Cancelled"));
        Assert.StartsWith("Full credit of USD 300.00 on invoice INV-1 proposed", credit.Message);

        Assert.Equal(InvoiceStatus.Void, await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.Second).Select(i => i.Status).SingleAsync()));
        Assert.Equal(0L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(MoneyApprovalKind.FullCredit, Assert.Single(await data.ApprovalsAsync()).Kind);
    }

    [Fact]
    public async Task An_invoice_changed_since_the_proposal_is_refused_at_approval_and_nothing_changes_until_it_is_rejected()
    {
        await using var data = await CreateAsync();
        await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Cancelled"));
        // Meanwhile half of it is credited directly: the full credit would now be 150.00, not the 300.00 proposed.
        await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), [new LineCredit(1, 0.5m)], "Half"));
        await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.VoidAsync(data.Second, await data.VersionAsync(data.Second), "Wrong customer"));
        await using (var scope = data.Db.Scope())
        {
            var invoice = await scope.Db.Invoices.Include(i => i.Customer).SingleAsync(i => i.Id == data.Second);
            var payment = Collections.CollectionsData.Pay(scope.Db, invoice.Customer!, 10_00, Collections.CollectionsData.Today);
            var (allocation, journal) = Postings.Allocate(payment, invoice, new Money(10_00, Currency.USD), Collections.CollectionsData.Today, DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(journal);
            await scope.Db.SaveChangesAsync();
        }

        var changed = await data.AsAsync<ApprovalDesk>(Manager, async d => await d.ApproveAsync(await data.ApprovalIdAsync(data.First)));
        var paid = await data.AsAsync<ApprovalDesk>(Manager, async d => await d.ApproveAsync(await data.ApprovalIdAsync(data.Second)));

        Assert.Equal("Invoice INV-1 changed since this full credit was proposed: it would now take USD 150.00 instead of USD 300.00 off the books. Nothing was done; reject this proposal and propose again.", changed.Message);
        Assert.Equal("Invoice INV-2 has payments or credits applied; reverse them or issue a credit memo instead.", paid.Message);
        Assert.Equal(1L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(InvoiceStatus.PartiallyPaid, await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.Second).Select(i => i.Status).SingleAsync()));
        Assert.All(await data.ApprovalsAsync(), a => Assert.Equal(MoneyApprovalStatus.Proposed, a.Status));

        var id = await data.ApprovalIdAsync(data.First);
        Assert.Equal("Say why the proposal is rejected (at most 500 characters).", (await data.AsAsync<ApprovalDesk>(Manager, d => d.RejectAsync(id, " "))).Message);
        Assert.True((await data.AsAsync<ApprovalDesk>(Manager, d => d.RejectAsync(id, "Half was credited meanwhile"))).Succeeded);
        Assert.Equal("This proposal was already rejected.", (await data.AsAsync<ApprovalDesk>(OtherManager, d => d.ApproveAsync(id))).Message);
        var again = await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Cancelled"));
        Assert.StartsWith("Full credit of USD 150.00 on invoice INV-1 proposed", again.Message);
        await data.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Two_managers_approving_the_same_proposal_at_once_credit_it_once()
    {
        await using var data = await CreateAsync();
        await data.AsAsync<InvoiceDesk>(Specialist, async d => await d.CreditAsync(data.First, await data.VersionAsync(data.First), null, "Cancelled"));
        var id = await data.ApprovalIdAsync(data.First);

        var results = await Task.WhenAll(
            data.AsAsync<ApprovalDesk>(Manager, d => d.ApproveAsync(id)),
            data.AsAsync<ApprovalDesk>(OtherManager, d => d.ApproveAsync(id)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains(results, r => !r.Succeeded && (r.Message == "This proposal was already approved." || r.Message.StartsWith("Someone decided this proposal at the same time")));
        Assert.Equal(1L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(300_00L, await data.Db.ScalarAsync($"SELECT SUM(AmountMinor) FROM Allocations WHERE InvoiceId = {data.First}"));
        await data.AssertLedgerConsistentAsync();
    }
}
