using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Reports;

namespace PayPortal.Web.Areas.BackOffice.Pages.Reports;

/// <summary>The 13-week cash forecast from today, and the one that would have been made a quarter ago beside what actually came in.</summary>
public class ForecastModel(CashForecastReport report, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CashForecastResult> Ahead { get; private set; } = [];
    public IReadOnlyList<CashForecastResult> LastQuarter { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DateOnly QuarterAgo => Today.AddDays(-7 * Domain.Reporting.WeeklyForecast.Weeks);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Ahead = await report.ForecastAsync(Today, ct);
        LastQuarter = await report.ForecastAsync(QuarterAgo, ct);
        return Page();
    }

    /// <summary>?handler=download&amp;format=csv|xlsx&amp;back=true for last quarter's forecast with actuals.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string? format, bool back, CancellationToken ct)
    {
        if (!ReportDownload.IsKnownFormat(format)) return BadRequest("format must be csv or xlsx");
        Today = clock.Today();
        var start = back ? QuarterAgo : Today;
        return await ReportDownload.FileAsync(ForecastTables.Table(await report.ForecastAsync(start, ct)), format!, $"cash-forecast-{start:yyyy-MM-dd}", ct);
    }

    public static string Accuracy(long forecast, long actual) =>
        actual == 0 ? "n/a" : (100m - Math.Abs(forecast - actual) * 100m / actual).ToString("0.0") + "%";
}
