using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Payments;

/// <summary>One payment: what came in, where it went, what went back; a Manager refunds a card or bank payment here, fully or in part.</summary>
public class DetailsModel(PayPortalDbContext db, PaymentRefunds refunds, IAuthorizationService authorization) : PageModel
{
    public Payment Payment { get; private set; } = null!;
    public string CustomerName { get; private set; } = "";
    public bool TakenThroughStripe { get; private set; }
    public bool CanRefund { get; private set; }
    public IReadOnlyList<Refund> Refunds { get; private set; } = [];
    [BindProperty, Display(Name = "Amount to refund")] public string? Amount { get; set; }
    [BindProperty, Required(ErrorMessage = "Say why the money goes back."), StringLength(300), Display(Name = "Reason")] public string Reason { get; set; } = "";
    /// <summary>One per refund form: the same form sent twice refunds once.</summary>
    [BindProperty] public string? RequestToken { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Amount ??= new Money(Payment.AmountMinor - Payment.RefundedMinor, Payment.Currency).ToDecimalString();
        RequestToken = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostRefundAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanRefund) return Forbid();
        if (!Money.TryParse(Amount, Payment.Currency, out var amount, out var problem)) ModelState.AddModelError(nameof(Amount), $"Amount to refund: {problem}.");
        if (!ModelState.IsValid) return Refused();
        var outcome = await refunds.RefundAsync(id, amount.Minor, Reason, User.Identity?.Name ?? "unknown", RequestToken ?? "", ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, outcome.Message);
            return Refused();
        }
        StatusMessage = outcome.Message;
        return RedirectToPage(new { id });
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Customer).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null) return false;
        Payment = payment;
        CustomerName = payment.Customer!.Name;
        Refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == id).OrderBy(r => r.Id).ToListAsync(ct);
        TakenThroughStripe = await refunds.IntentOfAsync(id, ct) is not null;
        CanRefund = TakenThroughStripe && payment.RefundedMinor < payment.AmountMinor && (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        return true;
    }
}
