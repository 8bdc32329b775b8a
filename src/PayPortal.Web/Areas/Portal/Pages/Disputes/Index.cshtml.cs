using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Disputes;

/// <summary>The account's disputes, open ones first.</summary>
public class IndexModel(PayPortalDbContext db) : PageModel
{
    public IReadOnlyList<Row> Disputes { get; private set; } = [];

    public sealed record Row(long Id, string InvoiceNumber, DisputeReason Reason, string CurrencyCode, long AmountMinor, DisputeStatus Status, DateTime OpenedAt, DateTime? ClosedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        Disputes = await db.Disputes.AsNoTracking().Where(d => d.CustomerId == customerId && d.Kind == DisputeKind.Customer)
            .OrderBy(d => d.ClosedAt != null).ThenByDescending(d => d.OpenedAt)
            .Select(d => new Row(d.Id, d.Invoice!.Number!, d.Reason, d.Invoice.CurrencyCode, d.AmountMinor, d.Status, d.OpenedAt, d.ClosedAt))
            .ToListAsync(ct);
    }
}
