using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Customers;

/// <summary>
/// The customer 360 for collections: what is owed and how late, the risk score with its inputs, the open
/// promise, the whole timeline, and the collector's two-click actions: log a call (with a promise), add a note.
/// </summary>
public class CollectionsModel(PayPortalDbContext db, CollectionsDesk desk, CustomerTimeline timeline, RiskScoring risk, AgingReport aging, TimeProvider clock) : PageModel
{
    public Customer Customer { get; private set; } = null!;
    public AgingByCurrency? Aging { get; private set; }
    public RiskScore Risk { get; private set; } = null!;
    public PromiseToPay? OpenPromise { get; private set; }
    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Staff { get; private set; } = [];
    public DateOnly Today { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }

    [BindProperty] public CallInput Call { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public SettingsInput Settings { get; set; } = new();
    [BindProperty] public string? WithdrawReason { get; set; }

    public sealed class CallInput
    {
        public string? Summary { get; set; }
        public string? PromiseAmount { get; set; }
        public DateOnly? PromiseDate { get; set; }
        public DateOnly? FollowUpOn { get; set; }
    }

    public sealed class SettingsInput
    {
        public string? CollectorUserId { get; set; }
        public string? Segment { get; set; }
        public bool DunningPaused { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCallAsync(long id, CancellationToken ct) =>
        StepAsync(id, () => desk.LogCallAsync(id, new CollectionsDesk.CallLog(Call.Summary ?? "", Call.PromiseAmount, Call.PromiseDate, Call.FollowUpOn), ct), ct);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct) => StepAsync(id, () => desk.AddNoteAsync(id, Note ?? "", ct), ct);

    public Task<IActionResult> OnPostSettingsAsync(long id, CancellationToken ct) =>
        StepAsync(id, () => desk.SetCollectionsAsync(id, Settings.CollectorUserId, Settings.Segment, Settings.DunningPaused, ct), ct, settingsPosted: true);

    public Task<IActionResult> OnPostWithdrawAsync(long id, long promiseId, CancellationToken ct) =>
        StepAsync(id, () => desk.WithdrawPromiseAsync(id, promiseId, WithdrawReason ?? "", ct), ct);

    // Done: back to the page with the result (post-redirect-get). Refused: the page again with the reason and what was typed, as 422.
    private async Task<IActionResult> StepAsync(long id, Func<Task<StepResult>> step, CancellationToken ct, bool settingsPosted = false)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return NotFound();
        var result = ModelState.IsValid ? await step() : StepResult.Fail("A date could not be read; use the date picker or yyyy-mm-dd.");
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost(new { id });
        }
        if (result.Message == CollectionsDesk.NotFound) return NotFound();
        await LoadAsync(id, ct, keepSettings: settingsPosted);
        Problem = result.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    // The settings form shows what is saved, unless it was the form just refused (then what was typed).
    private async Task<bool> LoadAsync(long id, CancellationToken ct, bool keepSettings = false)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return false;
        Customer = customer;
        if (!keepSettings) Settings = new SettingsInput { CollectorUserId = customer.CollectorUserId, Segment = customer.Segment, DunningPaused = customer.DunningPaused };
        Today = clock.Today();
        Aging = (await aging.ForOpenInvoicesAsync(Today, id, ct: ct)).FirstOrDefault();
        Risk = await risk.ForCustomerAsync(id, Today, ct);
        OpenPromise = await db.Promises.AsNoTracking().Where(p => p.CustomerId == id && p.Status == PromiseStatus.Open).SingleOrDefaultAsync(ct);
        Timeline = await timeline.LatestAsync(id, 100, ct);
        Staff = (await db.Users.AsNoTracking().Where(u => u.CustomerId == null).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName is { Length: > 0 } name ? name : u.Email ?? u.Id)).ToList();
        return true;
    }
}
