using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Invoices;

/// <summary>
/// The account's invoices: filter by state, search by number or PO, sort; tick several and see the
/// running total (htmx redraws only #invoice-table or #pay-summary), then pay the selection.
/// </summary>
public class IndexModel(PayPortalDbContext db, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Filters = new Dictionary<string, string>
    {
        ["open"] = "Open", ["overdue"] = "Overdue", ["due"] = "Not yet due", ["disputed"] = "Disputed", ["paid"] = "Paid", ["all"] = "All",
    };
    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>
    {
        ["due"] = "Due date, oldest first", ["due-desc"] = "Due date, newest first", ["amount-desc"] = "Open amount, largest first", ["number"] = "Invoice number",
    };

    [BindProperty(SupportsGet = true)] public string Show { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "due";
    [BindProperty(Name = "invoice")] public List<long> Selected { get; set; } = [];
    public IReadOnlyList<Row> Invoices { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public Money SelectedTotal { get; private set; }
    public int SelectedCount { get; private set; }
    /// <summary>Invoices a bank debit is still paying: shown as such and not offered for payment.</summary>
    public IReadOnlySet<long> PaymentInProgress { get; private set; } = new HashSet<long>();

    public sealed record Row(long Id, string Number, DateOnly IssueDate, DateOnly DueDate, string? PoNumber, InvoiceStatus Status, long TotalMinor, long OpenMinor, string CurrencyCode);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        if (!Filters.ContainsKey(Show)) Show = "open";
        if (!Sorts.ContainsKey(Sort)) Sort = "due";
        var query = db.Invoices.AsNoTracking().Where(i => i.CustomerId == User.CustomerId() && i.Status != InvoiceStatus.Draft);
        query = Show switch
        {
            "overdue" => query.Where(i => i.OpenMinor > 0 && i.DueDate < Today),
            "due" => query.Where(i => i.OpenMinor > 0 && i.DueDate >= Today),
            "disputed" => query.Where(i => i.DisputedMinor > 0),
            "paid" => query.Where(i => i.Status == InvoiceStatus.Paid),
            "all" => query,
            _ => query.Where(i => i.OpenMinor > 0),
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i => i.Number!.Contains(q) || (i.PoNumber != null && i.PoNumber.Contains(q)));
        }
        query = Sort switch
        {
            "due-desc" => query.OrderByDescending(i => i.DueDate).ThenByDescending(i => i.Id),
            "amount-desc" => query.OrderByDescending(i => i.OpenMinor).ThenBy(i => i.DueDate),
            "number" => query.OrderBy(i => i.Number),
            _ => query.OrderBy(i => i.DueDate).ThenBy(i => i.Id),
        };
        Invoices = await query.Take(500)
            .Select(i => new Row(i.Id, i.Number!, i.IssueDate, i.DueDate, i.PoNumber, i.Status, i.TotalMinor, i.OpenMinor, i.CurrencyCode)).ToListAsync(ct);
        PaymentInProgress = await PaymentsInProgress.InvoiceIdsAsync(db, User.CustomerId(), ct);

        // The same URL answers the whole page or, for htmx, just the table.
        return this.PageOrPartial("_InvoiceTable");
    }

    /// <summary>htmx: a checkbox changed; only #pay-summary is redrawn.</summary>
    public async Task<IActionResult> OnPostSummaryAsync(CancellationToken ct)
    {
        var ids = Selected.Distinct().ToList();
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == User.CustomerId() && ids.Contains(i.Id))
            .Select(i => new { i.OpenMinor, i.CurrencyCode }).ToListAsync(ct);
        if (open.Count != ids.Count) return NotFound(); // someone else's invoice: not found, as everywhere in the portal
        var currency = open.Select(i => i.CurrencyCode).FirstOrDefault() ?? await db.Customers.Where(c => c.Id == User.CustomerId()).Select(c => c.CurrencyCode).SingleAsync(ct);
        SelectedCount = open.Count;
        SelectedTotal = new Money(open.Sum(i => i.OpenMinor), Currency.Parse(currency));
        return Partial("_PaySummary", this);
    }
}
