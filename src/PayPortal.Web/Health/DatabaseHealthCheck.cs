using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Health;

/// <summary>The database answers and has every migration this build knows (a pending one means the schema is older than the code).</summary>
public sealed class DatabaseHealthCheck(PayPortalDbContext db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
                return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("Reachable and migrated.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{pending} migration(s) not applied: run `payportal migrate` or restart the portal.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception goes to the log, not to the anonymous caller.
            logger.LogWarning(ex, "Health check: the database could not be read.");
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be read.");
        }
    }
}
