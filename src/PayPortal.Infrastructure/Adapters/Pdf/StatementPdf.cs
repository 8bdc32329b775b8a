using PayPortal.Domain.Ledger;

namespace PayPortal.Infrastructure.Adapters.Pdf;

/// <summary>Renders a customer statement: opening balance, movements with running balance, closing balance, aging.</summary>
public static class StatementPdf
{
    public static byte[] Render(CompanyOptions company, string customerName, string customerNumber, Statement statement)
    {
        using var pdf = new PdfPageWriter($"Statement {customerNumber} {statement.From:yyyy-MM-dd} to {statement.To:yyyy-MM-dd}", $"{company.Name} · Statement for {customerName}");
        pdf.CompanyHeader(company, "STATEMENT");
        pdf.Paragraph($"{customerName} (account {customerNumber})", pdf.Bold, pdf.Left, pdf.Width);
        pdf.Paragraph($"Period {statement.From:yyyy-MM-dd} to {statement.To:yyyy-MM-dd}", pdf.Regular, pdf.Left, pdf.Width);
        pdf.Gap(10);
        var w = pdf.Width;
        var x = pdf.Left;
        PdfColumn[] columns = [new(x, w * 0.13), new(x + w * 0.13, w * 0.35), new(x + w * 0.48, w * 0.17, Align.Right), new(x + w * 0.65, w * 0.17, Align.Right), new(x + w * 0.82, w * 0.18, Align.Right)];
        pdf.Row(columns, ["Date", "Description", "Charges", "Credits", "Balance"], pdf.Bold, ruleBelow: true);
        pdf.Row(columns, [statement.From.ToString("yyyy-MM-dd"), "Opening balance", "", "", statement.Opening.ToString()], pdf.Regular);
        foreach (var line in statement.Lines)
        {
            pdf.Row(columns, [line.On.ToString("yyyy-MM-dd"), line.Text, line.Charges.IsZero ? "" : line.Charges.ToString(), line.Credits.IsZero ? "" : line.Credits.ToString(), line.Balance.ToString()], pdf.Regular);
        }
        pdf.Rule();
        pdf.Row(columns, [statement.To.ToString("yyyy-MM-dd"), "Closing balance", "", "", statement.Closing.ToString()], pdf.Bold);
        pdf.Gap(14);
        pdf.Paragraph($"Open invoices by age on {statement.To:yyyy-MM-dd}", pdf.Bold, pdf.Left, pdf.Width);
        var labels = statement.Aging.Buckets.Labels;
        var width = w / (labels.Count + 1);
        var agingColumns = Enumerable.Range(0, labels.Count + 1).Select(i => new PdfColumn(x + i * width, width, Align.Right)).ToList();
        pdf.Row(agingColumns, [.. labels, "Total"], pdf.Bold, ruleBelow: true);
        pdf.Row(agingColumns, [.. Enumerable.Range(0, labels.Count).Select(i => statement.Aging[i].ToString()), statement.Aging.Total.ToString()], pdf.Regular);
        return pdf.ToBytes();
    }
}
