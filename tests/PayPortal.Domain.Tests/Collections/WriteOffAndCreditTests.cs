using PayPortal.Domain.Collections;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;

namespace PayPortal.Domain.Tests.Collections;

public class WriteOffAndCreditTests
{
    private static (Customer Customer, Invoice Invoice) Posted(long minor = 500_00)
    {
        var customer = new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]);
        var invoice = new Invoice(customer, new DateOnly(2026, 1, 1));
        invoice.AddLine("Goods", 1, minor);
        Postings.PostInvoice(invoice, "INV-1", DateTime.UtcNow);
        return (customer, invoice);
    }

    [Fact]
    public void A_write_off_is_posted_to_bad_debt_only_when_someone_else_approves_it()
    {
        var (_, invoice) = Posted();
        var request = WriteOffRequest.Propose(invoice, new Money(500_00, Currency.USD), "Customer insolvent", "sam", DateTime.UtcNow);
        Assert.Equal(500_00, invoice.OpenMinor); // nothing moves on a proposal

        Assert.Throws<DomainRefusal>(() => request.Approve("SAM", new DateOnly(2026, 6, 1), DateTime.UtcNow));
        var (writeOff, journal) = request.Approve("morgan", new DateOnly(2026, 6, 1), DateTime.UtcNow);

        Assert.Equal(WriteOffRequestStatus.Approved, request.Status);
        Assert.Equal(InvoiceStatus.WrittenOff, invoice.Status);
        Assert.Equal(500_00, writeOff.AmountMinor);
        Assert.Equal(500_00, journal.Entries.Single(e => e.Account == LedgerAccount.BadDebt).AmountMinor);
        Assert.Throws<DomainRefusal>(() => request.Decline("morgan", "late", DateTime.UtcNow));
    }

    [Fact]
    public void A_proposal_cannot_reach_disputed_money_and_a_decline_needs_a_reason()
    {
        var (_, invoice) = Posted();
        Domain.Disputes.Dispute.Open(invoice, Domain.Disputes.DisputeReason.Pricing, new Money(200_00, Currency.USD), "wrong", DateTime.UtcNow);
        var error = Assert.Throws<DomainRefusal>(() => WriteOffRequest.Propose(invoice, new Money(400_00, Currency.USD), "gone", "sam", DateTime.UtcNow));
        Assert.StartsWith("At most USD 300.00 can be written off; USD 200.00 is disputed", error.Message);
        var request = WriteOffRequest.Propose(invoice, new Money(300_00, Currency.USD), "gone", "sam", DateTime.UtcNow);
        Assert.Throws<DomainRefusal>(() => request.Decline("morgan", "", DateTime.UtcNow));
        Assert.Throws<DomainRefusal>(() => WriteOffRequest.Propose(invoice, new Money(10_00, Currency.USD), " ", "sam", DateTime.UtcNow));
    }

    [Fact]
    public void Money_recovered_after_a_write_off_comes_back_out_of_bad_debt_and_settles_the_invoice()
    {
        var (customer, invoice) = Posted();
        var (writeOff, _) = Postings.WriteOff(invoice, new Money(500_00, Currency.USD), "insolvent", new DateOnly(2026, 6, 1), DateTime.UtcNow);
        var payment = new Payment(customer, new Money(200_00, Currency.USD), PaymentMethod.Wire, new DateOnly(2026, 9, 1), "LATE");
        Postings.ReceivePayment(payment, DateTime.UtcNow);

        var (allocation, reinstated, applied) = Postings.RecoverWriteOff(writeOff, payment, new Money(200_00, Currency.USD), new DateOnly(2026, 9, 1), DateTime.UtcNow);

        Assert.Equal(-200_00, reinstated.Entries.Single(e => e.Account == LedgerAccount.BadDebt).AmountMinor);
        Assert.Equal(200_00, reinstated.Entries.Single(e => e.Account == LedgerAccount.Receivable).AmountMinor);
        Assert.Equal(-200_00, applied.Entries.Single(e => e.Account == LedgerAccount.Receivable).AmountMinor);
        Assert.Equal((0L, InvoiceStatus.WrittenOff), (invoice.OpenMinor, invoice.Status)); // 300 is still written off
        Assert.Equal((200_00L, 300_00L), (writeOff.RecoveredMinor, writeOff.RecoverableMinor));
        Assert.Equal(200_00, allocation.AmountMinor);
        Assert.Throws<DomainRefusal>(() => Postings.RecoverWriteOff(writeOff, payment, new Money(1_00, Currency.USD), new DateOnly(2026, 9, 1), DateTime.UtcNow)); // payment used up
        // Undoing the recovery's application alone would leave written-off money owed again.
        Assert.Throws<DomainRefusal>(() => Postings.ReverseAllocation(allocation, "wrong", new DateOnly(2026, 9, 2), DateTime.UtcNow));
    }

    [Theory]
    [InlineData(12_000_00, 10_000_00, 0, false, CreditSuggestion.PlaceOverLimit)]
    [InlineData(5_000_00, 10_000_00, 61, false, CreditSuggestion.PlacePastDue)]
    [InlineData(5_000_00, 10_000_00, 60, false, CreditSuggestion.None)]
    [InlineData(5_000_00, -1, 10, true, CreditSuggestion.Release)]
    [InlineData(12_000_00, 10_000_00, 0, true, CreditSuggestion.None)]
    public void The_credit_check_suggests_holds_and_releases(long balance, long limit, int days, bool onHold, CreditSuggestion expected) =>
        Assert.Equal(expected, CreditReview.Suggest(balance, limit < 0 ? null : limit, days, onHold, daysPastDueThreshold: 60)); // -1: no limit

    [Fact]
    public void A_hold_request_places_the_hold_when_approved()
    {
        var (customer, _) = Posted();
        Assert.Equal(120.0m, CreditReview.Utilisation(12_000_00, 10_000_00));
        var request = CreditHoldRequest.Request(customer, place: true, "Over limit", "sam", DateTime.UtcNow);
        Assert.False(customer.CreditHold);
        request.Approve("morgan", DateTime.UtcNow);
        Assert.True(customer.CreditHold);
        Assert.Throws<DomainRefusal>(() => CreditHoldRequest.Request(customer, place: true, "again", "sam", DateTime.UtcNow));
    }
}
