using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Invoicing;

public class InvoiceTests
{
    [Fact]
    public void Line_amounts_round_per_line_and_the_total_is_their_sum()
    {
        var invoice = new Invoice(Customer(), Today);
        // 3 x 33.33 = 99.99, less 10 % = 89.991 -> 89.99; tax 7.25 % = 6.524 -> 6.52
        var first = invoice.AddLine("Consulting", 3, 3333, discountPercent: 10, taxRatePercent: 7.25m);
        // 2.5 x 0.99 = 2.475 -> 2.48 (half away from zero); no tax
        var second = invoice.AddLine("Stamps", 2.5m, 99);
        Assert.Equal(8999, first.NetMinor);
        Assert.Equal(652, first.TaxMinor);
        Assert.Equal(248, second.NetMinor);
        Assert.Equal(8999 + 652 + 248, invoice.TotalMinor);
    }

    [Fact]
    public void Due_date_and_discount_come_from_the_customer_terms()
    {
        var invoice = new Invoice(Customer(new PaymentTerms(30, 2, 10)), new DateOnly(2026, 1, 31));
        Assert.Equal(new DateOnly(2026, 3, 2), invoice.DueDate);
        Assert.Equal(new DateOnly(2026, 2, 10), invoice.DiscountDeadline);
        Assert.Equal(2, invoice.DiscountPercent);
    }

    [Fact]
    public void Posting_numbers_the_invoice_opens_its_total_and_freezes_its_lines()
    {
        var invoice = new Invoice(Customer(), Today);
        invoice.AddLine("Widgets", 10, 1250);
        var journal = Postings.PostInvoice(invoice, "INV-00042", Now);
        Assert.Equal("INV-00042", invoice.Number);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(12500, invoice.OpenMinor);
        Assert.Equal(JournalKind.InvoicePosted, journal.Kind);
        Assert.Throws<DomainRefusal>(() => invoice.AddLine("More", 1, 1));
        Assert.Throws<DomainRefusal>(() => Postings.PostInvoice(invoice, "INV-00043", Now));
    }

    [Fact]
    public void An_invoice_without_lines_cannot_be_posted() =>
        Assert.Throws<DomainRefusal>(() => Postings.PostInvoice(new Invoice(Customer(), Today), "INV-1", Now));

    [Fact]
    public void Due_date_before_issue_date_is_refused() =>
        Assert.Throws<DomainRefusal>(() => new Invoice(Customer(), Today, Today.AddDays(-1)));

    [Fact]
    public void Early_payment_discount_is_offered_only_inside_its_window_and_before_any_payment()
    {
        var customer = Customer(new PaymentTerms(30, 2, 10));
        var invoice = PostedInvoice(customer, 100_00);
        Assert.Equal(2_00, invoice.EarlyPaymentDiscountOn(Today.AddDays(10)).Minor);
        Assert.Equal(0, invoice.EarlyPaymentDiscountOn(Today.AddDays(11)).Minor);

        var payment = new PayPortal.Domain.Payments.Payment(customer, Usd(40_00), PayPortal.Domain.Payments.PaymentMethod.Card, Today, "partial");
        Postings.ReceivePayment(payment, Now);
        Postings.Allocate(payment, invoice, Usd(40_00), Today, Now);
        Assert.Equal(0, invoice.EarlyPaymentDiscountOn(Today.AddDays(1)).Minor);
    }

    [Fact]
    public void Customer_rejects_bad_billing_emails() =>
        Assert.Throws<DomainRefusal>(() => new Customer("C-2", "Bad", Currency.USD, PaymentTerms.Net(30), ["not-an-email"]));
}
