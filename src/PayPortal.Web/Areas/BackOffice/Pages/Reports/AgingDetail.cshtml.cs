using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Reports;

namespace PayPortal.Web.Areas.BackOffice.Pages.Reports;

/// <summary>The invoices behind one figure of the aging report: a customer, a bucket, or both, as of the report's date.</summary>
public class AgingDetailModel(LedgerAging aging, PayPortalDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 500;

    [BindProperty(SupportsGet = true, Name = "as-of")] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public long? Customer { get; set; }
    [BindProperty(SupportsGet = true)] public int? Bucket { get; set; }
    [BindProperty(SupportsGet = true)] public string? Currency { get; set; }

    public DateOnly Date { get; private set; }
    public string? CustomerName { get; private set; }
    public string? BucketLabel { get; private set; }
    public IReadOnlyList<AgedInvoice> Invoices { get; private set; } = [];
    public bool Truncated { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ReadSelectionAsync(ct) is { } problem) return problem;
        var rows = await aging.InvoicesAsync(Date, Customer, Bucket, Currency, Shown + 1, ct);
        Truncated = rows.Count > Shown;
        Invoices = rows.Take(Shown).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken ct)
    {
        if (!ReportDownload.IsKnownFormat(format)) return BadRequest("format must be csv or xlsx");
        if (await ReadSelectionAsync(ct) is { } problem) return problem;
        var table = AgingTables.Detail(Date, aging.Buckets, await aging.InvoicesAsync(Date, Customer, Bucket, Currency, ct: ct));
        return await ReportDownload.FileAsync(table, format!, $"aging-detail-{Date:yyyy-MM-dd}", ct);
    }

    private async Task<IActionResult?> ReadSelectionAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !ReportDates.InRange(AsOf)) return BadRequest("as-of must be a date, customer an id and bucket a number");
        Date = AsOf ?? clock.Today();
        var buckets = aging.Buckets;
        if (Bucket is { } b)
        {
            if (b < 0 || b >= buckets.Count) return NotFound();
            BucketLabel = b == 0 ? "current (not yet due)" : buckets.Labels[b] + " days past due";
        }
        if (Currency is not null && !Domain.Currency.TryParse(Currency, out _)) return NotFound();
        if (Customer is { } id && (CustomerName = await db.Customers.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(ct)) is null) return NotFound();
        return null;
    }
}
