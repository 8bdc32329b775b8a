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
        await using var db = await TempDatabase.CreateAsync();
        long customerId, invoiceId;
        await using (var scope = db.Scope())
        {
            var customer = new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
            var invoice = new Invoice(customer, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40));
            invoice.AddLine("Widgets", 1, 600_00);
            scope.Db.Invoices.Add(invoice);
            scope.Db.Journals.Add(Postings.PostInvoice(invoice, "INV-1", DateTime.UtcNow));
            await scope.Db.SaveChangesAsync();
            (customerId, invoiceId) = (customer.Id, invoice.Id);
        }

        var terms = new PlanTerms(3, PlanFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        async Task<StepResult> Request()
        {
            await using var scope = db.Scope();
            return await scope.Get<PlanDesk>().RequestAsync(customerId, null, [invoiceId], terms);
        }
        var results = await Task.WhenAll(Request(), Request());

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains(results, r => !r.Succeeded && r.Message == "Invoice INV-1 is already in a payment plan.");
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM PaymentPlans"));
    }
}
