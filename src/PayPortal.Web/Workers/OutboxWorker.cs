using PayPortal.Infrastructure.Logging;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Web.Workers;

/// <summary>Sends outbox messages in the background: right after a change commits one (signalled), and every few seconds to retry failures.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (logger.BeginScope(LogScope.Run("outbox")))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var sent = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendPendingAsync(ct: stoppingToken);
                    if (sent > 0) logger.LogInformation("Outbox: {Sent} message(s) sent", sent);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The outbox run failed; it will be retried.");
                }
            }
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
