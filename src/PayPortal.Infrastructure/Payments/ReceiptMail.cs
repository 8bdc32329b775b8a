using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Payments;

/// <summary>The receipt email (with its PDF) goes into the outbox in the same transaction as the payment it confirms.</summary>
public sealed class ReceiptMail(PayPortalDbContext db, Receipts receipts, IOptions<CompanyOptions> company, TimeProvider clock)
{
    public async Task QueueAsync(string contactUserId, Payment payment, Customer customer, CancellationToken ct)
    {
        var to = await db.Users.Where(u => u.Id == contactUserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var receipt = await receipts.ForPaymentAsync(payment.Id, ct: ct);
        if (string.IsNullOrEmpty(to) || receipt is null) return;
        var test = payment.IsTest ? "[TEST] " : "";
        var list = string.Join("\n", receipt.Lines.Select(l => $"  Invoice {l.InvoiceNumber}: {new Money(l.AppliedMinor, payment.Currency)}{(l.DiscountMinor > 0 ? $" (plus {new Money(l.DiscountMinor, payment.Currency)} early-payment discount)" : "")}"));
        db.Outbox.Add(new OutboxMessage
        {
            CustomerId = customer.Id, Kind = "receipt", To = to, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Subject = $"{test}Receipt {receipt.ReceiptNumber}: {payment.Amount} received by {company.Value.Name}",
            TextBody = $"Thank you for your payment of {payment.Amount} received {payment.ReceivedOn:yyyy-MM-dd} ({receipt.Method}).\n\nApplied:\n{list}\n\nYour receipt is attached.{(payment.IsTest ? "\n\nTEST MODE: no real money moved." : "")}\n",
            HtmlBody = $"<p>Thank you for your payment of <strong>{System.Net.WebUtility.HtmlEncode(payment.Amount.ToString())}</strong> received {payment.ReceivedOn:yyyy-MM-dd} ({receipt.Method}).</p>"
                + "<ul>" + string.Concat(receipt.Lines.Select(l => $"<li>Invoice {System.Net.WebUtility.HtmlEncode(l.InvoiceNumber)}: {System.Net.WebUtility.HtmlEncode(new Money(l.AppliedMinor, payment.Currency).ToString())}</li>")) + "</ul>"
                + "<p>Your receipt is attached.</p>" + (payment.IsTest ? "<p><strong>TEST MODE: no real money moved.</strong></p>" : ""),
            Attachments = [new OutboxAttachment { FileName = $"receipt-{receipt.ReceiptNumber}.pdf", ContentType = "application/pdf", Content = ReceiptPdf.Render(receipt) }],
        });
    }
}
