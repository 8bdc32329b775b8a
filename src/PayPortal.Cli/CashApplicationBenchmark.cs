using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Cli;

/// <summary>
/// The cash-application benchmark: a labelled scenario over the database's open invoices, imported and
/// applied as a bank file would be, then judged line by line against the truth. A line is right when
/// what was applied (invoice and cash) is exactly the truth; lines paying no invoice are right when
/// nothing was applied. Prints the figures the README and closing notes quote.
/// </summary>
internal static class CashApplicationBenchmark
{
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--lines", "--seed", "--out");
        if (args.DatabasePath is null)
            throw new UsageException("bench cash-application applies made-up payments: give it a scratch database with --db PATH");
        var lineCount = args.Int("--lines", null, min: 1, max: 10_000_000);
        var seed = args.Int("--seed", 1, min: 0);
        var folder = args.Text("--out") ?? Path.Combine(Path.GetTempPath(), $"payportal-cash-bench-{seed}");
        Directory.CreateDirectory(folder);
        var db = services.GetRequiredService<PayPortalDbContext>();
        var today = services.GetRequiredService<TimeProvider>().Today();

        var watch = Stopwatch.StartNew();
        var scenario = await services.GetRequiredService<CashScenario>().GenerateAsync(lineCount, seed, today, ct);
        var file = Path.Combine(folder, $"scenario-{seed}.camt053.xml");
        await using (var stream = File.Create(file))
            Camt053Writer.Write(stream, $"BENCH-{seed}-{DateTime.UtcNow:yyyyMMddHHmmss}", "US00BANK0000000001", "USD", DateTime.UtcNow, scenario.Select(l => l.Entry));
        CashScenario.WriteTruth(Path.Combine(folder, $"scenario-{seed}.truth.csv"), scenario);
        var openInvoices = await db.Invoices.LongCountAsync(i => i.OpenMinor > 0, ct);
        await stdout.WriteLineAsync($"Scenario: {lineCount:N0} lines over {openInvoices:N0} open invoices, written in {watch.Elapsed.TotalSeconds:F1} s to {file}");

        watch.Restart();
        BankImportResult result;
        await using (var stream = File.OpenRead(file))
            result = await services.GetRequiredService<BankImport>().ImportAsync(stream, file, autoApply: true, ct);
        var elapsed = watch.Elapsed;
        if (!result.Succeeded) throw new DomainRefusal(string.Join("; ", result.Errors));

        // What each line became: (invoice number, cash) pairs applied by the engine.
        var statementId = result.StatementId!.Value;
        var applied = await db.BankLines.AsNoTracking().Where(l => l.BankStatementId == statementId)
            .Select(l => new
            {
                l.BankReference, l.Status,
                Allocations = db.Allocations.Where(a => a.PaymentId == l.PaymentId && a.Kind == AllocationKind.Payment && a.ReversedAt == null)
                    .Select(a => new { a.Invoice!.Number, a.AmountMinor }).ToList(),
            }).ToDictionaryAsync(l => l.BankReference, ct);

        var byCase = new Dictionary<string, (int Lines, int Applied, int Right)>();
        var (appliedLines, rightApplied, rightOverall) = (0, 0, 0);
        foreach (var line in scenario)
        {
            var outcome = applied[line.Entry.AccountServicerReference];
            var wasApplied = outcome.Status == BankLineStatus.AutoApplied;
            var got = outcome.Allocations.Select(a => (a.Number!, a.AmountMinor)).OrderBy(x => x).ToList();
            var want = line.Truth.Select(t => (t.InvoiceNumber, t.CashMinor)).OrderBy(x => x).ToList();
            var right = wasApplied && want.Count > 0 && got.SequenceEqual(want);
            if (wasApplied) appliedLines++;
            if (right) rightApplied++;
            if (right || want.Count == 0 && !wasApplied) rightOverall++;
            var c = byCase.GetValueOrDefault(line.Case);
            byCase[line.Case] = (c.Lines + 1, c.Applied + (wasApplied ? 1 : 0), c.Right + (right || want.Count == 0 && !wasApplied ? 1 : 0));
        }
        var credits = scenario.Count;
        string Pct(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%";
        await stdout.WriteLineAsync($"Imported, matched and applied {credits:N0} credit lines in {elapsed.TotalSeconds:F1} s ({credits / elapsed.TotalSeconds:N0} lines/s)");
        await stdout.WriteLineAsync($"Auto-applied {appliedLines:N0}; applied exactly right {rightApplied:N0}; exceptions {result.Exceptions:N0}");
        await stdout.WriteLineAsync($"Auto-match rate (applied exactly right / credit lines): {Pct((double)rightApplied / credits)}");
        await stdout.WriteLineAsync($"Precision (applied exactly right / applied): {Pct(appliedLines == 0 ? 0 : (double)rightApplied / appliedLines)}");
        await stdout.WriteLineAsync($"Lines handled right (applied right, or left for a person when they pay no invoice): {Pct((double)rightOverall / credits)}");
        await stdout.WriteLineAsync("By case: lines, auto-applied, right");
        foreach (var (name, c) in byCase.OrderByDescending(c => c.Value.Lines))
            await stdout.WriteLineAsync($"  {name,-16} {c.Lines,8:N0} {c.Applied,8:N0} {c.Right,8:N0}");
        return CliApp.Ok;
    }
}
