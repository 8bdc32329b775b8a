using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Email;

/// <summary>
/// The daily collections run: once a day, from the configured hour, it sends the dunning due (deciding
/// promises first), refreshes the risk scores and sends last month's statements to whoever has not had theirs. It checks every hour whether today's run is done; the
/// run itself is idempotent, so a restart or a run from the command line the same day sends nothing twice.
/// </summary>
public sealed class DunningWorker(IServiceScopeFactory scopes, IOptions<CollectionsOptions> options, TimeProvider clock, ILogger<DunningWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AutoRun) return;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (now.Hour < options.Value.RunHourUtc) continue;
                var today = clock.Today();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PayPortalDbContext>();
                if (await db.DunningRuns.AnyAsync(r => r.RunOn == today, stoppingToken)) continue;
                var outcome = await scope.ServiceProvider.GetRequiredService<DunningRunner>().RunAsync(today, dryRun: false, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<RiskScoring>().RefreshAllAsync(today, stoppingToken);
                // Last month's statements go out with the first run of a month (the run skips customers who have theirs).
                var statements = await scope.ServiceProvider.GetRequiredService<Infrastructure.Statements.StatementRun>()
                    .RunAsync(new DateOnly(today.Year, today.Month, 1).AddMonths(-1), dryRun: false, stoppingToken);
                logger.LogInformation("Dunning run {Day}: {Emails} emails, {Letters} letters, {Calls} call tasks; {Statements} statements", today, outcome.Emails, outcome.Letters, outcome.CallTasks, statements.Customers);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The daily dunning run failed; it will be tried again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
