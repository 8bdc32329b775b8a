using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Disputes;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Disputes;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Disputes;

/// <summary>
/// Working a dispute: the whole conversation with internal notes, assignment, replies and requests for
/// more information, and the decision: accept in full or in part (a credit memo applied to the
/// invoice), reject with a reason, or credit and re-bill.
/// </summary>
public class DetailsModel(PayPortalDbContext db, DisputeDesk desk, TimeProvider clock) : PageModel
{
    public Dispute Dispute { get; private set; } = null!;
    public IReadOnlyList<(string Id, string Name)> Staff { get; private set; } = [];
    public DateTime Now { get; private set; }
    /// <summary>An acceptance or re-bill of this dispute (or another proposal on its invoice) waiting for a manager.</summary>
    public PayPortal.Web.Approvals.AwaitingApproval? Awaiting { get; private set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public bool RequestInformation { get; set; }
    [BindProperty] public string? AssigneeId { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [TempData] public string? StatusMessage { get; set; }
    /// <summary>The form a refused step came from: its text is shown again there.</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(long id, long attachment, CancellationToken ct)
    {
        var file = await db.Disputes.Where(d => d.Id == id).SelectMany(d => d.Messages).SelectMany(m => m.Attachments).Where(a => a.Id == attachment)
            .Select(a => new { a.FileName, a.ContentType, a.Content }).SingleOrDefaultAsync(ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        StepAsync(id, "assign", () => desk.AssignAsync(id, string.IsNullOrEmpty(AssigneeId) ? null : AssigneeId, ct), ct);

    public Task<IActionResult> OnPostAssignMeAsync(long id, CancellationToken ct) =>
        StepAsync(id, "assign", () => desk.AssignAsync(id, User.UserId(), ct), ct);

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct) =>
        StepAsync(id, "note", () => desk.AddNoteAsync(id, User.DisplayName(), Text ?? "", ct), ct);

    public Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct) =>
        StepAsync(id, "reply", () => desk.ReplyAsync(id, User.DisplayName(), Text ?? "", RequestInformation, ct), ct);

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) =>
        StepAsync(id, "accept", () =>
        {
            long? amount = null;
            if (!string.IsNullOrWhiteSpace(Amount))
            {
                if (!Money.TryParse(Amount, Dispute.Invoice!.Currency, out var parsed, out var problem)) return Task.FromResult(StepResult.Fail($"Amount to credit: {problem}."));
                amount = parsed.Minor;
            }
            return desk.AcceptAsync(id, User.DisplayName(), amount, Text, ct);
        }, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) =>
        StepAsync(id, "reject", () => desk.RejectAsync(id, User.DisplayName(), Text ?? "", ct), ct);

    public Task<IActionResult> OnPostRebillAsync(long id, CancellationToken ct) =>
        StepAsync(id, "rebill", () => desk.RebillAsync(id, User.DisplayName(), Text ?? "", ct), ct);

    /// <summary>Runs one step; success goes back to the page, a refusal shows it again with the message and the text typed into that form.</summary>
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
        FailedForm = form;
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var dispute = await db.Disputes.AsNoTracking().AsSplitQuery()
            .Include(d => d.Invoice).Include(d => d.Customer).Include(d => d.Lines).Include(d => d.CreditMemo)
            .Include(d => d.Messages).ThenInclude(m => m.Attachments)
            .SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dispute is null) return false;
        Dispute = dispute;
        Now = clock.GetUtcNow().UtcDateTime;
        Awaiting = await PayPortal.Web.Approvals.AwaitingApproval.ForInvoiceAsync(db, dispute.InvoiceId, ct);
        Staff = (await db.Users.AsNoTracking().Where(u => u.CustomerId == null).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToList();
        return true;
    }

    public string? TextFor(string form) => FailedForm == form ? Text : null;

    public ConversationView Conversation => new(Dispute.Messages.OrderBy(m => m.At).ThenBy(m => m.Id).ToList(), ShowInternal: true,
        attachment => Url.Page("/Disputes/Details", "File", new { id = Dispute.Id, attachment })!);
}
