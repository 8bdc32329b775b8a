using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Stripe;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Pay;

/// <summary>
/// Where Stripe sends the customer back. It shows what is true now (applied, processing, declined,
/// cancelled, or not yet confirmed) and never assumes success: only a signed webhook applies money.
/// </summary>
public class ReturnModel(PayPortalDbContext db, StripeClient stripe) : PageModel
{
    public PortalPayment Payment { get; private set; } = null!;
    public string? CheckoutStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(long payment, bool cancelled, CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var found = await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == payment && p.CustomerId == customerId, ct);
        if (found is null) return NotFound();
        Payment = found;
        if (found.Status == PortalPaymentStatus.Pending && found.CheckoutSessionId is not null)
        {
            var session = await stripe.GetCheckoutSessionAsync(found.CheckoutSessionId, ct);
            CheckoutStatus = session.Status;
            if (cancelled && session.Status == "open")
            {
                found.Status = PortalPaymentStatus.Cancelled;
                found.CompletedAt = DateTime.UtcNow;
                await db.SaveChangesAsync(ct);
            }
        }
        return Page();
    }
}
