using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Workflows;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Allocations;

/// <summary>A Manager takes a misapplied payment or credit back off an invoice, after confirming and giving a reason.</summary>
[Authorize(Policy = Policies.Manager)]
public class ReverseModel(PayPortalDbContext db, AllocationReversal reversal) : PageModel
{
    public Summary Allocation { get; private set; } = null!;
    [BindProperty, Required(ErrorMessage = "Say why the application is reversed."), StringLength(500), Display(Name = "Reason")]
    public string Reason { get; set; } = "";
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Summary(long Id, long CustomerId, string CustomerName, long InvoiceId, string InvoiceNumber, AllocationKind Kind, string? Source,
        long AmountMinor, string CurrencyCode, DateOnly AppliedOn, string? Rule, DateTime? ReversedAt);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await reversal.ReverseAsync(id, Reason, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Message);
            return Page();
        }
        StatusMessage = result.Message;
        return this.RedirectAfterPost("/Customers/Details", new { id = Allocation.CustomerId });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var summary = await db.Allocations.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new Summary(a.Id, a.CustomerId, a.Customer!.Name, a.InvoiceId, a.Invoice!.Number!, a.Kind,
                a.Payment != null ? a.Payment.Reference : a.CreditMemo != null ? a.CreditMemo.Number : null,
                a.AmountMinor, a.Invoice.CurrencyCode, a.AppliedOn, a.Rule, a.ReversedAt))
            .SingleOrDefaultAsync(ct);
        if (summary is null) return false;
        Allocation = summary;
        return true;
    }
}
