using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Disputes;

/// <summary>The dispute queue, oldest first: filter by status, reason, age, amount and assignee; chargebacks show their evidence deadline.</summary>
public class IndexModel(PayPortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    /// <summary>"open" (open or waiting on the customer, the default), "waiting", "closed" or "all".</summary>
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public DisputeReason? Reason { get; set; }
    [BindProperty(SupportsGet = true, Name = "min-age")] public int? MinAgeDays { get; set; }
    [BindProperty(SupportsGet = true, Name = "min-amount")] public decimal? MinAmount { get; set; }
    /// <summary>"me", "unassigned" or empty for anyone.</summary>
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    public IReadOnlyList<Row> Disputes { get; private set; } = [];
    public int Total { get; private set; }
    public DateTime Now { get; private set; }

    public sealed record Row(long Id, DisputeKind Kind, string CustomerName, string InvoiceNumber, DisputeReason Reason, string CurrencyCode, long AmountMinor,
        DisputeStatus Status, DateTime OpenedAt, DateTime? ClosedAt, string? AssigneeName, DateTime? EvidenceDueBy);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var query = db.Disputes.AsNoTracking();
        query = Status switch
        {
            "waiting" => query.Where(d => d.Status == DisputeStatus.WaitingOnCustomer),
            "closed" => query.Where(d => d.ClosedAt != null),
            "all" => query,
            _ => query.Where(d => d.Status == DisputeStatus.Open || d.Status == DisputeStatus.WaitingOnCustomer),
        };
        if (Reason is { } reason) query = query.Where(d => d.Reason == reason);
        MinAgeDays = MinAgeDays is { } days ? Math.Clamp(days, 0, 36_500) : null;
        MinAmount = MinAmount is { } least ? Math.Clamp(least, 0, 1_000_000_000_000m) : null;
        if (MinAgeDays is > 0) query = query.Where(d => d.OpenedAt <= Now.AddDays(-MinAgeDays.Value));
        if (MinAmount is > 0)
        {
            // In major units of each dispute's own currency, whatever its number of decimals.
            var (t0, t2, t3) = ((long)MinAmount.Value, (long)(MinAmount.Value * 100), (long)(MinAmount.Value * 1000));
            var zero = Currency.CodesWithMinorDigits(0);
            var three = Currency.CodesWithMinorDigits(3);
            query = query.Where(d => zero.Contains(d.Invoice!.CurrencyCode) ? d.AmountMinor >= t0
                : three.Contains(d.Invoice.CurrencyCode) ? d.AmountMinor >= t3
                : d.AmountMinor >= t2);
        }
        var me = User.UserId();
        if (Assignee == "me") query = query.Where(d => d.AssigneeUserId == me);
        else if (Assignee == "unassigned") query = query.Where(d => d.AssigneeUserId == null);
        Total = await query.CountAsync(ct);
        Disputes = await query.OrderBy(d => d.OpenedAt).ThenBy(d => d.Id).Take(PageSize)
            .Select(d => new Row(d.Id, d.Kind, d.Customer!.Name, d.Invoice!.Number!, d.Reason, d.Invoice.CurrencyCode, d.AmountMinor, d.Status, d.OpenedAt, d.ClosedAt, d.AssigneeName, d.EvidenceDueBy))
            .ToListAsync(ct);
        return this.PageOrPartial("_DisputeQueue");
    }

    public static string AgeText(TimeSpan age) => age.TotalDays >= 1 ? $"{(int)age.TotalDays} d" : $"{(int)age.TotalHours} h";
}
