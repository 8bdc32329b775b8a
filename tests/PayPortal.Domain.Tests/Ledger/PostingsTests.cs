using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Ledger;

public class PostingsTests
{
    private readonly List<Journal> _journals = [];
    private readonly Customer _customer = Customer(new PaymentTerms(30, 2, 10));

    private IEnumerable<LedgerEntry> Entries => _journals.SelectMany(j => j.Entries);
    private long ReceivableOf(Invoice invoice) => Entries.Where(e => e.Account == LedgerAccount.Receivable && e.Invoice == invoice).Sum(e => e.AmountMinor);
    private long UnappliedOf(Payment payment) => -Entries.Where(e => e.Account == LedgerAccount.UnappliedCash && e.Payment == payment).Sum(e => e.AmountMinor);
    private long CustomerBalance => Entries.Where(e => LedgerAccounts.CustomerSide.Contains(e.Account)).Sum(e => e.AmountMinor);

    private Payment Receive(long minor, DateOnly? receivedOn = null, bool isTest = false)
    {
        var payment = new Payment(_customer, Usd(minor), PaymentMethod.Wire, receivedOn ?? Today, "WIRE-1", isTest);
        _journals.Add(Postings.ReceivePayment(payment, Now));
        return payment;
    }

    private T Record<T>((T Item, Journal Journal) result)
    {
        _journals.Add(result.Journal);
        return result.Item;
    }

    [Fact]
    public void Every_journal_balances_and_stored_amounts_equal_the_ledger_through_a_whole_life()
    {
        var a = PostedInvoice(_customer, 1000_00, "INV-A", journals: _journals);
        var b = PostedInvoice(_customer, 500_00, "INV-B", journals: _journals);
        var c = PostedInvoice(_customer, 300_00, "INV-C", journals: _journals);
        var payment = Receive(1200_00);
        var onA = Record(Postings.Allocate(payment, a, Usd(1000_00), Today, Now));
        Record(Postings.Allocate(payment, b, Usd(150_00), Today, Now));
        var memo = new CreditMemo(_customer, "CM-1", Today, Usd(80_00), "Damaged goods", b);
        _journals.Add(Postings.IssueCreditMemo(memo, Now));
        Record(Postings.ApplyCredit(memo, b, Usd(50_00), Today, Now));
        Record(Postings.WriteOff(c, Usd(300_00), "Customer bankrupt", Today, Now));
        _journals.Add(Postings.ReverseAllocation(onA, "Applied to the wrong invoice", Today, Now));
        Record(Postings.Refund(payment, Usd(40_00), "Overpayment returned", Today, Now));

        Assert.All(_journals, j => Assert.Equal(0, j.Entries.Sum(e => e.AmountMinor)));
        Assert.Equal(a.OpenMinor, ReceivableOf(a));
        Assert.Equal(b.OpenMinor, ReceivableOf(b));
        Assert.Equal(c.OpenMinor, ReceivableOf(c));
        Assert.Equal(payment.UnappliedMinor, UnappliedOf(payment));
        Assert.Equal((1000_00, 300_00, 0), (a.OpenMinor, b.OpenMinor, c.OpenMinor));
        Assert.Equal((InvoiceStatus.Open, InvoiceStatus.PartiallyPaid, InvoiceStatus.WrittenOff), (a.Status, b.Status, c.Status));
        Assert.Equal(1200_00 - 150_00 - 40_00, payment.UnappliedMinor);
        Assert.Equal(30_00, memo.UnappliedMinor);
        // What the customer owes = open invoices less unapplied cash and credits.
        Assert.Equal(a.OpenMinor + b.OpenMinor - payment.UnappliedMinor - memo.UnappliedMinor, CustomerBalance);
    }

    [Fact]
    public void Paying_the_exact_open_amount_marks_the_invoice_paid()
    {
        var invoice = PostedInvoice(_customer, 250_00, journals: _journals);
        Record(Postings.Allocate(Receive(250_00), invoice, Usd(250_00), Today, Now));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0, invoice.OpenMinor);
    }

    [Fact]
    public void Overpaying_an_invoice_is_refused_and_changes_nothing()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        var payment = Receive(500_00);
        var error = Assert.Throws<DomainRefusal>(() => Postings.Allocate(payment, invoice, Usd(100_01), Today, Now));
        Assert.Contains("more than the USD 100.00 still open", error.Message);
        Assert.Equal((100_00, 500_00), (invoice.OpenMinor, payment.UnappliedMinor));
    }

    [Fact]
    public void Applying_more_than_is_unapplied_on_the_payment_is_refused()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        var payment = Receive(60_00);
        Assert.Throws<DomainRefusal>(() => Postings.Allocate(payment, invoice, Usd(61_00), Today, Now));
        Assert.Equal(100_00, invoice.OpenMinor);
    }

    [Fact]
    public void Another_customers_payment_cannot_be_applied()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        var other = new Customer("C-9", "Other", Currency.USD, PaymentTerms.Net(30), []);
        var payment = new Payment(other, Usd(100_00), PaymentMethod.Check, Today, "CHK 1");
        Postings.ReceivePayment(payment, Now);
        Assert.Throws<DomainRefusal>(() => Postings.Allocate(payment, invoice, Usd(100_00), Today, Now));
    }

    [Fact]
    public void Paid_and_void_invoices_take_no_more_money()
    {
        var paid = PostedInvoice(_customer, 10_00, "INV-P", journals: _journals);
        var payment = Receive(100_00);
        Record(Postings.Allocate(payment, paid, Usd(10_00), Today, Now));
        var voided = PostedInvoice(_customer, 10_00, "INV-V", journals: _journals);
        _journals.Add(Postings.VoidInvoice(voided, "Raised in error", Today, Now));
        Assert.Contains("already paid", Assert.Throws<DomainRefusal>(() => Postings.Allocate(payment, paid, Usd(1), Today, Now)).Message);
        Assert.Contains("void", Assert.Throws<DomainRefusal>(() => Postings.Allocate(payment, voided, Usd(1), Today, Now)).Message);
        Assert.Equal(0, ReceivableOf(voided));
    }

    [Fact]
    public void An_invoice_with_money_applied_cannot_be_voided()
    {
        var invoice = PostedInvoice(_customer, 10_00, journals: _journals);
        Record(Postings.Allocate(Receive(5_00), invoice, Usd(5_00), Today, Now));
        Assert.Throws<DomainRefusal>(() => Postings.VoidInvoice(invoice, "Oops", Today, Now));
    }

    [Fact]
    public void A_refund_the_processor_could_not_pay_out_is_unapplied_cash_again_once()
    {
        var payment = Receive(100_00);
        var refund = Record(Postings.Refund(payment, Usd(40_00), "Overpayment returned", Today, Now, "re_1"));
        Assert.Equal((40_00L, 60_00L), (payment.RefundedMinor, payment.UnappliedMinor));

        var journal = Postings.RefundFailed(refund, Today, Now);
        _journals.Add(journal);
        Assert.Equal(0, journal.Entries.Sum(e => e.AmountMinor));
        Assert.Equal((0L, 100_00L, Now), (payment.RefundedMinor, payment.UnappliedMinor, refund.FailedAt));
        Assert.Equal(100_00, UnappliedOf(payment)); // the ledger says the same
        Assert.Throws<DomainRefusal>(() => Postings.RefundFailed(refund, Today, Now));
        Assert.Equal((0L, 100_00L), (payment.RefundedMinor, payment.UnappliedMinor));
    }

    [Fact]
    public void Early_payment_discount_is_a_discount_allocation_not_a_short_payment()
    {
        var invoice = PostedInvoice(_customer, 1000_00, journals: _journals);
        var payment = Receive(980_00, receivedOn: Today.AddDays(5));
        Record(Postings.AllowDiscount(invoice, payment, Usd(20_00), Now));
        var allocation = Record(Postings.Allocate(payment, invoice, Usd(980_00), Today.AddDays(5), Now));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(AllocationKind.Payment, allocation.Kind);
        Assert.Equal(20_00, Entries.Where(e => e.Account == LedgerAccount.DiscountsAllowed).Sum(e => e.AmountMinor));
        Assert.Equal(0, ReceivableOf(invoice));
    }

    [Fact]
    public void The_discount_is_judged_on_the_day_the_payment_was_received_and_never_above_the_terms()
    {
        var invoice = PostedInvoice(_customer, 1000_00, journals: _journals);
        var late = Receive(980_00, receivedOn: Today.AddDays(11));
        Assert.Contains("No early-payment discount", Assert.Throws<DomainRefusal>(() => Postings.AllowDiscount(invoice, late, Usd(20_00), Now)).Message);
        var onTime = Receive(980_00, receivedOn: Today.AddDays(10));
        Assert.Contains("at most USD 20.00", Assert.Throws<DomainRefusal>(() => Postings.AllowDiscount(invoice, onTime, Usd(20_01), Now)).Message);
        Assert.Equal(1000_00, invoice.OpenMinor);
    }

    [Fact]
    public void A_bank_debit_started_in_time_earns_the_discount_though_its_money_arrives_after_the_deadline()
    {
        var invoice = PostedInvoice(_customer, 1000_00, journals: _journals);
        var debit = Receive(980_00, receivedOn: Today.AddDays(13));
        Assert.Contains("No early-payment discount", Assert.Throws<DomainRefusal>(() => Postings.AllowDiscount(invoice, debit, Usd(20_00), Now)).Message);
        var discount = Record(Postings.AllowDiscount(invoice, debit, Usd(20_00), Now, earnedOn: Today.AddDays(10)));
        Assert.Equal((AllocationKind.Discount, Today.AddDays(13)), (discount.Kind, discount.AppliedOn));
        Assert.Equal(980_00, invoice.OpenMinor);
        Assert.Contains("after the payment arrived", Assert.Throws<DomainRefusal>(() => Postings.AllowDiscount(invoice, debit, Usd(20_00), Now, earnedOn: Today.AddDays(14))).Message);
    }

    [Fact]
    public void A_discount_cannot_be_earned_with_another_customers_payment()
    {
        var invoice = PostedInvoice(_customer, 1000_00, journals: _journals);
        var other = new Customer("C-9", "Other", Currency.USD, new PaymentTerms(30, 2, 10), []);
        var payment = new Payment(other, Usd(980_00), PaymentMethod.Wire, Today, "W");
        Postings.ReceivePayment(payment, Now);
        Assert.Throws<DomainRefusal>(() => Postings.AllowDiscount(invoice, payment, Usd(20_00), Now));
        Assert.Equal(1000_00, invoice.OpenMinor);
    }

    [Fact]
    public void Reversing_a_test_money_discount_stays_test_money_and_reopens_the_invoice()
    {
        var invoice = PostedInvoice(_customer, 1000_00, journals: _journals);
        var payment = Receive(980_00, isTest: true);
        var discount = Record(Postings.AllowDiscount(invoice, payment, Usd(20_00), Now));
        var reversal = Postings.ReverseAllocation(discount, "Paid too late after all", Today, Now);
        _journals.Add(reversal);
        Assert.True(reversal.IsTest);
        Assert.Equal(1000_00, invoice.OpenMinor);
        Assert.Equal(1000_00, ReceivableOf(invoice));
        Assert.Equal(0, Entries.Where(e => e.Account == LedgerAccount.DiscountsAllowed).Sum(e => e.AmountMinor));
    }

    [Fact]
    public void Refunding_applied_cash_is_refused()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        var payment = Receive(100_00);
        Record(Postings.Allocate(payment, invoice, Usd(100_00), Today, Now));
        Assert.Throws<DomainRefusal>(() => Postings.Refund(payment, Usd(1), "No", Today, Now));
    }

    [Fact]
    public void Reversing_twice_is_refused()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        var allocation = Record(Postings.Allocate(Receive(100_00), invoice, Usd(100_00), Today, Now));
        Postings.ReverseAllocation(allocation, "Wrong invoice", Today, Now);
        Assert.Throws<DomainRefusal>(() => Postings.ReverseAllocation(allocation, "Again", Today, Now));
        Assert.Equal(100_00, invoice.OpenMinor);
    }

    [Fact]
    public void Test_money_is_marked_on_its_journals()
    {
        var payment = new Payment(_customer, Usd(1_00), PaymentMethod.Card, Today, "cs_test_1", isTest: true);
        Assert.True(Postings.ReceivePayment(payment, Now).IsTest);
    }

    [Fact]
    public void A_dispute_marks_the_invoice_and_cannot_exceed_what_is_open()
    {
        var invoice = PostedInvoice(_customer, 100_00, journals: _journals);
        Assert.Throws<DomainRefusal>(() => Dispute.Open(invoice, DisputeReason.Pricing, Usd(100_01), "Too much", Now));
        var dispute = Dispute.Open(invoice, DisputeReason.Pricing, Usd(40_00), "Wrong unit price", Now);
        Assert.Equal((InvoiceStatus.Disputed, 40_00L), (invoice.Status, invoice.DisputedMinor));
        dispute.Reject("The price is the contract price.", Now);
        Assert.Equal((InvoiceStatus.Open, 0L), (invoice.Status, invoice.DisputedMinor));
    }
}
