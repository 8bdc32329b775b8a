using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Aging;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Infrastructure.Reporting.Exports;

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
            catch (ArgumentException ex)
            {
                throw new UsageException($"--buckets: {DomainMessages.Of(ex)}");
            }
            if (buckets.UpperBounds.Count > LedgerAging.MaxBoundaries) throw new UsageException($"--buckets takes at most {LedgerAging.MaxBoundaries} boundaries");
        }
        var snapshot = await services.GetRequiredService<LedgerAging>().SummaryAsync(asOf, buckets: buckets, ct: ct);
        var table = AgingTables.CommandLine(snapshot);
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
