using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Payments;

public class PaymentSelectionTests
{
    private static readonly Customer Acme = Customer(new PaymentTerms(30, 2, 10));

    private static Invoice Posted(long id, long total, string number, bool allowPartial = true)
    {
        var invoice = PostedInvoice(Acme, total, number);
        typeof(Invoice).GetProperty(nameof(Invoice.Id))!.SetValue(invoice, id);
        invoice.AllowPartialPayment = allowPartial;
        return invoice;
    }

    private static IReadOnlyList<PayableLine> Validate(DateOnly on, out List<string> errors, Invoice[] invoices, params (long Id, long Amount)[] lines) =>
        PaymentSelection.Validate(lines.Select(l => new PaymentRequestLine(l.Id, l.Amount)).ToList(), invoices.ToDictionary(i => i.Id), on, out errors);

    [Fact]
    public void Paying_the_whole_balance_inside_the_window_takes_the_early_payment_discount()
    {
        var lines = Validate(Today.AddDays(3), out var errors, [Posted(1, 1000_00, "A")], (1, 1000_00));
        Assert.Empty(errors);
        var line = Assert.Single(lines);
        Assert.Equal((980_00L, 20_00L), (line.Amount.Minor, line.Discount.Minor));
    }

    [Fact]
    public void An_invoice_a_payment_is_still_paying_is_refused_by_number_and_the_others_are_not_started_either()
    {
        var invoices = new[] { Posted(1, 1000_00, "A"), Posted(2, 500_00, "B") };
        var lines = PaymentSelection.Validate([new(1, 1000_00), new(2, 500_00)], invoices.ToDictionary(i => i.Id), Today, out var errors, paymentInProgress: new HashSet<long> { 2 });
        Assert.Empty(lines);
        Assert.Equal(["Invoice B has a payment in progress; it can be paid again if that payment fails."], errors);
    }

    [Fact]
    public void A_partial_payment_earns_no_discount_and_after_the_window_the_full_amount_is_due()
    {
        var partial = Validate(Today, out _, [Posted(1, 1000_00, "A")], (1, 400_00));
        Assert.Equal((400_00L, 0L), (partial[0].Amount.Minor, partial[0].Discount.Minor));
        var late = Validate(Today.AddDays(11), out _, [Posted(1, 1000_00, "A")], (1, 1000_00));
        Assert.Equal((1000_00L, 0L), (late[0].Amount.Minor, late[0].Discount.Minor));
    }

    [Theory]
    [InlineData(1000_01, "Invoice A has only USD 1,000.00 open")]
    [InlineData(0, "Enter an amount above zero for invoice A")]
    [InlineData(-5, "Enter an amount above zero for invoice A")]
    public void Amounts_outside_what_is_open_are_refused(long amount, string message)
    {
        var lines = Validate(Today.AddDays(20), out var errors, [Posted(1, 1000_00, "A")], (1, amount));
        Assert.Empty(lines);
        Assert.Contains(errors, e => e.StartsWith(message));
    }

    [Fact]
    public void An_invoice_that_forbids_partial_payment_must_be_paid_in_full()
    {
        Validate(Today.AddDays(20), out var errors, [Posted(1, 500_00, "B", allowPartial: false)], (1, 100_00));
        Assert.Equal("Invoice B must be paid in full (USD 500.00).", Assert.Single(errors));
    }

    [Fact]
    public void Foreign_paid_void_and_repeated_invoices_are_refused_and_nothing_is_payable()
    {
        var paid = Posted(2, 100_00, "P");
        var payment = new Payment(Acme, Usd(100_00), PaymentMethod.Check, Today, "CHK");
        Postings.ReceivePayment(payment, Now);
        Postings.Allocate(payment, paid, Usd(100_00), Today, Now);
        var voided = Posted(3, 100_00, "V");
        Postings.VoidInvoice(voided, "Raised in error", Today, Now);

        var lines = Validate(Today, out var errors, [Posted(1, 100_00, "A"), paid, voided], (1, 10_00), (1, 10_00), (2, 1_00), (3, 1_00), (99, 1_00));
        Assert.Empty(lines);
        Assert.Contains("An invoice can be paid only once per payment.", errors);
        Assert.Contains("Invoice P is already paid.", errors);
        Assert.Contains("Invoice V is void.", errors);
        Assert.Contains("One of the invoices is not yours to pay.", errors);
    }

    [Fact]
    public void Nothing_chosen_is_refused() =>
        Assert.Equal("Choose at least one invoice to pay.", Assert.Single(Validate(Today, out var errors, [], []) is { Count: 0 } ? errors : []));

    [Fact]
    public void Credits_go_on_the_oldest_invoice_first_and_only_the_rest_is_taken_in_cash()
    {
        var older = PostedInvoice(Acme, 300_00, "OLD", issued: Today.AddDays(-40));
        var newer = PostedInvoice(Acme, 500_00, "NEW", issued: Today.AddDays(-5));
        typeof(Invoice).GetProperty(nameof(Invoice.Id))!.SetValue(older, 1L);
        typeof(Invoice).GetProperty(nameof(Invoice.Id))!.SetValue(newer, 2L);
        var lines = Validate(Today, out var errors, [older, newer], (2, 500_00), (1, 300_00));
        Assert.Empty(errors);
        var discountOnNewer = lines[0].Discount;
        Assert.Equal(10_00, discountOnNewer.Minor); // the newer invoice is inside its 2/10 window

        var credited = PaymentSelection.UseCredits(lines, Usd(350_00));
        Assert.Equal(["NEW", "OLD"], credited.Select(l => l.Invoice.Number));
        Assert.Equal((300_00L, 0L), (credited[1].CreditMinor, credited[1].Amount.Minor));
        Assert.Equal((50_00L, 440_00L, 10_00L), (credited[0].CreditMinor, credited[0].Amount.Minor, credited[0].Discount.Minor));
        Assert.Equal(lines.Select(l => l.Settles), credited.Select(l => l.Settles));
    }

    [Fact]
    public void More_credit_than_the_selection_covers_it_all_and_no_cash_is_taken()
    {
        var lines = Validate(Today.AddDays(20), out _, [Posted(1, 100_00, "A")], (1, 60_00));
        var credited = PaymentSelection.UseCredits(lines, Usd(1000_00));
        Assert.Equal((60_00L, 0L), (credited[0].CreditMinor, credited[0].Amount.Minor));
        Assert.Throws<DomainRefusal>(() => PaymentSelection.UseCredits(lines, new Money(1_00, Currency.Parse("EUR"))));
    }
}
