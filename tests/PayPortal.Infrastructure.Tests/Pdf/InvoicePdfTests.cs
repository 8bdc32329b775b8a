using System.Text;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Tests.Pdf;

public class InvoicePdfTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Invoice PostedInvoice(int extraLines = 0)
    {
        var customer = new Customer("C-1001", "Ærøskøbing Trading ApS", Currency.Parse("EUR"), new PaymentTerms(30, 2, 10), ["ap@aero.example"]);
        var invoice = new Invoice(customer, new DateOnly(2026, 3, 1), poNumber: "PO-4711", projectCode: "PRJ-9");
        invoice.AddLine("Steel brackets, galvanized (box of 50)", 3, 42_50, 10, 25);
        invoice.AddLine("Installation labour, including travel time to the site and back, measured in quarter hours", 2.5m, 95_00);
        for (var i = 0; i < extraLines; i++) invoice.AddLine($"Spare part #{i + 1}", 1, 1_00);
        Postings.PostInvoice(invoice, "INV-2026-0042", Now);
        return invoice;
    }

    private static InvoicePdfModel Model(Invoice invoice) =>
        new(new CompanyOptions { Name = "Northwind Supply Co.", Address = "1 Harbour Street, Portland" }, "Ærøskøbing Trading ApS", "C-1001", ["ap@aero.example"], invoice, "https://pay.example/Portal/Invoices/Details/1");

    [Fact]
    public void An_invoice_pdf_carries_its_parties_dates_lines_and_totals_as_text()
    {
        var invoice = PostedInvoice();
        var text = PdfText.Extract(InvoicePdf.Render(Model(invoice)));

        Assert.Contains("INVOICE INV-2026-0042", text);
        Assert.Contains("Northwind Supply Co.", text);
        Assert.Contains("Ærøskøbing Trading ApS", text); // non-ASCII survives: the embedded font has the glyphs
        Assert.Contains("PO-4711", text);
        Assert.Contains("2026-03-31", text);
        Assert.Contains("2% off if paid by 2026-03-11", text);
        Assert.Contains("Steel brackets, galvanized (box of 50)", text);
        Assert.Contains("the site and back, measured in quarter", text); // wrapped within its column, not cut off
        // 3 x 42.50 less 10 % = 114.75, tax 25 % = 28.69 (rounded half away from zero), line 143.44; labour 237.50.
        Assert.Contains("EUR 143.44", text);
        Assert.Contains("EUR 28.69", text);
        Assert.Contains(new Money(invoice.TotalMinor, invoice.Currency).ToString(), text);
        Assert.Equal("EUR 380.94", new Money(invoice.TotalMinor, invoice.Currency).ToString());
        Assert.Contains("View and pay online: https://pay.example/Portal/Invoices/Details/1", text);
    }

    [Fact]
    public void The_fonts_are_embedded_so_the_pdf_renders_without_installed_fonts()
    {
        var pdf = Encoding.Latin1.GetString(InvoicePdf.Render(Model(PostedInvoice())));
        Assert.StartsWith("%PDF-", pdf);
        Assert.Contains("/FontFile2", pdf);
        Assert.Contains("+DejaVu", pdf); // a subset of the embedded DejaVu face
    }

    [Fact]
    public void A_long_invoice_continues_on_further_pages_with_a_running_header()
    {
        var text = PdfText.Extract(InvoicePdf.Render(Model(PostedInvoice(extraLines: 80))));
        Assert.Contains("Invoice INV-2026-0042 (continued, page 2)", text);
        Assert.Contains("Spare part #80", text);
        Assert.Contains("\f", text); // pdftotext separates pages with form feeds
    }
}
