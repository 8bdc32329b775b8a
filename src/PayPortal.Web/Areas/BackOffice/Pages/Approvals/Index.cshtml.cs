using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Approvals;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Approvals;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Approvals;

/// <summary>
/// Voids, full credits and dispute acceptances waiting for a manager: managers see every proposal and approve
/// (which carries it out) or reject it with a reason; specialists follow their own.
/// </summary>
public class IndexModel(PayPortalDbContext db, ApprovalDesk desk, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> Decided { get; private set; } = [];
    public bool IsManager { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public sealed record Row(long Id, MoneyApprovalKind Kind, long InvoiceId, string? InvoiceNumber, string CustomerName, long? DisputeId, long AmountMinor, string CurrencyCode,
        string? Reason, string ProposedBy, DateTime ProposedAt, MoneyApprovalStatus Status, string? DecidedBy, string? DecisionNote);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long approvalId, CancellationToken ct) => ManagerAsync(() => desk.ApproveAsync(approvalId, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(long approvalId, CancellationToken ct) => ManagerAsync(() => desk.RejectAsync(approvalId, Reason ?? "", ct), ct);

    private async Task<IActionResult> ManagerAsync(Func<Task<StepResult>> step, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        var result = await step();
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost();
        }
        await LoadAsync(ct);
        Problem = result.Message;
        Response.StatusCode = result.Message == ApprovalDesk.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        IsManager = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        var me = User.Identity?.Name ?? "";
        var visible = db.MoneyApprovals.AsNoTracking().Where(a => IsManager || a.ProposedBy == me);
        Pending = await Rows(visible.Where(a => a.Status == MoneyApprovalStatus.Proposed).OrderBy(a => a.ProposedAt)).ToListAsync(ct);
        Decided = await Rows(visible.Where(a => a.Status != MoneyApprovalStatus.Proposed).OrderByDescending(a => a.DecidedAt).Take(20)).ToListAsync(ct);
    }

    private IQueryable<Row> Rows(IQueryable<MoneyApproval> approvals) =>
        approvals.Select(a => new Row(a.Id, a.Kind, a.InvoiceId, a.Invoice!.Number, a.Invoice.Customer!.Name, a.DisputeId, a.AmountMinor, a.CurrencyCode,
            a.Reason, a.ProposedBy, a.ProposedAt, a.Status, a.DecidedBy, a.DecisionNote));

    public bool IsOwn(Row row) => string.Equals(row.ProposedBy, User.Identity?.Name, StringComparison.OrdinalIgnoreCase);
}
