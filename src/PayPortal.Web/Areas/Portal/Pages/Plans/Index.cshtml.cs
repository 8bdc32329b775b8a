using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Plans;

/// <summary>The account's payment plans, newest first.</summary>
public class IndexModel(PayPortalDbContext db) : PageModel
{
    public IReadOnlyList<Row> Plans { get; private set; } = [];

    public sealed record Row(long Id, DateTime RequestedAt, string CurrencyCode, long TotalMinor, int Installments, PlanFrequency Frequency, PlanStatus Status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        Plans = await db.PaymentPlans.AsNoTracking().Where(p => p.CustomerId == customerId).OrderByDescending(p => p.Id)
            .Select(p => new Row(p.Id, p.RequestedAt, p.CurrencyCode, p.TotalMinor, p.InstallmentCount, p.Frequency, p.Status)).ToListAsync(ct);
    }
}
