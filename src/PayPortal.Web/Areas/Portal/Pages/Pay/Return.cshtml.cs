using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Payments;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Pay;

/// <summary>
/// Where Stripe sends the customer back. It shows what is true now (applied, processing, declined,
/// cancelled, or not yet confirmed) and never assumes success: only a signed webhook applies money.
/// Stripe's cancel link lands here too; cancelling is then a POST that also expires the session.
/// </summary>
public class ReturnModel(PortalCheckouts checkouts) : PageModel
{
    public PortalPayment Payment { get; private set; } = null!;
    public string? CheckoutStatus { get; private set; }
    public string? Problem { get; private set; }
    /// <summary>The customer came back through Stripe's cancel link and may confirm the cancel.</summary>
    public bool OffersCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(long payment, bool cancelled, CancellationToken ct)
    {
        if (await checkouts.ReturnAsync(User.CustomerId(), payment, ct) is not { } state) return NotFound();
        Show(state);
        OffersCancel = cancelled && state.Payment.Status == PortalPaymentStatus.Pending && state.CheckoutStatus is "open" or null;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(long payment, CancellationToken ct)
    {
        if (await checkouts.CancelAsync(User.CustomerId(), payment, ct) is not { } state) return NotFound();
        Show(state);
        return Page();
    }

    private void Show(CheckoutReturn state)
    {
        Payment = state.Payment;
        CheckoutStatus = state.CheckoutStatus;
        Problem = state.Problem;
    }
}
