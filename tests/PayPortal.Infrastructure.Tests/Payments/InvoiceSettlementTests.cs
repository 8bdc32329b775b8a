using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Infrastructure.Tests.Payments;

/// <summary>A bank debit takes days: the early-payment discount is judged on the day the customer started paying.</summary>
public class InvoiceSettlementTests
{
    private static readonly DateOnly Issued = new(2026, 9, 1);

    /// <summary>A 1,000.00 invoice on 2/10 net 30 (discount 20.00 until 2026-09-11), a checkout started on <paramref name="startedOn"/> for the rest, settled on 2026-09-14.</summary>
    private static async Task<(long Open, long Discounts)> SettleDebitStartedOn(DateOnly startedOn)
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var scope = db.Scope();
        var customer = new Customer("C-1", "Acme", Currency.USD, new PaymentTerms(30, 2m, 10), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
        var invoice = new Invoice(customer, Issued);
        invoice.AddLine("Widgets", 1, 1000_00);
        scope.Db.Invoices.Add(invoice);
        scope.Db.Journals.Add(Postings.PostInvoice(invoice, "INV-1", Issued.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
        await scope.Db.SaveChangesAsync();

        var portal = new PortalPayment
        {
            CustomerId = customer.Id, ContactUserId = "contact", CurrencyCode = "USD", AmountMinor = 980_00, CreatedAt = startedOn.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc),
            Lines = [new PortalPaymentLine { InvoiceId = invoice.Id, InvoiceNumber = "INV-1", AmountMinor = 980_00, DiscountMinor = 20_00 }],
        };
        scope.Db.PortalPayments.Add(portal);
        var settledAt = new DateTime(2026, 9, 14, 9, 0, 0, DateTimeKind.Utc);
        var payment = new Payment(customer, new Money(980_00, Currency.USD), PaymentMethod.UsBankAccount, DateOnly.FromDateTime(settledAt), "pi_debit");
        scope.Db.Payments.Add(payment);
        scope.Db.Journals.Add(Postings.ReceivePayment(payment, settledAt));
        await scope.Get<InvoiceSettlement>().SettleAsync(portal, payment, settledAt, CancellationToken.None);
        await scope.Db.SaveChangesAsync();

        var open = await scope.Db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.OpenMinor).SingleAsync();
        var discounts = await scope.Db.Allocations.Where(a => a.InvoiceId == invoice.Id && a.Kind == AllocationKind.Discount).SumAsync(a => a.AmountMinor);
        return (open, discounts);
    }

    [Fact]
    public async Task A_debit_started_inside_the_discount_window_earns_the_discount_though_it_settles_after_the_deadline()
    {
        Assert.Equal((0L, 20_00L), await SettleDebitStartedOn(new DateOnly(2026, 9, 11)));
    }

    [Fact]
    public async Task A_debit_started_after_the_deadline_does_not_and_the_invoice_still_owes_the_discount_amount()
    {
        Assert.Equal((20_00L, 0L), await SettleDebitStartedOn(new DateOnly(2026, 9, 12)));
    }
}
