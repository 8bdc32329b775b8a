using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Logging;

namespace PayPortal.Web.Workers;

/// <summary>
/// The daily collections run: once a day, from the configured hour, it sends the dunning due (deciding
/// promises first), refreshes the risk scores and sends last month's statements to whoever has not had theirs. It checks every hour whether today's run is done; the
/// run itself is idempotent, so a restart or a run from the command line the same day sends nothing twice.
/// </summary>
public sealed class DailyCollectionsWorker(IServiceScopeFactory scopes, IOptions<CollectionsOptions> options, TimeProvider clock, ILogger<DailyCollectionsWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AutoRun) return;
        using var timer = new PeriodicTimer(Interval, clock);
        // Each job keeps its own day: a dunning run sent by hand earlier does not stop the day's scores and statements.
        DateOnly? scored = null, stated = null;
        do
        {
            using var run = logger.BeginScope(LogScope.Run("daily-collections"));
            try
            {
                if (clock.GetUtcNow().UtcDateTime.Hour < options.Value.RunHourUtc) continue;
                var today = clock.Today();
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                if (!await services.GetRequiredService<PayPortalDbContext>().DunningRuns.AnyAsync(r => r.RunOn == today, stoppingToken))
                {
                    var outcome = await services.GetRequiredService<DunningRunner>().RunAsync(today, dryRun: false, stoppingToken);
                    logger.LogInformation("Dunning run {Day}: {Emails} emails, {Letters} letters, {Calls} call tasks", today, outcome.Emails, outcome.Letters, outcome.CallTasks);
                }
                if (scored != today)
                {
                    await services.GetRequiredService<RiskScoring>().RefreshAllAsync(today, stoppingToken);
                    scored = today;
                }
                if (stated != today)
                {
                    // Last month's statements: the run skips customers who have theirs, so a restart sends nothing twice.
                    var statements = await services.GetRequiredService<Infrastructure.Statements.StatementRun>()
                        .RunAsync(new DateOnly(today.Year, today.Month, 1).AddMonths(-1), dryRun: false, stoppingToken);
                    if (statements.Customers > 0) logger.LogInformation("Statements for {Month:yyyy-MM}: {Customers} sent", statements.From, statements.Customers);
                    stated = today;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The daily collections run failed; it will be tried again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
