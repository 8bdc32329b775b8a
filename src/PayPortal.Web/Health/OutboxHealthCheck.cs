using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Health;

/// <summary>
/// Email is flowing: the messages still to be sent (neither sent nor given up) are no more than
/// <see cref="HealthOptions.OutboxBacklogMax"/>, and the oldest of them is younger than
/// <see cref="HealthOptions.OutboxOldestMaxAge"/>. A message stuck at the head of the queue, or a mail
/// server that stopped answering, shows here before customers notice.
/// </summary>
public sealed class OutboxHealthCheck(PayPortalDbContext db, IOptions<HealthOptions> options, TimeProvider clock, ILogger<OutboxHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var waiting = db.Outbox.AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null);
            var backlog = await waiting.CountAsync(ct);
            if (backlog == 0) return HealthCheckResult.Healthy("Nothing waiting to be sent.");
            var oldest = await waiting.OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).FirstAsync(ct);
            var age = clock.GetUtcNow().UtcDateTime - oldest;
            var limits = options.Value;
            var problems = new List<string>();
            if (backlog > limits.OutboxBacklogMax) problems.Add($"over the limit of {limits.OutboxBacklogMax}");
            if (age > limits.OutboxOldestMaxAge) problems.Add($"the oldest waiting longer than {Durations.Describe(limits.OutboxOldestMaxAge)}");
            var description = $"{backlog} message(s) waiting, the oldest for {Durations.Describe(age)}";
            var data = new Dictionary<string, object> { ["backlog"] = backlog, ["oldestAgeSeconds"] = (long)age.TotalSeconds };
            return problems.Count == 0
                ? HealthCheckResult.Healthy(description + ".", data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"{description}: {string.Join(" and ", problems)}.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Health check: the outbox could not be read.");
            return new HealthCheckResult(context.Registration.FailureStatus, "The outbox cannot be read.");
        }
    }
}
