using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Web.Pages.Sandbox;

/// <summary>
/// The sandbox's hosted checkout page, standing in for checkout.stripe.com: Stripe's test cards
/// (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined), or a US bank account whose debit
/// stays processing until the tester settles it. Exists only while no Stripe key is configured.
/// </summary>
[AllowAnonymous]
public class CheckoutModel(StripeSandbox sandbox, IOptions<StripeOptions> options) : PageModel
{
    public StripeSandbox.CheckoutView Session { get; private set; } = null!;
    [BindProperty] public string CardNumber { get; set; } = "";
    public string? Error { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCardAsync(string id, CancellationToken ct)
    {
        if (!Load(id)) return NotFound();
        var (outcome, message) = await sandbox.PayWithCardAsync(id, CardNumber, ct);
        if (outcome == SandboxOutcome.Paid) return Redirect(Session.SuccessUrl);
        Error = message;
        Load(id);
        return Page();
    }

    public async Task<IActionResult> OnPostBankAsync(string id, CancellationToken ct)
    {
        if (!Load(id)) return NotFound();
        await sandbox.PayWithBankAccountAsync(id, ct);
        return Redirect(Session.SuccessUrl);
    }

    public async Task<IActionResult> OnPostSettleAsync(string id, bool succeeds, CancellationToken ct)
    {
        if (!Load(id)) return NotFound();
        await sandbox.SettleBankDebitAsync(id, succeeds, ct);
        return Redirect(Session.SuccessUrl);
    }

    private bool Load(string id)
    {
        if (!options.Value.UsesSandbox || sandbox.Find(id) is not { } session) return false;
        Session = session;
        return true;
    }
}
