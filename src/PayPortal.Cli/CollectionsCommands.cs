using System.Globalization;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;

namespace PayPortal.Cli;

/// <summary>`payportal dunning run` and `payportal risk refresh`: the daily collections jobs, headless.</summary>
internal static class CollectionsCommands
{
    public static async Task<int> DunningRunAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--as-of", "--dry-run");
        var asOf = args.Date("--as-of", services.GetRequiredService<TimeProvider>().Today());
        var dryRun = args.Flag("--dry-run");
        var watch = Stopwatch.StartNew();
        var outcome = await services.GetRequiredService<DunningRunner>().RunAsync(asOf, dryRun, ct);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Dunning {(dryRun ? "dry run (nothing sent, nothing changed)" : "run")} as of {asOf:yyyy-MM-dd}: {outcome.Emails} email(s), {outcome.Letters} letter(s), {outcome.CallTasks} call task(s) covering {outcome.Invoices} invoice(s); promises {outcome.PromisesKept} kept, {outcome.PromisesBroken} broken; {watch.Elapsed.TotalSeconds:F1} s."));
        foreach (var m in outcome.Messages)
        {
            var what = m.Action switch { DunningAction.Email => "email ", DunningAction.Letter => "letter", _ => "call  " };
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {what} {m.OffsetDays,4:+0;-0;0}  {m.CustomerNumber}  {m.Invoices.Count} invoice(s)  {m.Total}  {(m.To.Count == 0 ? "(worklist task)" : "to " + string.Join(", ", m.To))}  \"{m.Subject}\""));
        }
        var skipped = outcome.Skipped.Where(s => s.Key != DunningSkip.NoStepDue).OrderBy(s => s.Key).ToList();
        if (skipped.Count > 0)
            await stdout.WriteLineAsync("Skipped invoices: " + string.Join(", ", skipped.Select(s => $"{s.Value} {DunningSchedule.Describe(s.Key)}")));
        return CliApp.Ok;
    }

    public static async Task<int> StatementsRunAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--month", "--dry-run");
        var today = services.GetRequiredService<TimeProvider>().Today();
        var month = args.Text("--month") is { } text
            ? DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : throw new UsageException($"--month must be a month like 2026-10, not '{text}'")
            : new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var result = await services.GetRequiredService<Infrastructure.Statements.StatementRun>().RunAsync(month, args.Flag("--dry-run"), ct);
        await stdout.WriteLineAsync(result.DryRun
            ? $"Statements for {result.From:yyyy-MM} (dry run): {result.Customers} customer(s) with a balance would get one; {result.AlreadySent} already have it."
            : $"Statements for {result.From:yyyy-MM}: sent to {result.Customers} customer(s) ({result.Emails} email(s)); {result.AlreadySent} already had it.");
        return CliApp.Ok;
    }

    public static async Task<int> RiskRefreshAsync(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--as-of");
        var asOf = args.Date("--as-of", services.GetRequiredService<TimeProvider>().Today());
        var watch = Stopwatch.StartNew();
        var count = await services.GetRequiredService<RiskScoring>().RefreshAllAsync(asOf, ct);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Risk scores of {count:N0} customer(s) refreshed as of {asOf:yyyy-MM-dd} in {watch.Elapsed.TotalSeconds:F1} s."));
        return CliApp.Ok;
    }
}
