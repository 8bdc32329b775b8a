using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Cli;

/// <summary>
/// The collections benchmark: aging as of today and as of 90 days ago, the worklist, and the dunning run (dry
/// run, then for real), each timed through the application and next to a raw SQL baseline over the same
/// tables in the same run: the minimal query that computes the same figures, read with a plain data reader.
/// </summary>
internal static class CollectionsBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--skip-dunning");
        if (args.DatabasePath is null)
            throw new UsageException("bench collections sends dunning: give it a scratch database with --db PATH");
        var db = services.GetRequiredService<PayPortalDbContext>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var invoices = await db.Invoices.LongCountAsync(ct);
        var customers = await db.Customers.LongCountAsync(ct);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Collections benchmark over {invoices:N0} invoices of {customers:N0} customers, today {today:yyyy-MM-dd}."));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);

        foreach (var asOf in new[] { today, today.AddDays(-90) })
        {
            var aging = services.GetRequiredService<LedgerAging>();
            var (app, snapshot) = await Time(() => aging.SummaryAsync(asOf, ct: ct));
            var (raw, rawTotal) = await Time(() => Scalar(connection, AgingBaseline(asOf), ct));
            var total = snapshot.Totals.Sum(t => t.TotalMinor);
            if (total != rawTotal) throw new DomainRefusal($"Aging total {total} differs from the baseline's {rawTotal}.");
            await Report(stdout, $"aging as of {asOf:yyyy-MM-dd} ({snapshot.Customers.Count:N0} customers)", app, raw);
        }

        var worklist = services.GetRequiredService<Worklist>();
        var (listTime, list) = await Time(() => worklist.ListAsync(today, WorklistView.ToDo, null, false, 1, 50, ct));
        var (listRaw, _) = await Time(() => Scalar(connection, WorklistBaseline(today), ct));
        await Report(stdout, $"worklist, first page of 50 ({list.Total:N0} accounts ranked)", listTime, listRaw);

        if (!args.Flag("--skip-dunning"))
        {
            var (dryTime, dry) = await Time(() => services.GetRequiredService<DunningRunner>().RunAsync(today, dryRun: true, ct));
            var (dunRaw, _) = await Time(() => Scalar(connection, DunningBaseline(today), ct));
            await Report(stdout, $"dunning dry run ({dry.Emails:N0} emails, {dry.Letters:N0} letters, {dry.CallTasks:N0} call tasks over {dry.Invoices:N0} invoices)", dryTime, dunRaw);
            using var scope = services.CreateScope();
            var (runTime, run) = await Time(() => scope.ServiceProvider.GetRequiredService<DunningRunner>().RunAsync(today, dryRun: false, ct));
            await Report(stdout, $"dunning run, sending ({run.Emails + run.Letters:N0} messages, {run.Invoices:N0} notices written)", runTime, dunRaw);
            using var again = services.CreateScope();
            var (secondTime, second) = await Time(() => again.ServiceProvider.GetRequiredService<DunningRunner>().RunAsync(today, dryRun: false, ct));
            await Report(stdout, $"dunning run again the same day ({second.Invoices:N0} notices: nothing twice)", secondTime, dunRaw);
            // The next day's run, as the worker would make it tomorrow: the runner's clock is a day ahead.
            using var tomorrow = services.CreateScope();
            var nextDay = ActivatorUtilities.CreateInstance<DunningRunner>(tomorrow.ServiceProvider, new DayAhead(services.GetRequiredService<TimeProvider>()));
            var (nextTime, next) = await Time(() => nextDay.RunAsync(today.AddDays(1), dryRun: false, ct));
            await Report(stdout, $"the next day's run ({next.Emails + next.Letters:N0} messages, {next.CallTasks:N0} call tasks, {next.Invoices:N0} notices)", nextTime, dunRaw);
        }
        return CliApp.Ok;
    }

    private sealed class DayAhead(TimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow().AddDays(1);
    }

    private static async Task<(TimeSpan, T)> Time<T>(Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        return (watch.Elapsed, result);
    }

    private static Task Report(TextWriter stdout, string what, TimeSpan app, TimeSpan raw) =>
        stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {what}: {app.TotalSeconds:F2} s (raw SQL baseline {raw.TotalSeconds:F2} s, x{app.TotalSeconds / Math.Max(raw.TotalSeconds, 0.001):F1})"));

    // Reads every row the way a report would, returning the first column's sum.
    private static async Task<long> Scalar(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        long sum = 0;
        while (await reader.ReadAsync(ct)) sum += reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        return sum;
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Open per invoice from the ledger up to the date, bucketed by due date, summed per customer and bucket.
    private static string AgingBaseline(DateOnly asOf) => $"""
        SELECT SUM(o.open_minor) FROM (
            SELECT "InvoiceId", SUM("AmountMinor") AS open_minor FROM "LedgerEntries"
            WHERE "InvoiceId" IS NOT NULL AND "Account" = 1 AND "OccurredOn" <= '{D(asOf)}'
            GROUP BY "InvoiceId" HAVING SUM("AmountMinor") <> 0) o
        JOIN "Invoices" i ON i."Id" = o."InvoiceId"
        GROUP BY i."CustomerId", CASE WHEN i."DueDate" >= '{D(asOf)}' THEN 0 WHEN i."DueDate" >= '{D(asOf.AddDays(-30))}' THEN 1
            WHEN i."DueDate" >= '{D(asOf.AddDays(-60))}' THEN 2 WHEN i."DueDate" >= '{D(asOf.AddDays(-90))}' THEN 3
            WHEN i."DueDate" >= '{D(asOf.AddDays(-120))}' THEN 4 ELSE 5 END
        """;

    // Past due and undisputed per customer: the worklist's core figure.
    private static string WorklistBaseline(DateOnly today) => $"""
        SELECT SUM("OpenMinor" - "DisputedMinor"), MIN("DueDate") FROM "Invoices"
        WHERE "OpenMinor" <> 0 AND "OpenMinor" > "DisputedMinor" AND "DueDate" < '{D(today)}' GROUP BY "CustomerId"
        """;

    // The open invoices whose dunning could be due, with the last step done for each.
    private static string DunningBaseline(DateOnly today) => $"""
        SELECT i."OpenMinor" - i."DisputedMinor", i."DueDate", n.last_offset FROM "Invoices" i
        LEFT JOIN (SELECT "InvoiceId", MAX("OffsetDays") AS last_offset FROM "DunningNotices" GROUP BY "InvoiceId") n ON n."InvoiceId" = i."Id"
        WHERE i."OpenMinor" > 0 AND i."DueDate" <= '{D(today.AddDays(3))}'
        """;
}
