using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Statements;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Statements;

/// <summary>The monthly statement run: who would get last month's statement, and sending it (once per customer and month).</summary>
public class IndexModel(StatementRun run, TimeProvider clock) : PageModel
{
    public DateOnly Month { get; private set; }
    public StatementRunResult? Result { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Month = LastMonth();
        Result = await run.RunAsync(Month, dryRun: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await run.RunAsync(LastMonth(), dryRun: false, ct);
        StatusMessage = $"Statements for {result.From:MMMM yyyy} sent to {result.Customers} customer(s) ({result.Emails} email(s)).";
        return this.RedirectAfterPost();
    }

    private DateOnly LastMonth()
    {
        var today = clock.Today();
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }
}
