using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Invoices;

/// <summary>One invoice with its lines and what was applied to it. Another account's invoice is simply not found.</summary>
public class DetailsModel(PayPortalDbContext db, InvoiceDocuments documents, TimeProvider clock) : PageModel
{
    public Invoice Invoice { get; private set; } = null!;
    public IReadOnlyList<Applied> AppliedItems { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public sealed record Applied(DateOnly On, AllocationKind Kind, string? Reference, long AmountMinor, bool Reversed, bool IsTest);

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct)
    {
        var rendered = await documents.RenderAsync(id, User.CustomerId(), ct);
        return rendered is { } r ? File(r.Pdf, "application/pdf", InvoiceDocuments.FileName(r.Invoice)) : NotFound();
    }

    private Task<Invoice?> FindAsync(long id, CancellationToken ct)
    {
        var customerId = User.CustomerId();
        return db.Invoices.AsNoTracking().Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.Id == id && i.CustomerId == customerId && i.Status != InvoiceStatus.Draft, ct);
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var invoice = await FindAsync(id, ct);
        if (invoice is null) return NotFound();
        Invoice = invoice;
        Today = clock.Today();
        AppliedItems = await db.Allocations.AsNoTracking()
            .Where(a => a.InvoiceId == id)
            .OrderBy(a => a.AppliedOn).ThenBy(a => a.Id)
            .Select(a => new Applied(a.AppliedOn, a.Kind, a.Payment != null ? a.Payment.Reference : a.CreditMemo != null ? a.CreditMemo.Number : null, a.AmountMinor, a.ReversedAt != null, a.Payment != null && a.Payment.IsTest))
            .ToListAsync(ct);
        return Page();
    }
}
