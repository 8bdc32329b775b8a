using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;

namespace PayPortal.Infrastructure.Invoicing;

/// <summary>
/// Emails posted invoices to the account's billing contacts: the billing addresses on the account and
/// every portal contact who wants invoices, less any contact who said no. Each message carries the
/// invoice PDF and a link that opens it in the portal; it goes through the outbox, so it is sent (and
/// entered in the communication log) after the save that queued it.
/// </summary>
public sealed class InvoiceMail(PayPortalDbContext db, Recipients addresses, InvoiceDocuments documents, IPortalUrls links, IOptions<CompanyOptions> company, OutboxSignal outbox, TimeProvider clock)
{
    public async Task<StepResult> SendAsync(long invoiceId, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.Customer).SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return new(false, "No such invoice.");
        if (!invoice.IsPosted) return new(false, "A draft is not sent; post it first.");
        if (invoice.Status == InvoiceStatus.Void) return new(false, $"Invoice {invoice.Number} is void and is not sent.");
        var resend = invoice.SentAt is not null;
        var recipients = await QueueAsync(invoice, ct);
        if (recipients.Count == 0) return new(false, $"{invoice.Customer!.Name} has no billing email address and no contact who takes invoices by email.");
        using (db.Audit.Begin(resend ? "invoice.resend" : "invoice.send")) await db.SaveChangesAsync(ct);
        outbox.Notify();
        return new(true, $"Invoice {invoice.Number} {(resend ? "sent again" : "sent")} to {string.Join(", ", recipients)}.", invoice.Id);
    }

    /// <summary>At most this many invoices per bulk send: each renders a PDF, and a click should answer in seconds.</summary>
    public const int BulkBatch = 200;

    /// <summary>Sends posted invoices that have never been sent and still owe something, oldest first, up to <see cref="BulkBatch"/> at a time.</summary>
    public async Task<StepResult> SendAllUnsentAsync(CancellationToken ct = default)
    {
        var unsentQuery = db.Invoices.Where(i => i.SentAt == null && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.OpenMinor > 0);
        var waiting = await unsentQuery.CountAsync(ct);
        var unsent = await unsentQuery.Include(i => i.Lines).Include(i => i.Customer).OrderBy(i => i.Id).Take(BulkBatch).ToListAsync(ct);
        var sent = 0;
        var messages = 0;
        var without = new List<string>();
        foreach (var invoice in unsent)
        {
            var recipients = await QueueAsync(invoice, ct);
            if (recipients.Count == 0) without.Add(invoice.Number!);
            else (sent, messages) = (sent + 1, messages + recipients.Count);
        }
        using (db.Audit.Begin("invoice.send.bulk")) await db.SaveChangesAsync(ct);
        outbox.Notify();
        var message = sent == 0 && without.Count == 0 ? "Every posted invoice has already been sent." : $"{sent} invoice(s) sent in {messages} email(s).";
        if (without.Count > 0) message += $" Not sent, no billing address: {string.Join(", ", without)}.";
        if (waiting > unsent.Count) message += $" {waiting - unsent.Count} more are waiting: send again for the next {BulkBatch}.";
        return new(true, message);
    }

    private async Task<IReadOnlyList<string>> QueueAsync(Invoice invoice, CancellationToken ct)
    {
        var customer = invoice.Customer!;
        var recipients = await addresses.BillingAsync(customer.Id, ct);
        if (recipients.Count == 0) return recipients;
        var link = links.Invoice(invoice.Id);
        var pdf = documents.Render(invoice);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = company.Value.Name;
        var discount = invoice.DiscountDeadline is { } deadline && invoice.OpenMinor == invoice.TotalMinor && deadline >= clock.Today()
            ? $"Pay in full by {deadline:yyyy-MM-dd} and take {invoice.DiscountPercent:0.##}% off ({invoice.EarlyPaymentDiscountOn(deadline)}).\n" : "";
        foreach (var to in recipients)
        {
            db.Outbox.Add(new OutboxMessage
            {
                CustomerId = customer.Id, InvoiceId = invoice.Id, Kind = "invoice", To = to, CreatedAt = now,
                Subject = $"Invoice {invoice.Number} from {from}: {invoice.Open} due {invoice.DueDate:yyyy-MM-dd}",
                TextBody = $"Dear {customer.Name},\n\nplease find attached invoice {invoice.Number} dated {invoice.IssueDate:yyyy-MM-dd} for {invoice.Total}, "
                    + $"due {invoice.DueDate:yyyy-MM-dd}.{(invoice.PoNumber is null ? "" : $" Your PO: {invoice.PoNumber}.")}\n{discount}\n"
                    + $"View and pay it online: {link}\n\n{from}\n",
                HtmlBody = $"<p>Dear {WebUtility.HtmlEncode(customer.Name)},</p><p>please find attached invoice <strong>{WebUtility.HtmlEncode(invoice.Number)}</strong> "
                    + $"dated {invoice.IssueDate:yyyy-MM-dd} for <strong>{WebUtility.HtmlEncode(invoice.Total.ToString())}</strong>, due {invoice.DueDate:yyyy-MM-dd}."
                    + (invoice.PoNumber is null ? "" : $" Your PO: {WebUtility.HtmlEncode(invoice.PoNumber)}.") + "</p>"
                    + (discount.Length > 0 ? $"<p>{WebUtility.HtmlEncode(discount.Trim())}</p>" : "")
                    + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">View and pay invoice {WebUtility.HtmlEncode(invoice.Number)} online</a></p><p>{WebUtility.HtmlEncode(from)}</p>",
                Attachments = [new OutboxAttachment { FileName = InvoiceDocuments.FileName(invoice), ContentType = "application/pdf", Content = pdf }],
            });
        }
        invoice.MarkSent(now);
        return recipients;
    }
}
