using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Health;

/// <summary>
/// The daily collections run (dunning, whether the portal's worker or <c>payportal dunning run</c> did it) finished
/// within <see cref="HealthOptions.CollectionsRunMaxAge"/>. On a fresh install with no run recorded, the portal's
/// start stands in for the last run: healthy for that long, then overdue like any other missed run.
/// </summary>
public sealed class CollectionsRunHealthCheck(PayPortalDbContext db, IOptions<HealthOptions> options, PortalStarted started, TimeProvider clock, ILogger<CollectionsRunHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var maxAge = options.Value.CollectionsRunMaxAge;
        if (maxAge == TimeSpan.Zero) return HealthCheckResult.Healthy("Not watched (Health:CollectionsRunMaxAge is 0).");
        try
        {
            var last = await db.DunningRuns.AsNoTracking().OrderByDescending(r => r.FinishedAt).Select(r => (DateTime?)r.FinishedAt).FirstOrDefaultAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var age = now - (last ?? started.At);
            if (age <= maxAge)
            {
                return HealthCheckResult.Healthy(last is null
                    ? $"No run yet; the first is due within {Durations.Describe(maxAge - age)}."
                    : $"The last run finished {Durations.Describe(age)} ago.");
            }
            return new HealthCheckResult(context.Registration.FailureStatus, last is null
                ? $"Overdue: no run in the {Durations.Describe(age)} since the portal started."
                : $"Overdue: the last run finished {Durations.Describe(age)} ago, more than {Durations.Describe(maxAge)}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Health check: the collections runs could not be read.");
            return new HealthCheckResult(context.Registration.FailureStatus, "The collections runs cannot be read.");
        }
    }
}
