using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Disputes;

public class DisputeTests
{
    private static readonly byte[] Pdf = "%PDF-1.7 damaged goods photo report"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];

    private static Invoice TwoLineInvoice()
    {
        var invoice = new Invoice(Customer(), Today);
        invoice.AddLine("Bolts", 10, 10_00);
        invoice.AddLine("Delivery", 1, 25_00);
        Postings.PostInvoice(invoice, "INV-9", Now);
        return invoice;
    }

    [Fact]
    public void A_dispute_on_a_line_marks_its_amount_disputed_and_never_more_than_is_open_and_undisputed()
    {
        var invoice = TwoLineInvoice();
        var dispute = Dispute.Open(invoice, DisputeReason.DamagedGoods, Usd(30_00), "Three boxes arrived crushed", Now, "u1", "Pat", [1],
            [DisputeAttachment.Create("photos.pdf", Pdf)]);
        Assert.Equal((InvoiceStatus.Disputed, 30_00L), (invoice.Status, invoice.DisputedMinor));
        Assert.Equal("Bolts", Assert.Single(dispute.Lines).Description);
        Assert.Equal("application/pdf", Assert.Single(Assert.Single(dispute.Messages).Attachments).ContentType);

        var tooMuch = Assert.Throws<DomainRefusal>(() => Dispute.Open(invoice, DisputeReason.Pricing, Usd(95_01), "More", Now));
        Assert.Equal("The disputed amount cannot be more than the USD 95.00 still open and not already disputed on invoice INV-9.", tooMuch.Message);
        Assert.Throws<DomainRefusal>(() => Dispute.Open(invoice, DisputeReason.Pricing, Usd(1_00), "x", Now, lineNumbers: [3]));
        Assert.Throws<DomainRefusal>(() => Dispute.Open(invoice, DisputeReason.Pricing, Usd(1_00), "  ", Now));
        Assert.Equal(30_00L, invoice.DisputedMinor);
    }

    [Theory]
    [InlineData("scan.pdf", "application/pdf")]
    [InlineData("photo.png", "image/png")]
    [InlineData("photo.jpg", "image/jpeg")]
    public void Attachments_are_recognised_by_their_bytes(string name, string type)
    {
        var bytes = type switch { "application/pdf" => Pdf, "image/png" => Png, _ => Jpeg };
        Assert.Equal(type, DisputeAttachment.Create(name, bytes).ContentType);
    }

    [Fact]
    public void A_file_named_pdf_that_is_not_one_an_empty_or_an_oversized_file_is_refused_and_paths_are_dropped()
    {
        Assert.Equal("invoice.pdf is not a PDF, PNG or JPEG file.", Assert.Throws<DomainRefusal>(() => DisputeAttachment.Create("invoice.pdf", "MZ\x90\x00 executable"u8.ToArray())).Message.Split(" (Parameter")[0]);
        Assert.Throws<DomainRefusal>(() => DisputeAttachment.Create("a.pdf", []));
        var big = new byte[DisputeAttachment.MaxBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Contains("at most 5 MB", Assert.Throws<DomainRefusal>(() => DisputeAttachment.Create("big.pdf", big)).Message);
        Assert.Equal("evil.pdf", DisputeAttachment.Create(@"..\..\windows\evil.pdf", Pdf).FileName);
    }

    [Fact]
    public void Asking_for_information_waits_on_the_customer_until_they_reply_and_internal_notes_stay_internal()
    {
        var dispute = Dispute.Open(TwoLineInvoice(), DisputeReason.Quantity, Usd(20_00), "We got 8, not 10", Now);
        dispute.AddInternalNote("Alex", "Check the delivery note", Now);
        dispute.Reply("Alex", "Could you send the signed delivery note?", Now, requestsInformation: true);
        Assert.Equal(DisputeStatus.WaitingOnCustomer, dispute.Status);
        dispute.AddCustomerMessage("Pat", "Attached.", Now, [DisputeAttachment.Create("note.png", Png)]);
        Assert.Equal(DisputeStatus.Open, dispute.Status);
        Assert.Equal([false, true, false, false], dispute.Messages.Select(m => m.IsInternal));
    }

    [Fact]
    public void Accepting_in_part_credits_at_most_the_disputed_amount_and_closes_it()
    {
        var invoice = TwoLineInvoice();
        var dispute = Dispute.Open(invoice, DisputeReason.Pricing, Usd(40_00), "Wrong price", Now);
        var memo = new CreditMemo(invoice.Customer!, "CM-1", Today, Usd(20_00), "Dispute", invoice);
        Assert.Throws<DomainRefusal>(() => dispute.Accept(Usd(40_01), memo, null, Now));
        dispute.Accept(Usd(20_00), memo, "Half, as agreed", Now);
        Assert.Equal((DisputeStatus.PartiallyAccepted, 20_00L, 0L), (dispute.Status, dispute.CreditedMinor, invoice.DisputedMinor));
        Assert.Equal("Accepted in part: USD 20.00 of USD 40.00 credited. Half, as agreed", dispute.Resolution);
        Assert.Throws<DomainRefusal>(() => dispute.AddCustomerMessage("Pat", "Thanks", Now));
        Assert.Throws<DomainRefusal>(() => dispute.Reject("No", Now));
        Assert.Equal(TimeSpan.Zero, dispute.Age(Now.AddDays(9)));
    }

    [Fact]
    public void Withdrawing_or_rejecting_returns_the_amount_to_collections()
    {
        var invoice = TwoLineInvoice();
        Dispute.Open(invoice, DisputeReason.Tax, Usd(5_00), "Exempt", Now).Withdraw(Now);
        Assert.Equal((InvoiceStatus.Open, 0L), (invoice.Status, invoice.DisputedMinor));
        var second = Dispute.Open(invoice, DisputeReason.Tax, Usd(5_00), "Exempt", Now);
        Assert.Throws<DomainRefusal>(() => second.Reject("", Now));
        second.Reject("The certificate expired in 2025.", Now.AddDays(3));
        Assert.Equal((DisputeStatus.Rejected, TimeSpan.FromDays(3)), (second.Status, second.Age(Now.AddDays(30))));
    }

    [Fact]
    public void A_chargeback_is_tracked_with_its_evidence_deadline_and_decided_by_the_bank_only()
    {
        var invoice = TwoLineInvoice();
        var chargeback = Dispute.Chargeback(invoice, Usd(50_00), "dp_1", "fraudulent", Now.AddDays(7), Now);
        Assert.Equal((DisputeKind.Chargeback, DisputeReason.Chargeback, 0L), (chargeback.Kind, chargeback.Reason, invoice.DisputedMinor));
        Assert.Throws<DomainRefusal>(() => chargeback.Withdraw(Now));
        Assert.Throws<DomainRefusal>(() => chargeback.AddCustomerMessage("Pat", "Hi", Now));
        Assert.Throws<DomainRefusal>(() => chargeback.Reject("No", Now));
        Assert.Throws<DomainRefusal>(() => chargeback.Reply("Alex", "Hello", Now));
        chargeback.DecideChargeback(won: true, Now);
        Assert.Equal(DisputeStatus.Won, chargeback.Status);
    }

    [Fact]
    public void An_invoice_under_dispute_is_not_voided()
    {
        var invoice = TwoLineInvoice();
        Dispute.Open(invoice, DisputeReason.DuplicateBilling, Usd(10_00), "Billed twice", Now);
        Assert.Contains("open dispute", Assert.Throws<DomainRefusal>(() => Postings.VoidInvoice(invoice, "Duplicate", Today, Now)).Message);
    }
}
