using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Customers;

/// <summary>Find a customer by number or name; htmx redraws only the table while typing.</summary>
public class IndexModel(PayPortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Customers { get; private set; } = [];
    public int Total { get; private set; }

    public static string CountText(IndexModel m) =>
        $"{m.Total:N0} customer(s){(string.IsNullOrWhiteSpace(m.Q) ? "" : $" matching \"{m.Q.Trim()}\"")}.";

    public sealed record Row(long Id, string Number, string Name, string CurrencyCode, long OpenMinor, long OverdueMinor, bool CreditHold);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        PageNumber = Math.Max(1, PageNumber);
        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            // What staff type is text, not a pattern: % and _ match themselves.
            var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(c => c.Number.StartsWith(q) || EF.Functions.Like(c.Name, pattern, "\\"));
        }
        Total = await query.CountAsync(ct);
        Customers = await query.OrderBy(c => c.Name)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Number, c.Name, c.CurrencyCode,
                db.Invoices.Where(i => i.CustomerId == c.Id && i.OpenMinor != 0).Sum(i => i.OpenMinor),
                db.Invoices.Where(i => i.CustomerId == c.Id && i.OpenMinor != 0 && i.DueDate < today).Sum(i => i.OpenMinor - i.DisputedMinor), // disputed amounts are not chased
                c.CreditHold))
            .ToListAsync(ct);

        // The same URL answers the whole page or, for htmx, just the table.
        return this.PageOrPartial("_CustomerTable");
    }
}
