using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Tests.Pdf;

public class StatementPdfTests
{
    [Fact]
    public void A_statement_pdf_shows_opening_movements_running_balance_closing_and_aging()
    {
        var statement = Statement.Build(Currency.USD, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), 500_00,
            [new(new DateOnly(2026, 3, 5), 1, JournalKind.InvoicePosted, "Invoice INV-1 posted", 1000_00), new(new DateOnly(2026, 3, 20), 2, JournalKind.PaymentReceived, "Payment received (CHK 77)", -300_00)],
            [new(new DateOnly(2026, 4, 4), 1000_00), new(new DateOnly(2026, 1, 31), 200_00)]);
        var text = PdfText.Extract(StatementPdf.Render(new CompanyOptions { Name = "Northwind Supply Co." }, "Acme Fabrication", "C1001", statement));
        Assert.Contains("STATEMENT", text);
        Assert.Contains("Acme Fabrication (account C1001)", text);
        Assert.Contains("Period 2026-03-01 to 2026-03-31", text);
        Assert.Matches(@"Opening balance\s+USD 500\.00", text);
        Assert.Matches(@"Invoice INV-1 posted\s+USD 1,000\.00\s+USD 1,500\.00", text);
        Assert.Matches(@"Payment received \(CHK 77\)\s+USD 300\.00\s+USD 1,200\.00", text);
        Assert.Matches(@"Closing balance\s+USD 1,200\.00", text);
        Assert.Contains("Open invoices by age on 2026-03-31", text);
    }
}
