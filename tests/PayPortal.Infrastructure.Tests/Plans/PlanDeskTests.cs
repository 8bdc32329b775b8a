using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Plans;

namespace PayPortal.Infrastructure.Tests.Plans;

public class PlanDeskTests
{
    [Fact]
    public async Task Two_requests_for_the_same_invoice_at_once_make_one_plan_and_the_other_is_told_why()
    {
        const int rounds = 8;
        await using var db = await TempDatabase.CreateAsync();
        long customerId;
        var invoiceIds = new List<long>();
        await using (var scope = db.Scope())
        {
            var customer = new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
            for (var i = 1; i <= rounds; i++)
            {
                var invoice = new Invoice(customer, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40));
                invoice.AddLine("Widgets", 1, 600_00);
                scope.Db.Invoices.Add(invoice);
                scope.Db.Journals.Add(Postings.PostInvoice(invoice, $"INV-{i}", DateTime.UtcNow));
                await scope.Db.SaveChangesAsync();
                invoiceIds.Add(invoice.Id);
            }
            customerId = customer.Id;
        }

        var terms = new PlanTerms(3, PlanFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        for (var round = 0; round < rounds; round++)
        {
            var invoiceId = invoiceIds[round];
            var results = await Concurrency.AtOnce.RunAsync(2, async _ =>
            {
                await using var scope = db.Scope();
                return await scope.Get<PlanDesk>().RequestAsync(customerId, null, [invoiceId], terms);
            });
            Assert.Single(results, r => r.Succeeded);
            Assert.Contains(results, r => !r.Succeeded && r.Message == $"Invoice INV-{round + 1} is already in a payment plan.");
        }
        Assert.Equal((long)rounds, await db.ScalarAsync("SELECT COUNT(*) FROM PaymentPlans"));
        await db.AssertLedgerConsistentAsync();
    }
}
