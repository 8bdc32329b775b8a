using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PayPortal.E2E;

/// <summary>
/// The real app on a loopback port (Kestrel, own SQLite file, demo data) and Debian's Chromium driven
/// by Playwright. Playwright never downloads a browser here: it launches /usr/bin/chromium.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "payportal-e2e", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    /// <summary>Chosen before start-up: the portal's public address (links, Stripe return URLs, the sandbox) must be the one it listens on.</summary>
    private readonly int _port = FreeLoopbackPort();

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public string BaseUrl { get; private set; } = "";
    /// <summary>Where the app writes its emails (the pickup folder), for journeys that follow an emailed link.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The app's database and key ring, for journeys that also run the `payportal` CLI against it.</summary>
    public string DatabasePath => Path.Combine(_folder, "e2e.db");
    public string KeysDirectory => Path.Combine(_folder, "keys");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("PayPortal:DatabasePath", DatabasePath);
        builder.UseSetting("PayPortal:KeysDirectory", KeysDirectory);
        builder.UseSetting("PayPortal:SeedDemoData", "true");
        // Not Development: demo data only because it is asked for on purpose.
        builder.UseSetting("PayPortal:AllowDemoDataOutsideDevelopment", "true");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
        // Tests run dunning themselves, on the dates they choose.
        builder.UseSetting("Collections:AutoRun", "false");
        builder.UseSetting("Security:RequireTwoFactorForStaff", "false");
        builder.UseSetting("PayPortal:PublicUrl", $"http://127.0.0.1:{_port}");
        builder.UseSetting("Stripe:MaxNetworkRetries", "0");
        builder.UseSetting("Stripe:SandboxEnabled", "true");
        // The browser talks plain HTTP to a loopback port; Secure cookies are proven by the web tests.
        builder.UseSetting("Security:SecureCookies", "false");
        // Every journey signs in from 127.0.0.1: no rate limit may bite.
        foreach (var rule in new[] { "SignIn", "SignInPerAccount", "TwoFactor", "PasswordReset", "Invitation", "Webhook", "SandboxApi" })
            builder.UseSetting($"RateLimits:{rule}:PermitLimit", "1000000");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network but loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(CspViolations.ListenerScript);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) CspViolations.Record($"{page.Url}: {message.Text}");
        };
        // Generous on a 2-core machine where the server, the browser and the first PDF render share the CPU.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return page;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
