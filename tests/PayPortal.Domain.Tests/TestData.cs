using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;

namespace PayPortal.Domain.Tests;

internal static class TestData
{
    public static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    public static Customer Customer(PaymentTerms? terms = null, string currency = "USD") =>
        new("C-1", "Acme Corp", Currency.Parse(currency), terms ?? PaymentTerms.Net(30), ["ap@acme.test"]);

    public static Invoice PostedInvoice(Customer customer, long totalMinor, string number = "INV-1", DateOnly? issued = null, List<Journal>? journals = null)
    {
        var invoice = new Invoice(customer, issued ?? Today);
        invoice.AddLine("Widgets", 1, totalMinor);
        var journal = Postings.PostInvoice(invoice, number, Now);
        journals?.Add(journal);
        return invoice;
    }

    public static Money Usd(long minor) => new(minor, Currency.USD);
}
