using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Adapters.Pdf;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Payments;

/// <summary>Every payment the account made, newest first, each with its receipt as PDF.</summary>
public class IndexModel(PayPortalDbContext db, Receipts receipts) : PageModel
{
    public IReadOnlyList<Row> Payments { get; private set; } = [];

    public sealed record Row(long Id, DateOnly ReceivedOn, PaymentMethod Method, string? Reference, long AmountMinor, long UnappliedMinor, string CurrencyCode, bool IsTest, string Invoices);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var rows = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).Take(200)
            .Select(p => new { p.Id, p.ReceivedOn, p.Method, p.Reference, p.AmountMinor, p.UnappliedMinor, p.CurrencyCode, p.IsTest,
                Invoices = db.Allocations.Where(a => a.PaymentId == p.Id && a.ReversedAt == null && a.Kind == AllocationKind.Payment).Select(a => a.Invoice!.Number).ToList() })
            .ToListAsync(ct);
        Payments = rows.Select(p => new Row(p.Id, p.ReceivedOn, p.Method, p.Reference, p.AmountMinor, p.UnappliedMinor, p.CurrencyCode, p.IsTest, string.Join(", ", p.Invoices))).ToList();
    }

    public async Task<IActionResult> OnGetReceiptAsync(long id, CancellationToken ct)
    {
        var receipt = await receipts.ForPaymentAsync(id, User.CustomerId(), ct);
        return receipt is null ? NotFound() : File(ReceiptPdf.Render(receipt), "application/pdf", $"receipt-{receipt.ReceiptNumber}.pdf");
    }
}
