using PayPortal.Domain;
using PayPortal.Domain.Invoicing;

namespace PayPortal.Infrastructure.Adapters.Pdf;

/// <summary>What an invoice PDF shows: the invoice with its lines, who sends it and who owes it.</summary>
public sealed record InvoicePdfModel(CompanyOptions Company, string CustomerName, string CustomerNumber, IReadOnlyList<string> BillingEmails,
    Invoice Invoice, string? PortalLink, bool IsTestMoney = false);

/// <summary>Renders an invoice as PDF: header, parties, dates and PO, lines with tax, totals and what is still open.</summary>
public static class InvoicePdf
{
    public static byte[] Render(InvoicePdfModel model)
    {
        var invoice = model.Invoice;
        var currency = invoice.Currency;
        string M(long minor) => new Money(minor, currency).ToString();

        using var pdf = new PdfPageWriter($"Invoice {invoice.Number}", $"{model.Company.Name} · Invoice {invoice.Number}");
        pdf.CompanyHeader(model.Company, invoice.IsPosted ? $"INVOICE {invoice.Number}" : "DRAFT INVOICE");
        pdf.Gap(pdf.Heading.Height * 0.5);

        var half = pdf.Width / 2;
        var top = pdf.Y;
        pdf.Text("Bill to", pdf.Bold, pdf.Left, half);
        pdf.Y += pdf.Bold.Height * 1.3;
        pdf.Paragraph($"{model.CustomerName}\nAccount {model.CustomerNumber}\n{string.Join(", ", model.BillingEmails)}", pdf.Regular, pdf.Left, half - 10);
        var afterParty = pdf.Y;
        pdf.Y = top;
        var facts = new List<(string, string)>
        {
            ("Invoice date", invoice.IssueDate.ToString("yyyy-MM-dd")),
            ("Due date", invoice.DueDate.ToString("yyyy-MM-dd")),
        };
        if (invoice.PoNumber is not null) facts.Add(("PO number", invoice.PoNumber));
        if (invoice.ProjectCode is not null) facts.Add(("Project", invoice.ProjectCode));
        if (invoice.DiscountDeadline is { } deadline)
            facts.Add(("Early payment", $"{invoice.DiscountPercent:0.##}% off if paid by {deadline:yyyy-MM-dd}"));
        foreach (var (label, value) in facts)
        {
            pdf.Text(label, pdf.Bold, pdf.Left + half, half / 2);
            pdf.Text(value, pdf.Regular, pdf.Left + half * 1.4, half * 0.6);
            pdf.Y += pdf.Regular.Height * 1.3;
        }
        pdf.Y = Math.Max(pdf.Y, afterParty) + 16;

        var w = pdf.Width;
        var x = pdf.Left;
        PdfColumn[] columns =
        [
            new(x, w * 0.42), new(x + w * 0.42, w * 0.09, Align.Right), new(x + w * 0.51, w * 0.15, Align.Right),
            new(x + w * 0.66, w * 0.08, Align.Right), new(x + w * 0.74, w * 0.11, Align.Right), new(x + w * 0.85, w * 0.15, Align.Right),
        ];
        pdf.Row(columns, ["Description", "Qty", "Unit price", "Disc.", "Tax", "Amount"], pdf.Bold, ruleBelow: true);
        foreach (var line in invoice.Lines.OrderBy(l => l.LineNo))
        {
            pdf.Row(columns,
            [
                line.Description, line.Quantity.ToString("0.####"), M(line.UnitPriceMinor),
                line.DiscountPercent > 0 ? $"{line.DiscountPercent:0.##}%" : "",
                line.TaxRatePercent > 0 ? $"{M(line.TaxMinor)}\n({line.TaxRatePercent:0.###}%)" : "", M(line.TotalMinor),
            ], pdf.Regular);
        }
        pdf.Rule();

        var subtotal = invoice.Lines.Sum(l => l.NetMinor);
        var tax = invoice.Lines.Sum(l => l.TaxMinor);
        PdfColumn[] totals = [new(x + w * 0.5, w * 0.35, Align.Right), new(x + w * 0.85, w * 0.15, Align.Right)];
        pdf.Row(totals, ["Subtotal", M(subtotal)], pdf.Regular);
        pdf.Row(totals, ["Tax", M(tax)], pdf.Regular);
        pdf.Row(totals, ["Total", M(invoice.TotalMinor)], pdf.Bold);
        if (invoice.OpenMinor != invoice.TotalMinor && invoice.IsPosted)
        {
            pdf.Row(totals, ["Paid and credited", M(invoice.TotalMinor - invoice.OpenMinor)], pdf.Regular);
            pdf.Row(totals, ["Amount due", M(invoice.OpenMinor)], pdf.Bold);
        }
        pdf.Gap(20);
        if (model.PortalLink is not null) pdf.Paragraph($"View and pay online: {model.PortalLink}", pdf.Regular, pdf.Left, pdf.Width);
        if (model.IsTestMoney) pdf.Paragraph("TEST MODE: amounts paid through the test sandbox are not real money.", pdf.Bold, pdf.Left, pdf.Width);
        return pdf.ToBytes();
    }
}
