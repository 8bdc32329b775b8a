using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Invoices;

/// <summary>Invoices across customers: drafts to finish, posted invoices not yet sent (sent in bulk from here), and the rest.</summary>
public class IndexModel(PayPortalDbContext db, InvoiceMail mail) : PageModel
{
    public const int PageSize = 50;

    /// <summary>"draft", "unsent", "open", "void" or empty for all.</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Invoices { get; private set; } = [];
    public int Total { get; private set; }
    public int UnsentCount { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Row(long Id, string? Number, string CustomerNumber, string CustomerName, DateOnly IssueDate, DateOnly DueDate,
        InvoiceStatus Status, string CurrencyCode, long TotalMinor, long OpenMinor, DateTime? SentAt);

    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
        [("", "All"), ("draft", "Drafts"), ("unsent", "Posted, not sent"), ("open", "Open"), ("void", "Void")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = db.Invoices.AsNoTracking();
        query = Show switch
        {
            "draft" => query.Where(i => i.Status == InvoiceStatus.Draft),
            "unsent" => query.Where(i => i.SentAt == null && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.OpenMinor > 0),
            "open" => query.Where(i => i.OpenMinor != 0),
            "void" => query.Where(i => i.Status == InvoiceStatus.Void),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i => i.Number!.StartsWith(q) || i.Customer!.Number.StartsWith(q));
        }
        Total = await query.CountAsync(ct);
        Invoices = await query.OrderByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new Row(i.Id, i.Number, i.Customer!.Number, i.Customer.Name, i.IssueDate, i.DueDate, i.Status, i.CurrencyCode, i.TotalMinor, i.OpenMinor, i.SentAt))
            .ToListAsync(ct);
        UnsentCount = await db.Invoices.CountAsync(i => i.SentAt == null && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.OpenMinor > 0, ct);

        return this.PageOrPartial("_InvoiceList");
    }

    public async Task<IActionResult> OnPostSendAllAsync(CancellationToken ct)
    {
        var result = await mail.SendAllUnsentAsync(ct);
        StatusMessage = result.Message;
        return this.RedirectAfterPost(new { show = "unsent" });
    }
}
