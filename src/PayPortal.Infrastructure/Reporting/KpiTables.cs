using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>The KPIs and their monthly trend as one downloadable table: a row per currency and month, the period's figures on the period rows.</summary>
public static class KpiTables
{
    public static ReportTable Table(IReadOnlyList<KpiResult> results)
    {
        var table = new ReportTable("KPIs",
        [
            new("currency", "Currency"), new("row", "Row"), new("from", "From", CellKind.Date), new("to", "To", CellKind.Date),
            new("receivables", "Receivables at end", CellKind.Amount), new("credit_sales", "Credit sales", CellKind.Amount), new("bad_debt", "Bad debt", CellKind.Amount),
            new("dso", "DSO", CellKind.Percent), new("countback_dso", "Countback DSO", CellKind.Percent), new("best_possible_dso", "Best possible DSO", CellKind.Percent),
            new("average_days_delinquent", "Average days delinquent", CellKind.Percent), new("cei", "CEI %", CellKind.Percent), new("turnover", "AR turnover", CellKind.Percent),
            new("percent_current", "Percent current", CellKind.Percent),
        ]);
        foreach (var r in results)
        {
            var c = r.Currency;
            var k = r.Kpis;
            table.Add(c.Code, "period", r.Inputs.From, r.Inputs.To, AgingTables.Major(r.Inputs.ClosingReceivables, c), AgingTables.Major(r.Inputs.CreditSales, c), null,
                k.Dso, k.CountbackDso, k.BestPossibleDso, k.AverageDaysDelinquent, k.Cei, k.Turnover, k.PercentCurrent);
            foreach (var m in r.Trend)
            {
                var monthEnd = m.Month.AddMonths(1).AddDays(-1);
                table.Add(c.Code, "month", m.Month, monthEnd < r.Inputs.To ? monthEnd : r.Inputs.To, AgingTables.Major(m.ClosingReceivables, c), AgingTables.Major(m.Sales, c),
                    AgingTables.Major(m.BadDebt, c), m.Dso, null, null, null, null, null, null);
            }
        }
        return table;
    }
}
