using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Web.Areas.BackOffice.Pages;

/// <summary>The specialist's 08:00 view: total AR and how it ages, per currency.</summary>
public class IndexModel(PayPortalDbContext db, AgingReport aging, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    public IReadOnlyList<AgingByCurrency> Aging { get; private set; } = [];
    public int OpenDisputes { get; private set; }
    public int CustomersWithBalance { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Aging = await aging.ForOpenInvoicesAsync(Today, ct: ct);
        OpenDisputes = await db.Disputes.CountAsync(d => d.Status == DisputeStatus.Open || d.Status == DisputeStatus.WaitingOnCustomer, ct);
        CustomersWithBalance = await db.Invoices.Where(i => i.OpenMinor != 0).Select(i => i.CustomerId).Distinct().CountAsync(ct);
    }
}
