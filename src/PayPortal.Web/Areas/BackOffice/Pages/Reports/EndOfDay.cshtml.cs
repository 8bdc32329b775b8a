using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Reports;

namespace PayPortal.Web.Areas.BackOffice.Pages.Reports;

/// <summary>The end-of-day report: receipts, applications, new disputes, promises due and broken, plans broken, emails sent.</summary>
public class EndOfDayModel(EndOfDayReport report, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }
    public DayReport Report { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !ReportDates.InRange(Day))
        {
            ModelState.Clear();
            Problem = "Enter the day as a date, e.g. " + clock.Today().ToString("yyyy-MM-dd") + "; today is shown.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Day = null;
        }
        Report = await report.ForDayAsync(Day ?? clock.Today(), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? format, CancellationToken ct)
    {
        if (!ReportDownload.IsKnownFormat(format)) return BadRequest("format must be csv or xlsx");
        if (!ModelState.IsValid || !ReportDates.InRange(Day)) return BadRequest("day must be a date such as 2026-11-23");
        var day = Day ?? clock.Today();
        return await ReportDownload.FileAsync(EndOfDayTables.Table(await report.ForDayAsync(day, ct)), format!, $"end-of-day-{day:yyyy-MM-dd}", ct);
    }
}
