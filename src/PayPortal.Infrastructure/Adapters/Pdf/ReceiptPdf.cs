using PayPortal.Domain;

namespace PayPortal.Infrastructure.Adapters.Pdf;

public sealed record ReceiptLine(string InvoiceNumber, long AppliedMinor, long DiscountMinor);

/// <summary>What a payment receipt shows.</summary>
public sealed record ReceiptPdfModel(CompanyOptions Company, string CustomerName, string CustomerNumber, string ReceiptNumber, DateOnly ReceivedOn,
    string Method, string? Reference, Money Amount, IReadOnlyList<ReceiptLine> Lines, Money Unapplied, bool IsTestMoney);

/// <summary>Renders a payment receipt: who paid what, when and how, and where the money went.</summary>
public static class ReceiptPdf
{
    public static byte[] Render(ReceiptPdfModel model)
    {
        string M(long minor) => new Money(minor, model.Amount.Currency).ToString();
        using var pdf = new PdfPageWriter($"Receipt {model.ReceiptNumber}", $"{model.Company.Name} · Receipt {model.ReceiptNumber}");
        pdf.CompanyHeader(model.Company, $"RECEIPT {model.ReceiptNumber}");
        if (model.IsTestMoney) pdf.Paragraph("TEST MODE: this payment was made through the test sandbox and is not real money.", pdf.Bold, pdf.Left, pdf.Width);
        pdf.Paragraph($"Received from {model.CustomerName} (account {model.CustomerNumber})", pdf.Regular, pdf.Left, pdf.Width);
        pdf.Paragraph($"Date received: {model.ReceivedOn:yyyy-MM-dd}", pdf.Regular, pdf.Left, pdf.Width);
        pdf.Paragraph($"Method: {model.Method}{(model.Reference is null ? "" : $", reference {model.Reference}")}", pdf.Regular, pdf.Left, pdf.Width);
        pdf.Paragraph($"Amount received: {model.Amount}", pdf.Bold, pdf.Left, pdf.Width);
        pdf.Gap(12);
        var w = pdf.Width;
        PdfColumn[] columns = [new(pdf.Left, w * 0.5), new(pdf.Left + w * 0.5, w * 0.25, Align.Right), new(pdf.Left + w * 0.75, w * 0.25, Align.Right)];
        pdf.Row(columns, ["Applied to invoice", "Amount", "Early-payment discount"], pdf.Bold, ruleBelow: true);
        foreach (var line in model.Lines) pdf.Row(columns, [line.InvoiceNumber, M(line.AppliedMinor), line.DiscountMinor > 0 ? M(line.DiscountMinor) : ""], pdf.Regular);
        pdf.Rule();
        if (model.Unapplied.IsPositive) pdf.Row(columns, ["Kept on your account as credit", M(model.Unapplied.Minor), ""], pdf.Regular);
        pdf.Gap(16);
        pdf.Paragraph("Thank you for your payment.", pdf.Regular, pdf.Left, pdf.Width);
        return pdf.ToBytes();
    }
}
