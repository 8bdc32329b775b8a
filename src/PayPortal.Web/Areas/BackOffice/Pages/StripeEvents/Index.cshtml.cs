using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure.Payments;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.StripeEvents;

/// <summary>
/// Stripe's events as the books took them: first those the books refused (each with why), which a manager
/// applies again once the cause is fixed or settles by hand with a note; then the latest handled ones.
/// </summary>
public class IndexModel(StripeEventDesk desk, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<StripeEventRecord> NeedingAttention { get; private set; } = [];
    public IReadOnlyList<StripeEventRecord> Recent { get; private set; } = [];
    public bool CanResolve { get; private set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Problem { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NeedingAttention = await desk.NeedingAttentionAsync(ct);
        Recent = await desk.RecentAsync(50, ct);
        CanResolve = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
    }

    public async Task<IActionResult> OnPostApplyAgainAsync(long id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        return Show(await desk.ApplyAgainAsync(id, ct));
    }

    public async Task<IActionResult> OnPostResolveAsync(long id, string? note, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        return Show(await desk.ResolveAsync(id, note, ct));
    }

    private RedirectToPageResult Show(Infrastructure.StepResult result)
    {
        if (result.Succeeded) Notice = result.Message;
        else Problem = result.Message;
        return RedirectToPage();
    }
}
