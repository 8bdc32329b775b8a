using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Plans;
using PayPortal.Web.Htmx;
using PayPortal.Web.Plans;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Plans;

/// <summary>One plan: its schedule and what is paid; pay the next installment through Stripe Checkout; accept or decline a counter-offer.</summary>
public class DetailsModel(PayPortalDbContext db, PlanDesk desk, PortalCheckouts payments) : PageModel
{
    public PaymentPlan Plan { get; private set; } = null!;
    public ScheduleView Schedule { get; private set; } = null!;
    public (PlanInstallment Installment, long DueMinor)? NextDue { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var start = await payments.StartInstallmentCheckoutAsync(User.CustomerId(), User.UserId(), id, ct);
        if (!start.Succeeded) return Refused(start.Message);
        return start.Next is { } checkout ? Redirect(checkout) : RedirectToPage("/Pay/Return", new { payment = start.Id });
    }

    public async Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) => await DoneAsync(id, await desk.AcceptCounterOfferAsync(User.CustomerId(), id, ct), ct);

    public async Task<IActionResult> OnPostDeclineAsync(long id, CancellationToken ct) => await DoneAsync(id, await desk.DeclineCounterOfferAsync(User.CustomerId(), id, ct), ct);

    private async Task<IActionResult> DoneAsync(long id, StepResult result, CancellationToken ct)
    {
        if (!result.Succeeded && result.Message == PlanDesk.NotFound) return NotFound();
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost(new { id });
        }
        await LoadAsync(id, ct);
        return Refused(result.Message);
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError("", message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).Include(p => p.Invoices)
            .SingleOrDefaultAsync(p => p.Id == id && p.CustomerId == customerId, ct);
        if (plan is null) return false;
        Plan = plan;
        var open = await desk.InvoicesOpenAsync(id, ct);
        Schedule = ScheduleView.Of(plan, open);
        NextDue = plan.Status == PlanStatus.Active ? plan.NextDue(open) : null;
        return true;
    }
}
