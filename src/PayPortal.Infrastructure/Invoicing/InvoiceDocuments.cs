using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Adapters.Pdf;

namespace PayPortal.Infrastructure.Invoicing;

/// <summary>An invoice's PDF as the customer receives it, wherever it is asked for (portal, back office, email).</summary>
public sealed class InvoiceDocuments(PayPortalDbContext db, IOptions<CompanyOptions> company, IPortalUrls links)
{
    /// <summary>The PDF of an invoice (with the link that opens it in the portal), or null when there is none (for that customer, when one is named; drafts only for staff).</summary>
    public async Task<(Invoice Invoice, byte[] Pdf)?> RenderAsync(long invoiceId, long? customerId, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Customer)
            .SingleOrDefaultAsync(i => i.Id == invoiceId && (customerId == null || (i.CustomerId == customerId && i.Status != InvoiceStatus.Draft)), ct);
        return invoice is null ? null : (invoice, Render(invoice));
    }

    public byte[] Render(Invoice invoice)
    {
        var customer = invoice.Customer ?? throw new InvalidOperationException("Load the invoice's customer.");
        return InvoicePdf.Render(new InvoicePdfModel(company.Value, customer.Name, customer.Number, customer.BillingEmailList, invoice, links.Invoice(invoice.Id)));
    }

    public static string FileName(Invoice invoice) => $"invoice-{invoice.Number ?? $"draft-{invoice.Id}"}.pdf";
}
