using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Invoicing;

public class DraftAndCreditTests
{
    private static Invoice Posted(params InvoiceLineDraft[] lines)
    {
        var invoice = new Invoice(Customer(), Today);
        invoice.ReplaceLines(lines);
        Postings.PostInvoice(invoice, "INV-000007", Now);
        return invoice;
    }

    [Fact]
    public void A_draft_takes_new_terms_and_lines_and_recomputes_its_total()
    {
        var invoice = new Invoice(Customer(PaymentTerms.Net(30)), Today);
        invoice.ReplaceLines([new("Old", 1, 10_00)]);
        invoice.ReviseDraft(new DateOnly(2026, 1, 31), new PaymentTerms(45, 2, 10), " PO-9 ", "", allowPartialPayment: false);
        invoice.ReplaceLines([new("Bolts", 4, 2_50, TaxRatePercent: 10), new("Nuts", 2, 1_00)]);

        Assert.Equal(new DateOnly(2026, 3, 17), invoice.DueDate);
        Assert.Equal(new DateOnly(2026, 2, 10), invoice.DiscountDeadline);
        Assert.Equal(new PaymentTerms(45, 2, 10), invoice.Terms);
        Assert.Equal("PO-9", invoice.PoNumber);
        Assert.Null(invoice.ProjectCode);
        Assert.False(invoice.AllowPartialPayment);
        Assert.Equal([1, 2], invoice.Lines.Select(l => l.LineNo));
        Assert.Equal(11_00 + 2_00, invoice.TotalMinor);
    }

    [Fact]
    public void A_posted_invoice_refuses_every_change_to_its_header_lines_and_number()
    {
        var invoice = Posted(new InvoiceLineDraft("Bolts", 1, 10_00));
        Assert.Contains("posted and cannot change", Assert.Throws<DomainRefusal>(() => invoice.ReplaceLines([new("X", 1, 1)])).Message);
        Assert.Throws<DomainRefusal>(() => invoice.ReviseDraft(Today, PaymentTerms.Net(10), null, null, true));
        Assert.Throws<DomainRefusal>(() => invoice.AddLine("More", 1, 1_00));
        Assert.Throws<DomainRefusal>(() => Postings.PostInvoice(invoice, "INV-000008", Now));
        Assert.Equal("INV-000007", invoice.Number);
    }

    [Fact]
    public void Only_a_posted_invoice_is_sent_and_the_first_send_is_remembered()
    {
        var draft = new Invoice(Customer(), Today);
        Assert.Throws<DomainRefusal>(() => draft.MarkSent(Now));
        var invoice = Posted(new InvoiceLineDraft("Bolts", 1, 10_00));
        invoice.MarkSent(Now);
        invoice.MarkSent(Now.AddDays(3));
        Assert.Equal(Now, invoice.SentAt);
    }

    [Fact]
    public void A_sequence_numbers_gaplessly_with_the_configured_prefix_and_width()
    {
        var sequence = new NumberSequence(NumberSequence.Invoices, 41);
        Assert.Equal("INV-000041", sequence.Take("INV-", 6));
        Assert.Equal("INV-000042", sequence.Take("INV-", 6));
        Assert.Equal("2026/43", sequence.Take("2026/", 2));
        Assert.Equal(44, sequence.NextValue);
        Assert.Throws<DomainRefusal>(() => new NumberSequence("x", 0));
    }

    [Fact]
    public void A_full_credit_memo_credits_the_total_to_the_cent()
    {
        var invoice = Posted(new("Consulting", 3, 33_33, 10, 7.25m), new("Stamps", 2.5m, 99));
        var memo = InvoiceCredit.Full(invoice, [], "CM-1", Today, "Cancelled order");
        Assert.Equal(invoice.TotalMinor, memo.AmountMinor);
        Assert.Equal(2, memo.Lines.Count);
        Assert.Same(invoice, memo.Invoice);
    }

    [Fact]
    public void Crediting_by_line_prorates_by_quantity_and_the_last_part_takes_exactly_what_is_left()
    {
        // 3 x 33.33 less 10 %, tax 7.25 %: line total 96.51. A third is 32.17; the remaining two thirds 64.34.
        var invoice = Posted(new("Consulting", 3, 33_33, 10, 7.25m), new("Stamps", 2.5m, 99));
        var first = InvoiceCredit.ForLines(invoice, [new LineCredit(1, 1)], [], "CM-1", Today, "Damaged");
        Assert.Equal(32_17, first.AmountMinor);
        var second = InvoiceCredit.ForLines(invoice, [new LineCredit(1, 2)], [first], "CM-2", Today, "Damaged");
        Assert.Equal(96_51 - 32_17, second.AmountMinor);

        var over = Assert.Throws<DomainRefusal>(() => InvoiceCredit.ForLines(invoice, [new LineCredit(1, 0.5m)], [first, second], "CM-3", Today, "Again"));
        Assert.Contains("Line 1: only 0 of 3 is left to credit", over.Message);
        var rest = InvoiceCredit.Full(invoice, [first, second], "CM-3", Today, "Rest");
        Assert.Equal(invoice.Lines[1].TotalMinor, rest.AmountMinor);
        Assert.Contains("already been credited", Assert.Throws<DomainRefusal>(() => InvoiceCredit.Full(invoice, [first, second, rest], "CM-4", Today, "None")).Message);
    }

    [Fact]
    public void Crediting_a_line_piece_by_piece_never_drifts_from_its_amount()
    {
        // 1,000 washers at 0.01 less 50 %: 5.00 in all, half a cent each. Three at a time is 1.5 cents:
        // rounding each piece alone would credit 2 cents a time, 6.66 in all.
        var invoice = Posted(new InvoiceLineDraft("Washers", 1000, 1, DiscountPercent: 50));
        var memos = new List<CreditMemo>();
        for (var i = 0; i < 333; i++) memos.Add(InvoiceCredit.ForLines(invoice, [new LineCredit(1, 3)], memos, $"CM-{i}", Today, "Returned"));
        Assert.Equal(5_00, invoice.TotalMinor);
        Assert.Equal(5_00, memos.Sum(m => m.AmountMinor)); // 999 washers: 4.995, rounded once, half away from zero
        Assert.Throws<DomainRefusal>(() => InvoiceCredit.Full(invoice, memos, "CM-last", Today, "Returned")); // nothing is left in money
    }

    [Fact]
    public void A_credit_given_as_one_amount_counts_against_a_later_full_or_line_credit()
    {
        var invoice = Posted(new InvoiceLineDraft("Bolts", 10, 100_00)); // 1,000.00
        var dispute = new CreditMemo(invoice.Customer!, "CM-D", Today, Usd(200_00), "Dispute accepted", invoice);
        var rest = InvoiceCredit.Full(invoice, [dispute], "CM-2", Today, "Order cancelled");
        Assert.Equal((800_00L, 0), (rest.AmountMinor, rest.Lines.Count));
        var tooMuch = Assert.Throws<DomainRefusal>(() => InvoiceCredit.ForLines(invoice, [new LineCredit(1, 9)], [dispute], "CM-3", Today, "Nine boxes"));
        Assert.Equal("Only USD 800.00 of invoice INV-000007 is left to credit; these lines come to USD 900.00.", tooMuch.Message);
    }

    [Fact]
    public void A_credit_names_real_lines_positive_quantities_and_a_reason_and_never_a_draft_or_void_invoice()
    {
        var invoice = Posted(new InvoiceLineDraft("Bolts", 2, 10_00));
        Assert.Contains("no line 3", Assert.Throws<DomainRefusal>(() => InvoiceCredit.ForLines(invoice, [new LineCredit(3, 1)], [], "CM-1", Today, "x")).Message);
        Assert.Contains("above zero", Assert.Throws<DomainRefusal>(() => InvoiceCredit.ForLines(invoice, [new LineCredit(1, 0)], [], "CM-1", Today, "x")).Message);
        Assert.Throws<DomainRefusal>(() => InvoiceCredit.ForLines(invoice, [new LineCredit(1, 1)], [], "CM-1", Today, " "));
        Assert.Throws<DomainRefusal>(() => InvoiceCredit.Full(new Invoice(Customer(), Today), [], "CM-1", Today, "x"));
        Postings.VoidInvoice(invoice, "Wrong customer", Today, Now);
        Assert.Contains("void", Assert.Throws<DomainRefusal>(() => InvoiceCredit.Full(invoice, [], "CM-1", Today, "x")).Message);
    }
}
