using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Disputes;
using PayPortal.Web.Disputes;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Disputes;

/// <summary>Raising a dispute on one of the account's invoices, or on some of its lines, with files to show what is wrong.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 6 * DisputeAttachment.MaxBytes)]
[RequestSizeLimit(6 * DisputeAttachment.MaxBytes)]
public class NewModel(PayPortalDbContext db, DisputeDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invoice")] public long InvoiceId { get; set; }
    [BindProperty, Required(ErrorMessage = "Choose a reason.")] public DisputeReason? Reason { get; set; }
    [BindProperty, Display(Name = "Disputed amount"), Required(ErrorMessage = "Enter the amount you dispute.")] public string? Amount { get; set; }
    [BindProperty, Display(Name = "What is wrong?"), Required(ErrorMessage = "Say what is wrong."), MaxLength(Dispute.MaxMessageLength)] public string? Message { get; set; }
    [BindProperty] public List<int> Lines { get; set; } = [];
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    public Invoice Invoice { get; private set; } = null!;
    public Money Undisputed { get; private set; }

    public static readonly IReadOnlyList<(DisputeReason Value, string Label)> Reasons =
    [
        (DisputeReason.Pricing, "Pricing"), (DisputeReason.Quantity, "Quantity"), (DisputeReason.DamagedGoods, "Damaged goods"),
        (DisputeReason.NotReceived, "Not received"), (DisputeReason.DuplicateBilling, "Duplicate billing"), (DisputeReason.Tax, "Tax"), (DisputeReason.Other, "Other"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Amount = Undisputed.ToDecimalString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Money amount = default;
        if (Amount is not null && !Money.TryParse(Amount, Invoice.Currency, out amount, out var problem))
            ModelState.AddModelError(nameof(Amount), $"Disputed amount: {problem}.");
        var (files, fileProblem) = await Uploads.ReadAsync(Files, ct);
        if (fileProblem is not null) ModelState.AddModelError(nameof(Files), fileProblem);
        if (!ModelState.IsValid) return Refused();

        var result = await desk.OpenAsync(User.CustomerId(), User.UserId(), User.DisplayName(), Invoice.Id, Reason!.Value, amount.Minor, Lines, Message!, files, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Message);
            return Refused();
        }
        TempData["StatusMessage"] = result.Message;
        return this.RedirectAfterPost("/Disputes/Details", new { id = result.Id });
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.Id == InvoiceId && i.CustomerId == customerId && i.Status != InvoiceStatus.Draft, ct);
        if (invoice is null) return false;
        Invoice = invoice;
        Undisputed = new Money(invoice.OpenMinor - invoice.DisputedMinor, invoice.Currency);
        return true;
    }
}
