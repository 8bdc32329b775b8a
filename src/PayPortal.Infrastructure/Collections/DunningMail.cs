using System.Net;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Collections;

/// <summary>Fills a step's templates for one recipient: the text part, the HTML part (the invoices as a table, the pay link as a link) and, for a letter, the PDF.</summary>
public sealed class DunningMail(IOptions<CompanyOptions> company, IPortalUrls links)
{
    public string PayLink(DunningMessage message) =>
        links.Pay(message.Invoices.Select(i => i.InvoiceId));

    public string Subject(DunningStep step, DunningMessage message, string contactName) => Render(step.Subject, message, contactName);

    public OutboxMessage Compose(DunningStep step, DunningMessage message, string to, string contactName, DateTime at, DateOnly runOn)
    {
        var text = Render(step.Body, message, contactName);
        var outbox = new OutboxMessage
        {
            CustomerId = message.CustomerId, Kind = step.Action == DunningAction.Letter ? "dunning-letter" : "dunning", To = to, CreatedAt = at,
            Subject = Subject(step, message, contactName),
            TextBody = step.Action == DunningAction.Letter ? $"Please find our letter attached.\n\n{text}\n" : text + "\n",
            HtmlBody = Html(step.Body, message, contactName),
        };
        if (step.Action == DunningAction.Letter) outbox.Attachments.Add(new OutboxAttachment { FileName = $"letter-{message.CustomerNumber}-{runOn:yyyy-MM-dd}.pdf", Content = Letter(step, message, contactName, runOn) });
        return outbox;
    }

    public byte[] Letter(DunningStep step, DunningMessage message, string contactName, DateOnly runOn)
    {
        var parts = step.Body.Split("{{invoices}}", 2);
        return DunningLetterPdf.Render(new DunningLetterModel(company.Value, message.CustomerName, message.CustomerNumber, runOn,
            Subject(step, message, contactName), Render(parts[0], message, contactName), parts.Length > 1 ? Render(parts[1], message, contactName) : "",
            message.Currency, message.Invoices.Select(i => new LetterInvoice(i.Number, i.DueDate, i.DaysPastDue, i.ChasedMinor)).ToList()));
    }

    private string Render(string template, DunningMessage message, string contactName) =>
        MergeTemplate.Render(template, field => field switch
        {
            "customer.name" => message.CustomerName,
            "customer.number" => message.CustomerNumber,
            "contact.name" => contactName,
            "invoices" => MergeTemplate.InvoiceLines(message.Invoices.Select(i => (i.Number, i.DueDate, i.DaysPastDue, new Money(i.ChasedMinor, message.Currency).ToString()))),
            "invoice_count" => message.Invoices.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "total" => message.Total.ToString(),
            "days_past_due" => message.DaysPastDue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "pay_link" => PayLink(message),
            "company.name" => company.Value.Name,
            _ => "",
        });

    // Paragraph by paragraph: the text is encoded, a paragraph that is just {{invoices}} becomes a table, the pay link a link.
    private string Html(string body, DunningMessage message, string contactName)
    {
        var link = PayLink(message);
        var html = new System.Text.StringBuilder();
        foreach (var paragraph in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (paragraph == "{{invoices}}")
            {
                html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\"><thead><tr><th align=\"left\">Invoice</th><th align=\"left\">Due</th><th align=\"right\">Days late</th><th align=\"right\">Amount due</th></tr></thead><tbody>");
                foreach (var i in message.Invoices)
                    html.Append($"<tr><td>{WebUtility.HtmlEncode(i.Number)}</td><td>{i.DueDate:yyyy-MM-dd}</td><td align=\"right\">{Math.Max(0, i.DaysPastDue)}</td><td align=\"right\">{WebUtility.HtmlEncode(new Money(i.ChasedMinor, message.Currency).ToString())}</td></tr>");
                html.Append($"</tbody><tfoot><tr><th align=\"left\" colspan=\"3\">Total</th><th align=\"right\">{WebUtility.HtmlEncode(message.Total.ToString())}</th></tr></tfoot></table>");
                continue;
            }
            var encoded = WebUtility.HtmlEncode(Render(paragraph, message, contactName)).Replace("\n", "<br>");
            var encodedLink = WebUtility.HtmlEncode(link);
            html.Append("<p>").Append(encoded.Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>")).Append("</p>");
        }
        return html.ToString();
    }
}
