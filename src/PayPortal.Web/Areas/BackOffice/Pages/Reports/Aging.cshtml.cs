using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Reports;

namespace PayPortal.Web.Areas.BackOffice.Pages.Reports;

/// <summary>
/// Aging as of any date, from the ledger: totals per currency, then one row per customer (most past due
/// first); every bucket figure opens the invoices behind it. Downloads as CSV or .xlsx, summary or detail.
/// </summary>
public class AgingModel(LedgerAging aging, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "as-of")] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>"past-due" (the default), "total" or "number".</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AgingSnapshot Snapshot { get; private set; } = null!;
    public IReadOnlyList<CustomerAging> Rows { get; private set; } = [];
    public int Matching { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        if (!ModelState.IsValid || !ReportDates.InRange(AsOf))
        {
            // An unreadable date is named, and today's aging shown meanwhile.
            ModelState.Clear();
            ModelState.AddModelError("as-of", "Enter the report date as a date, e.g. " + Today.ToString("yyyy-MM-dd"));
            AsOf = null;
        }
        Snapshot = await aging.SummaryAsync(AsOf ?? Today, ct: ct);
        IEnumerable<CustomerAging> rows = Snapshot.Customers;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            rows = rows.Where(c => c.Number.StartsWith(q, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        }
        rows = Sort switch
        {
            "total" => rows.OrderByDescending(c => c.TotalMinor),
            "number" => rows.OrderBy(c => c.Number, StringComparer.OrdinalIgnoreCase),
            _ => rows.OrderByDescending(c => c.PastDueMinor).ThenByDescending(c => c.TotalMinor),
        };
        var list = rows.ToList();
        Matching = list.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Matching + PageSize - 1) / PageSize));
        Rows = list.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>?handler=download&amp;format=csv|xlsx&amp;detail=true: the whole report (every customer, or every invoice).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? format, bool detail, CancellationToken ct)
    {
        if (!ReportDownload.IsKnownFormat(format)) return BadRequest("format must be csv or xlsx");
        if (!ModelState.IsValid || !ReportDates.InRange(AsOf)) return BadRequest("as-of must be a date such as 2026-11-23");
        var asOf = AsOf ?? clock.Today();
        var table = detail
            ? AgingTables.Detail(asOf, aging.Buckets, await aging.InvoicesAsync(asOf, ct: ct))
            : AgingTables.Summary(await aging.SummaryAsync(asOf, ct: ct));
        return await ReportDownload.FileAsync(table, format!, $"aging-{(detail ? "detail-" : "")}{asOf:yyyy-MM-dd}", ct);
    }

    public string Pct(long part, long total) => total == 0 ? "0.0%" : (part * 100m / total).ToString("0.0") + "%";
}
