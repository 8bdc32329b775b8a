using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace PayPortal.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked, so a slow database never gets a healthy node restarted).
/// <c>/health/ready</c>: the database, the outbox and the daily collections run; 503 when any is unhealthy.
/// Both anonymous (load balancers and monitors call them) and never cached; they name no customer, address or secret.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";
    // A probe must answer while the load balancer still waits: a hung check reports unhealthy instead.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddPayPortalHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PortalStarted>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<OutboxHealthCheck>("outbox", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<CollectionsRunHealthCheck>("collections", tags: [Ready], timeout: CheckTimeout);
        return services;
    }

    public static void MapPayPortalHealthChecks(this WebApplication app)
    {
        // Resolved now, so "since the portal started" means the start, not the first probe.
        app.Services.GetRequiredService<PortalStarted>();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
    }
}
