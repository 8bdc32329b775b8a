using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Tests.Collections;

/// <summary>Customers and posted invoices with chosen due dates, for the collections tests.</summary>
internal static class CollectionsData
{
    public static readonly DateOnly Today = new(2026, 11, 2);

    public static Customer Customer(PayPortalDbContext db, string number, string? email = null)
    {
        var customer = new Customer(number, $"Customer {number}", Currency.USD, PaymentTerms.Net(30), [email ?? $"ap@{number.ToLowerInvariant()}.test"]) { CreatedAt = DateTime.UtcNow };
        db.Customers.Add(customer);
        return customer;
    }

    /// <summary>A posted invoice due <paramref name="dueInDays"/> from <see cref="Today"/> (negative: past due).</summary>
    public static Invoice Invoice(PayPortalDbContext db, Customer customer, string number, int dueInDays, long amountMinor = 100_00) =>
        InvoiceDue(db, customer, number, Today.AddDays(dueInDays), amountMinor);

    /// <summary>A posted invoice issued 30 days before <paramref name="due"/>.</summary>
    public static Invoice InvoiceDue(PayPortalDbContext db, Customer customer, string number, DateOnly due, long amountMinor = 100_00)
    {
        var invoice = new Invoice(customer, due.AddDays(-30), due);
        invoice.AddLine("Goods", 1, amountMinor);
        db.Invoices.Add(invoice);
        db.Journals.Add(Postings.PostInvoice(invoice, number, DateTime.UtcNow));
        return invoice;
    }

    public static Payment Pay(PayPortalDbContext db, Customer customer, long amountMinor, DateOnly on)
    {
        var payment = new Payment(customer, new Money(amountMinor, Currency.USD), PaymentMethod.Wire, on, $"W-{Guid.NewGuid():N}"[..12]);
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, DateTime.UtcNow));
        return payment;
    }
}
