using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Plans;
using PayPortal.Web.Htmx;
using PayPortal.Web.Plans;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Plans;

/// <summary>Deciding a plan request (approve, decline with a reason, counter-offer) and following or cancelling an active plan.</summary>
public class DetailsModel(PayPortalDbContext db, PlanDesk desk, TimeProvider clock) : PageModel
{
    public PaymentPlan Plan { get; private set; } = null!;
    public ScheduleView Schedule { get; private set; } = null!;
    public long InvoicesOpenMinor { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public PlanTermsForm Counter { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Counter = new PlanTermsForm { Installments = Plan.InstallmentCount, Frequency = Plan.Frequency, FirstDate = Plan.FirstDate < clock.Today() ? clock.Today().AddDays(7) : Plan.FirstDate };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken ct) => StepAsync(id, "decide", () => desk.ApproveAsync(id, User.DisplayName(), User.UserId(), ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(long id, CancellationToken ct) => StepAsync(id, "decide", () => desk.DeclineAsync(id, User.DisplayName(), Reason ?? "", ct), ct);

    public Task<IActionResult> OnPostCounterAsync(long id, CancellationToken ct) =>
        StepAsync(id, "counter", () => ModelState.IsValid
            ? desk.CounterOfferAsync(id, User.DisplayName(), User.UserId(), Counter.ToTerms(), Reason, ct)
            : Task.FromResult(StepResult.Fail(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)))), ct);

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) => StepAsync(id, "cancel", () => desk.CancelAsync(id, User.DisplayName(), Reason ?? "", ct), ct);

    private async Task<IActionResult> StepAsync(long id, string form, Func<Task<StepResult>> step, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await step();
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost(new { id });
        }
        ModelState.AddModelError(form, result.Message);
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).Include(p => p.Invoices).Include(p => p.Customer).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return false;
        Plan = plan;
        InvoicesOpenMinor = await desk.InvoicesOpenAsync(id, ct);
        Schedule = ScheduleView.Of(plan, InvoicesOpenMinor);
        return true;
    }
}
