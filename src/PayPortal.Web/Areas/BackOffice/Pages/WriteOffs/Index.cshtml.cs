using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Display;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.WriteOffs;

/// <summary>Write-offs: proposals waiting for a manager, decisions, and written-off money to recover when a payment comes in after all.</summary>
public class IndexModel(PayPortalDbContext db, WriteOffDesk desk, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<WriteOffRequest> Pending { get; private set; } = [];
    public IReadOnlyList<WriteOffRequest> Decided { get; private set; } = [];
    public IReadOnlyList<Recoverable> Written { get; private set; } = [];
    public bool IsManager { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public long PaymentId { get; set; }
    [BindProperty] public string? Amount { get; set; }

    public sealed record PaymentChoice(long Id, string Text);
    public sealed record Recoverable(long Id, long CustomerId, string CustomerName, string InvoiceNumber, string CurrencyCode, long AmountMinor, long RecoveredMinor, DateOnly On, string Reason,
        IReadOnlyList<PaymentChoice> Payments);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long requestId, CancellationToken ct) => ManagerAsync(() => desk.ApproveAsync(requestId, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(long requestId, CancellationToken ct) => ManagerAsync(() => desk.DeclineAsync(requestId, Reason ?? "", ct), ct);

    public async Task<IActionResult> OnPostRecoverAsync(long writeOffId, CancellationToken ct) => await DoneAsync(await desk.RecoverAsync(writeOffId, PaymentId, Amount ?? "", ct), ct);

    private async Task<IActionResult> ManagerAsync(Func<Task<StepResult>> step, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        return await DoneAsync(await step(), ct);
    }

    private async Task<IActionResult> DoneAsync(StepResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost();
        }
        await LoadAsync(ct);
        Problem = result.Message;
        Response.StatusCode = result.Message.StartsWith("No such", StringComparison.Ordinal) ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        IsManager = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        Pending = await db.WriteOffRequests.AsNoTracking().Include(r => r.Invoice).ThenInclude(i => i!.Customer)
            .Where(r => r.Status == WriteOffRequestStatus.Pending).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        Decided = await db.WriteOffRequests.AsNoTracking().Include(r => r.Invoice).ThenInclude(i => i!.Customer)
            .Where(r => r.Status != WriteOffRequestStatus.Pending).OrderByDescending(r => r.DecidedAt).Take(20).ToListAsync(ct);
        // Everything still recoverable (however old), then the latest fully recovered ones.
        var writeOffs = await db.WriteOffs.AsNoTracking().OrderBy(w => w.RecoveredMinor >= w.AmountMinor).ThenByDescending(w => w.Id).Take(500)
            .Select(w => new { w.Id, w.CustomerId, Name = w.Customer!.Name, Number = w.Invoice!.Number, w.Invoice.CurrencyCode, w.AmountMinor, w.RecoveredMinor, w.WrittenOffOn, w.Reason })
            .ToListAsync(ct);
        var customers = writeOffs.Where(w => w.RecoveredMinor < w.AmountMinor).Select(w => w.CustomerId).Distinct().ToList();
        var payments = (await db.Payments.AsNoTracking().Where(p => customers.Contains(p.CustomerId) && p.IsReceived && p.UnappliedMinor > 0)
            .Select(p => new { p.Id, p.CustomerId, p.ReceivedOn, p.Reference, p.UnappliedMinor, p.CurrencyCode }).ToListAsync(ct))
            .GroupBy(p => p.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<PaymentChoice>)g.Select(p =>
                new PaymentChoice(p.Id, $"{p.ReceivedOn:yyyy-MM-dd} {p.Reference}: {Format.Money(p.UnappliedMinor, p.CurrencyCode)} unapplied")).ToList());
        Written = writeOffs.Select(w => new Recoverable(w.Id, w.CustomerId, w.Name, w.Number ?? "", w.CurrencyCode, w.AmountMinor, w.RecoveredMinor, w.WrittenOffOn, w.Reason,
            payments.GetValueOrDefault(w.CustomerId, []))).ToList();
    }
}
