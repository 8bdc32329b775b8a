using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Plans;
using PayPortal.Web.Htmx;
using PayPortal.Web.Plans;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Plans;

/// <summary>Asking for a payment plan: choose invoices and terms, see the schedule (and whether it is approved at once) before sending.</summary>
public class NewModel(PayPortalDbContext db, PlanDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invoice")] public List<long> InvoiceIds { get; set; } = [];
    [BindProperty] public PlanTermsForm Terms { get; set; } = new();
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public ScheduleView? Schedule { get; private set; }
    public PlanDecision? Decision { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; } = [];

    public sealed record Candidate(long Id, string Number, DateOnly DueDate, Money Open);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Terms.FirstDate = clock.Today().AddDays(7);
        await LoadAsync(ct);
        if (InvoiceIds.Count == 0) InvoiceIds = Candidates.Where(c => c.DueDate < clock.Today()).Select(c => c.Id).ToList();
    }

    /// <summary>The schedule for the choices as they stand, redrawn by htmx on every change.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await PreviewAsync(ct);
        return Partial("_PlanPreview", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ModelState.IsValid)
        {
            var result = await desk.RequestAsync(User.CustomerId(), User.UserId(), InvoiceIds, Terms.ToTerms(), ct);
            if (result.Succeeded)
            {
                TempData["StatusMessage"] = result.Message;
                return this.RedirectAfterPost("/Plans/Details", new { id = result.Id });
            }
            ModelState.AddModelError("", result.Message);
        }
        await PreviewAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task PreviewAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || InvoiceIds.Count == 0) return;
        var (schedule, decision, reasons) = await desk.PreviewAsync(User.CustomerId(), InvoiceIds, Terms.ToTerms(), ct);
        Decision = decision;
        Reasons = reasons;
        Schedule = schedule.Count == 0 ? null : ScheduleView.Preview(schedule, schedule[0].Amount.Currency);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var inPlans = db.PaymentPlans.Where(p => p.CustomerId == customerId && PaymentPlan.LiveStatuses.Contains(p.Status))
            .SelectMany(p => p.Invoices).Select(i => i.InvoiceId);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && !inPlans.Contains(i.Id))
            .OrderBy(i => i.DueDate).ToListAsync(ct);
        Candidates = invoices.Select(i => new Candidate(i.Id, i.Number!, i.DueDate, i.Open)).ToList();
    }
}
