using PayPortal.Domain;

namespace PayPortal.Infrastructure.Adapters.Pdf;

public sealed record LetterInvoice(string Number, DateOnly DueDate, int DaysPastDue, long ChasedMinor);

/// <summary>A dunning letter (e.g. the final demand): the merged text, with the invoices as a table where the template says {{invoices}}.</summary>
public sealed record DunningLetterModel(CompanyOptions Company, string CustomerName, string CustomerNumber, DateOnly Date,
    string Subject, string BodyBeforeInvoices, string BodyAfterInvoices, Currency Currency, IReadOnlyList<LetterInvoice> Invoices);

public static class DunningLetterPdf
{
    public static byte[] Render(DunningLetterModel model)
    {
        using var pdf = new PdfPageWriter(model.Subject, $"{model.Company.Name} · {model.CustomerName} · {model.Date:yyyy-MM-dd}");
        pdf.CompanyHeader(model.Company, model.Subject.ToUpperInvariant());
        pdf.Paragraph($"{model.CustomerName} (account {model.CustomerNumber})", pdf.Bold, pdf.Left, pdf.Width);
        pdf.Paragraph($"Date: {model.Date:yyyy-MM-dd}", pdf.Regular, pdf.Left, pdf.Width);
        pdf.Gap(12);
        Paragraphs(pdf, model.BodyBeforeInvoices);
        if (model.Invoices.Count > 0)
        {
            var w = pdf.Width;
            PdfColumn[] columns = [new(pdf.Left, w * 0.3), new(pdf.Left + w * 0.3, w * 0.25), new(pdf.Left + w * 0.55, w * 0.2, Align.Right), new(pdf.Left + w * 0.75, w * 0.25, Align.Right)];
            pdf.Row(columns, ["Invoice", "Due", "Days late", "Amount due"], pdf.Bold, ruleBelow: true);
            foreach (var i in model.Invoices)
                pdf.Row(columns, [i.Number, i.DueDate.ToString("yyyy-MM-dd"), i.DaysPastDue.ToString(), new Money(i.ChasedMinor, model.Currency).ToString()], pdf.Regular);
            pdf.Rule();
            pdf.Row(columns, ["Total", "", "", new Money(model.Invoices.Sum(i => i.ChasedMinor), model.Currency).ToString()], pdf.Bold);
            pdf.Gap(12);
        }
        Paragraphs(pdf, model.BodyAfterInvoices);
        return pdf.ToBytes();
    }

    private static void Paragraphs(PdfPageWriter pdf, string text)
    {
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var line in paragraph.Split('\n')) pdf.Paragraph(line, pdf.Regular, pdf.Left, pdf.Width);
            pdf.Gap(8);
        }
    }
}
