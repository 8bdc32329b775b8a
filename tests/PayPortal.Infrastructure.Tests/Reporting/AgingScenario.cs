using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Domain.Plans;

namespace PayPortal.Infrastructure.Tests.Reporting;

/// <summary>
/// A small history with hand-computed aging, each event on its own business date:
/// A-1 (USD, Net 30): INV-A1 1,000.00 issued Jan 1 due Jan 31, 400.00 paid Mar 15; INV-A2 250.00 issued Feb 10 due Mar 12,
/// in a plan from Mar 25; INV-A3 300.00 issued Mar 20 due Apr 19, written off Apr 30.
/// B-1 (EUR): INV-B1 500.00 issued Feb 1 due Mar 3, 200.00 of it disputed from Mar 5.
/// </summary>
internal static class AgingScenario
{
    public static async Task<(long A, long B)> SeedAsync(TempDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.Db;
        var at = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var a = new Customer("A-1", "Alpha Supplies", Currency.USD, PaymentTerms.Net(30), ["ap@alpha.test"]) { CreatedAt = at };
        var b = new Customer("B-1", "Beta GmbH", Currency.EUR, PaymentTerms.Net(30), ["ap@beta.test"]) { CreatedAt = at };
        var a1 = Post(db, a, "INV-A1", new(2026, 1, 1), 1_000_00);
        var a2 = Post(db, a, "INV-A2", new(2026, 2, 10), 250_00);
        var a3 = Post(db, a, "INV-A3", new(2026, 3, 20), 300_00);
        var b1 = Post(db, b, "INV-B1", new(2026, 2, 1), 500_00);

        var payment = new Payment(a, new Money(400_00, Currency.USD), PaymentMethod.Wire, new DateOnly(2026, 3, 15), "WIRE-1");
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, at));
        var (allocation, applied) = Postings.Allocate(payment, a1, new Money(400_00, Currency.USD), new DateOnly(2026, 3, 15), at);
        db.Allocations.Add(allocation);
        db.Journals.Add(applied);

        var (writeOff, written) = Postings.WriteOff(a3, new Money(300_00, Currency.USD), "Customer site closed", new DateOnly(2026, 4, 30), at);
        db.WriteOffs.Add(writeOff);
        db.Journals.Add(written);

        db.Disputes.Add(Dispute.Open(b1, DisputeReason.Pricing, new Money(200_00, Currency.EUR), "Price list says 300", new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc)));
        var (plan, problems) = PaymentPlan.Request(a, [a2], new PlanTerms(2, PlanFrequency.Monthly, new DateOnly(2026, 4, 1)), PlanPolicy.Default,
            new DateOnly(2026, 3, 25), new DateTime(2026, 3, 25, 12, 0, 0, DateTimeKind.Utc), null);
        Assert.Empty(problems);
        Assert.Equal(PlanStatus.Active, plan!.Status);
        db.PaymentPlans.Add(plan);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }

    private static Invoice Post(Infrastructure.Data.PayPortalDbContext db, Customer customer, string number, DateOnly issued, long amountMinor)
    {
        var invoice = new Invoice(customer, issued);
        invoice.AddLine("Goods", 1, amountMinor);
        db.Invoices.Add(invoice);
        db.Journals.Add(Postings.PostInvoice(invoice, number, issued.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc)));
        return invoice;
    }
}
