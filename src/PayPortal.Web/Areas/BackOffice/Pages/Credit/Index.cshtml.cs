using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Credit;

/// <summary>
/// Credit control: limit utilisation, hold suggestions (over the limit, or past due beyond the threshold; release
/// when neither applies), requests to place or release a hold, and a manager's decision on them.
/// </summary>
public class IndexModel(CreditDesk desk, PayPortalDbContext db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<CreditPosition> Positions { get; private set; } = [];
    public IReadOnlyList<CreditHoldRequest> Pending { get; private set; } = [];
    public bool IsManager { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Place (or release) a hold: a request for a specialist, done at once for a manager.</summary>
    public async Task<IActionResult> OnPostRequestAsync(long customerId, bool place, CancellationToken ct)
    {
        var manager = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        return await DoneAsync(await desk.RequestAsync(customerId, place, Reason ?? "", approveNow: manager, ct), ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(long requestId, bool approve, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        return await DoneAsync(await desk.DecideAsync(requestId, approve, Reason, ct), ct);
    }

    private async Task<IActionResult> DoneAsync(StepResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost();
        }
        if (result.Message.StartsWith("No such", StringComparison.Ordinal)) return NotFound();
        await LoadAsync(ct);
        Problem = result.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        IsManager = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        Positions = await desk.ReviewAsync(ct);
        Pending = await db.CreditHoldRequests.AsNoTracking().Include(r => r.Customer).Where(r => r.Status == CreditHoldRequestStatus.Pending).OrderBy(r => r.RequestedAt).ToListAsync(ct);
    }

    public static string SuggestionText(CreditSuggestion suggestion) => suggestion switch
    {
        CreditSuggestion.PlaceOverLimit => "Hold: over the credit limit",
        CreditSuggestion.PlacePastDue => "Hold: past due beyond the threshold",
        CreditSuggestion.Release => "Release: back within limit and terms",
        _ => "",
    };
}
