using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Areas.BackOffice.Pages.Plans;

/// <summary>Payment plans to decide (oldest request first), and the active, broken and closed ones.</summary>
public class IndexModel(PayPortalDbContext db) : PageModel
{
    /// <summary>"pending" (the default), "active", "broken" or "all".</summary>
    [BindProperty(SupportsGet = true)] public string Show { get; set; } = "pending";
    public IReadOnlyList<Row> Plans { get; private set; } = [];

    public sealed record Row(long Id, string CustomerName, DateTime RequestedAt, string CurrencyCode, long TotalMinor, int Installments, PlanFrequency Frequency, PlanStatus Status, string? ReviewReasons);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = db.PaymentPlans.AsNoTracking();
        query = Show switch
        {
            "active" => query.Where(p => p.Status == PlanStatus.Active),
            "broken" => query.Where(p => p.Status == PlanStatus.Broken),
            "all" => query,
            _ => query.Where(p => p.Status == PlanStatus.Requested || p.Status == PlanStatus.CounterOffered),
        };
        Plans = await query.OrderBy(p => p.RequestedAt).Take(200)
            .Select(p => new Row(p.Id, p.Customer!.Name, p.RequestedAt, p.CurrencyCode, p.TotalMinor, p.InstallmentCount, p.Frequency, p.Status, p.ReviewReasons))
            .ToListAsync(ct);
        return Page();
    }
}
