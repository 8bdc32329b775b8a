using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>The aging report as downloadable tables (CSV, .xlsx) and command-line output: amounts in major units.</summary>
public static class AgingTables
{
    /// <summary>customer_number, customer_name, currency, one column per bucket, total, disputed, in_plan; then a total row per currency.</summary>
    public static ReportTable Summary(AgingSnapshot snapshot)
    {
        var columns = new List<ReportColumn> { new("customer_number", "Customer"), new("customer_name", "Name"), new("currency", "Currency") };
        columns.AddRange(snapshot.Buckets.Keys.Zip(snapshot.Buckets.Labels).Select(b => new ReportColumn(b.First, b.Second, CellKind.Amount)));
        columns.AddRange([new("total", "Total", CellKind.Amount), new("disputed", "Disputed", CellKind.Amount), new("in_plan", "In a payment plan", CellKind.Amount)]);
        var table = new ReportTable($"Aging {snapshot.AsOf:yyyy-MM-dd}", columns);
        foreach (var c in snapshot.Customers)
            table.Add([c.Number, c.Name, c.Currency.Code, .. Amounts(c.BucketMinor, c.Currency), Major(c.TotalMinor, c.Currency), Major(c.DisputedMinor, c.Currency), Major(c.InPlanMinor, c.Currency)]);
        foreach (var t in snapshot.Totals)
            table.Add([TotalLabel(snapshot, t), $"{t.Customers} customers and {t.Invoices} invoices", t.Currency.Code, .. Amounts(t.BucketMinor, t.Currency),
                Major(t.TotalMinor, t.Currency), Major(t.DisputedMinor, t.Currency), Major(t.InPlanMinor, t.Currency)]);
        return table;
    }

    /// <summary>The command line's summary: customer_number, the buckets and total (the contract of `payportal report aging`).</summary>
    public static ReportTable CommandLine(AgingSnapshot snapshot)
    {
        var columns = new List<ReportColumn> { new("customer_number", "Customer") };
        columns.AddRange(snapshot.Buckets.Keys.Zip(snapshot.Buckets.Labels).Select(b => new ReportColumn(b.First, b.Second, CellKind.Amount)));
        columns.Add(new("total", "Total", CellKind.Amount));
        var table = new ReportTable($"Aging {snapshot.AsOf:yyyy-MM-dd}", columns);
        foreach (var c in snapshot.Customers) table.Add([c.Number, .. Amounts(c.BucketMinor, c.Currency), Major(c.TotalMinor, c.Currency)]);
        foreach (var t in snapshot.Totals) table.Add([TotalLabel(snapshot, t), .. Amounts(t.BucketMinor, t.Currency), Major(t.TotalMinor, t.Currency)]);
        return table;
    }

    public static ReportTable Detail(DateOnly asOf, Domain.Aging.AgingBuckets buckets, IEnumerable<AgedInvoice> invoices)
    {
        var table = new ReportTable($"Aging detail {asOf:yyyy-MM-dd}",
        [
            new("invoice_number", "Invoice"), new("customer_number", "Customer"), new("customer_name", "Name"), new("issue_date", "Issued", CellKind.Date),
            new("due_date", "Due", CellKind.Date), new("days_past_due", "Days past due", CellKind.Integer), new("bucket", "Bucket"), new("currency", "Currency"),
            new("open", "Open", CellKind.Amount), new("disputed", "Disputed", CellKind.Amount), new("in_plan", "In a payment plan", CellKind.Amount),
        ]);
        foreach (var i in invoices)
            table.Add(i.Number, i.CustomerNumber, i.CustomerName, i.IssueDate, i.DueDate, i.DaysPastDue, buckets.Keys[i.Bucket], i.Currency.Code,
                Major(i.OpenMinor, i.Currency), Major(i.DisputedMinor, i.Currency), Major(i.InPlanMinor, i.Currency));
        return table;
    }

    // "TOTAL" alone when there is one currency; one "TOTAL EUR" row per currency otherwise (amounts in different currencies never add up).
    private static string TotalLabel(AgingSnapshot snapshot, AgingTotal total) => snapshot.Totals.Count == 1 ? "TOTAL" : $"TOTAL {total.Currency.Code}";

    private static object?[] Amounts(long[] minor, Domain.Currency currency) => minor.Select(m => (object?)Major(m, currency)).ToArray();

    /// <summary>Major units that keep the currency's decimals (12.00, not 12): multiplying by 0.01m sets the scale.</summary>
    public static decimal Major(long minor, Domain.Currency currency) => minor * new decimal(1, 0, 0, false, (byte)currency.MinorDigits);
}
