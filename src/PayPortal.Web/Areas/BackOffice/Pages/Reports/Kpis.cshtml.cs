using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Reports;

namespace PayPortal.Web.Areas.BackOffice.Pages.Reports;

/// <summary>DSO, best possible DSO, days delinquent, CEI, turnover and percent current over a chosen period, with definitions and a monthly trend.</summary>
public class KpisModel(KpiReport report, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public IReadOnlyList<KpiResult> Results { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Read() is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            From = To = null;
            Read();
        }
        Results = await report.ForPeriodAsync(From!.Value, To!.Value, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken ct)
    {
        if (!ReportDownload.IsKnownFormat(format)) return BadRequest("format must be csv or xlsx");
        if (Read() is { } problem) return BadRequest(problem);
        var results = await report.ForPeriodAsync(From!.Value, To!.Value, ct: ct);
        return await ReportDownload.FileAsync(KpiTables.Table(results), format!, $"kpis-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}", ct);
    }

    // The last 90 days unless chosen; a period of one day to five years.
    private string? Read()
    {
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            return "Enter the period as dates, e.g. " + clock.Today().ToString("yyyy-MM-dd") + ".";
        }
        if (!ReportDates.InRange(From) || !ReportDates.InRange(To)) return $"Choose dates between {ReportDates.Earliest:yyyy} and {ReportDates.Latest:yyyy}.";
        To ??= clock.Today();
        From ??= To.Value.AddDays(-89);
        if (From > To) return "The period ends before it starts.";
        if (To.Value.DayNumber - From.Value.DayNumber > 5 * 366) return "Choose a period of at most five years.";
        return null;
    }
}
