using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain;
using PayPortal.Domain.Aging;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Infrastructure.Adapters.Exports;

namespace PayPortal.Cli;

/// <summary>`payportal report ...`: the back office's reports for scripts and scheduled jobs.</summary>
internal static class ReportCommands
{
    public static async Task<int> AgingAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--as-of", "--format", "--buckets");
        var asOf = args.Date("--as-of", services.GetRequiredService<TimeProvider>().Today());
        var format = Format(args);
        AgingBuckets? buckets = null;
        if (args.Text("--buckets") is { } text)
        {
            try
            {
                buckets = AgingBuckets.Parse(text);
            }
            catch (DomainRefusal refusal)
            {
                throw new UsageException($"--buckets: {refusal.Message}");
            }
            if (buckets.UpperBounds.Count > LedgerAging.MaxBoundaries) throw new UsageException($"--buckets takes at most {LedgerAging.MaxBoundaries} boundaries");
        }
        var snapshot = await services.GetRequiredService<LedgerAging>().SummaryAsync(asOf, buckets: buckets, ct: ct);
        return await WriteAsync(AgingTables.CommandLine(snapshot), format, stdout, ct);
    }

    public static async Task<int> KpisAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--from", "--to", "--format");
        var to = args.Date("--to", services.GetRequiredService<TimeProvider>().Today());
        var from = args.Date("--from", to.AddDays(-89));
        if (from > to) throw new UsageException("--from must not be after --to");
        var results = await services.GetRequiredService<KpiReport>().ForPeriodAsync(from, to, ct: ct);
        return await WriteAsync(KpiTables.Table(results), Format(args), stdout, ct);
    }

    public static async Task<int> ForecastAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--from", "--format");
        var from = args.Date("--from", services.GetRequiredService<TimeProvider>().Today());
        var results = await services.GetRequiredService<CashForecastReport>().ForecastAsync(from, ct);
        return await WriteAsync(ForecastTables.Table(results), Format(args), stdout, ct);
    }

    public static async Task<int> EndOfDayAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--day", "--format");
        var day = args.Date("--day", services.GetRequiredService<TimeProvider>().Today());
        var report = await services.GetRequiredService<EndOfDayReport>().ForDayAsync(day, ct);
        return await WriteAsync(EndOfDayTables.Table(report), Format(args), stdout, ct);
    }

    private static async Task<int> WriteAsync(ReportTable table, string format, TextWriter stdout, CancellationToken ct)
    {
        if (format == "csv") await CsvExport.WriteAsync(table, stdout, ct);
        else await PlainTextTable.WriteAsync(table, stdout);
        return CliApp.Ok;
    }

    private static string Format(CliArguments args) => args.Text("--format") switch
    {
        null or "table" => "table",
        "csv" => "csv",
        var other => throw new UsageException($"--format must be csv or table, not '{other}'"),
    };
}
