using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.Reporting;

public static class EndOfDayTables
{
    public static ReportTable Table(DayReport report)
    {
        var table = new ReportTable($"End of day {report.Day:yyyy-MM-dd}",
            [new("section", "Section"), new("customer", "Customer"), new("detail", "Detail"), new("currency", "Currency"), new("amount", "Amount", CellKind.Amount)]);
        foreach (var l in report.Lines)
            table.Add(l.Section, l.Customer, l.Detail, l.Amount?.Currency.Code, l.Amount is { } m ? AgingTables.Major(m.Minor, m.Currency) : null);
        return table;
    }
}
