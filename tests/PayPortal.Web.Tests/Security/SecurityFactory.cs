using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PayPortal.Web.Tests.Operations;

namespace PayPortal.Web.Tests.Security;

/// <summary>
/// The app in a chosen environment with extra settings, on a fake clock, its logs captured, and a test-only way to
/// say which address a request comes from (<see cref="ClientHeader"/>), as the TCP connection would.
/// </summary>
public class SecurityFactory(string environment = "Testing", params (string Key, string Value)[] settings) : PayPortalFactory
{
    public const string ClientHeader = "X-Test-Connection-Address";
    public const string KnownProxy = "10.0.0.5";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    public CapturedLogs Logs { get; } = new();

    protected override string EnvironmentName => environment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", KnownProxy);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ConnectionAddressFilter>();
        });
    }

    public HttpClient ClientFrom(string address, string baseAddress = "https://localhost")
    {
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private sealed class ConnectionAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
