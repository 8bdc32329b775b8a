using PayPortal.Domain;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Tests.Pdf;

public class ReceiptPdfTests
{
    [Fact]
    public void A_receipt_names_the_payer_the_money_and_where_it_went_and_marks_test_money()
    {
        var usd = Currency.USD;
        var text = PdfText.Extract(ReceiptPdf.Render(new ReceiptPdfModel(new CompanyOptions { Name = "Northwind Supply Co." }, "Acme Fabrication", "C1001",
            "R-000042", new DateOnly(2026, 11, 23), "Card", "pi_test_123", new Money(1234_56, usd),
            [new ReceiptLine("INV-100001", 1000_00, 20_00), new ReceiptLine("INV-100002", 200_00, 0)], new Money(34_56, usd), IsTestMoney: true)));
        Assert.Contains("RECEIPT R-000042", text);
        Assert.Contains("Received from Acme Fabrication (account C1001)", text);
        Assert.Contains("Method: Card, reference pi_test_123", text);
        Assert.Contains("Amount received: USD 1,234.56", text);
        Assert.Contains("INV-100001", text);
        Assert.Contains("USD 20.00", text);
        Assert.Contains("Kept on your account as credit", text);
        Assert.Contains("TEST MODE", text);
    }
}
