using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PayPortal.Web.Workers;

namespace PayPortal.Web.Tests.Operations;

/// <summary>
/// The app with every log line captured (with <c>debugLogs</c> at Debug, ASP.NET Core's and EF Core's own included, so a leak anywhere shows),
/// optionally on a fake clock with the background workers stopped (health tests decide what the outbox holds),
/// and with extra settings.
/// </summary>
public sealed class OperationsFactory(bool fakeClock = false, bool debugLogs = false, params (string Key, string Value)[] settings) : PayPortalFactory
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public CapturedLogs Logs { get; } = new();
    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (debugLogs)
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
        }
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (!fakeClock) return;
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Namespace == typeof(OutboxWorker).Namespace).ToList())
                services.Remove(worker);
        });
    }
}
