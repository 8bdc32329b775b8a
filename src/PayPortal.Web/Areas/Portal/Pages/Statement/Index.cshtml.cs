using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Pdf;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Statement;

/// <summary>The account statement for any period (this month by default), on screen and as PDF.</summary>
public class IndexModel(PayPortalDbContext db, StatementQuery statements, IOptions<CompanyOptions> company, TimeProvider clock) : PageModel
{
    public const int MaxDays = 3 * 366;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public Domain.Ledger.Statement? Result { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(DateOnly From, DateOnly To)> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Normalize()) return Page();
        Result = await statements.ForCustomerAsync(User.CustomerId(), From!.Value, To!.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (!Normalize()) return BadRequest(Error ?? "");
        var customerId = User.CustomerId();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.Number }).SingleAsync(ct);
        var statement = await statements.ForCustomerAsync(customerId, From!.Value, To!.Value, ct);
        return File(StatementPdf.Render(company.Value, customer.Name, customer.Number, statement), "application/pdf",
            $"statement-{customer.Number}-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.pdf");
    }

    /// <summary>Fills in this month by default and checks the range; false with <see cref="Error"/> when it cannot be shown.</summary>
    private bool Normalize()
    {
        var today = clock.Today();
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        Months = Enumerable.Range(0, 12).Select(i => firstOfMonth.AddMonths(-i)).Select(m => (m, m.AddMonths(1).AddDays(-1))).ToList();
        From ??= firstOfMonth;
        To ??= From.Value.AddMonths(1).AddDays(-1);
        if (To < From) Error = "The end date is before the start date.";
        else if (To.Value.DayNumber - From.Value.DayNumber > MaxDays) Error = "Choose a period of at most three years.";
        if (Error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Error is null;
    }
}
