using PayPortal.Domain.Reporting;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>The cash forecast as a table: a row per currency and week (then "later" and "doubtful"), with what came in when the forecast is in the past.</summary>
public static class ForecastTables
{
    public static ReportTable Table(IReadOnlyList<CashForecastResult> results)
    {
        var table = new ReportTable("Cash forecast",
            [new("currency", "Currency"), new("week", "Week"), new("week_start", "Week starting", CellKind.Date), new("expected", "Expected", CellKind.Amount), new("actual", "Received", CellKind.Amount)]);
        foreach (var r in results)
        {
            var c = r.Currency;
            for (var w = 0; w < WeeklyForecast.Weeks; w++)
                table.Add(c.Code, (w + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Forecast.WeekStart(w), AgingTables.Major(r.Forecast.WeekMinor[w], c),
                    r.ActualMinor is { } actual ? AgingTables.Major(actual[w], c) : null);
            table.Add(c.Code, "later", null, AgingTables.Major(r.Forecast.LaterMinor, c), null);
            table.Add(c.Code, "doubtful", null, AgingTables.Major(r.Forecast.DoubtfulMinor, c), null);
        }
        return table;
    }
}
