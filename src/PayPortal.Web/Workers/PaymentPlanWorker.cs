using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Logging;
using PayPortal.Infrastructure.Plans;

namespace PayPortal.Web.Workers;

/// <summary>Looks at payment plans every hour (reminders, completion, breaking). The run is idempotent, so a restart or a second run the same day sends nothing twice.</summary>
public sealed class PaymentPlanWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PaymentPlanWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            using var run = logger.BeginScope(LogScope.Run("payment-plans"));
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<PlanMonitor>().RunAsync(clock.Today(), stoppingToken);
                if (result.Reminders + result.Broken + result.Completed > 0)
                    logger.LogInformation("Payment plans: {Reminders} reminders, {Broken} broken, {Completed} completed", result.Reminders, result.Broken, result.Completed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The payment plan run failed; it will run again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
