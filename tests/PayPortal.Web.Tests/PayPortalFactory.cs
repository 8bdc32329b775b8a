using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>
/// The real app (middleware, Identity, Razor Pages) on its own SQLite file with the demo data seeded,
/// as production runs it (not Development), mail written to a pickup folder the tests read.
/// </summary>
public class PayPortalFactory : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "payportal-tests", "web-" + Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(Folder, "web.db");
    public string MailFolder => Path.Combine(Folder, "mail");
    protected virtual bool RequireTwoFactorForStaff => false;
    public const string SandboxApiKey = "sk_test_sandbox_for_tests";
    protected virtual string EnvironmentName => "Testing";

    // Outside Development every cookie is Secure, and a cookie container sends those over https only.
    public PayPortalFactory() => ClientOptions.BaseAddress = new Uri("https://localhost");

    /// <summary>The rules of RateLimits:*; the suite signs in hundreds of times from one address, so by default none bites.</summary>
    public static readonly string[] RateLimitRules = ["SignIn", "SignInPerAccount", "TwoFactor", "PasswordReset", "Invitation", "Webhook", "SandboxApi"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        foreach (var rule in RateLimitRules) builder.UseSetting($"RateLimits:{rule}:PermitLimit", "1000000");
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("PayPortal:DatabasePath", DatabasePath);
        builder.UseSetting("PayPortal:KeysDirectory", Path.Combine(Folder, "keys"));
        builder.UseSetting("PayPortal:SeedDemoData", "true");
        // Not Development: demo data only because it is asked for on purpose.
        builder.UseSetting("PayPortal:AllowDemoDataOutsideDevelopment", "true");
        builder.UseSetting("Smtp:PickupDirectory", MailFolder);
        // Tests run dunning themselves, on the dates they choose.
        builder.UseSetting("Collections:AutoRun", "false");
        builder.UseSetting("Security:RequireTwoFactorForStaff", RequireTwoFactorForStaff ? "true" : "false");
        builder.UseSetting("Stripe:MaxNetworkRetries", "0");
        // Not Development: the sandbox is on because it is asked for, with a key tests can use.
        builder.UseSetting("Stripe:SandboxEnabled", "true");
        builder.UseSetting("Stripe:SandboxApiKey", SandboxApiKey);
        // The sandbox delivers its signed webhooks over HTTP to the app: here, into this test server.
        if (DeliversWebhooksInProcess)
        {
            builder.ConfigureTestServices(services =>
                services.AddHttpClient(PayPortal.Infrastructure.Adapters.Stripe.Sandbox.StripeSandbox.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
        }
    }

    /// <summary>The in-memory test server has no address the sandbox could post to, so its webhooks are handed to it directly.</summary>
    protected virtual bool DeliversWebhooksInProcess => true;

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    public async Task<HttpClient> SignedInAs(string email, string password = DemoAccounts.Password)
    {
        var client = Client();
        var response = await client.SignIn(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public T Service<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<TResult> WithDb<TResult>(Func<PayPortalDbContext, Task<TResult>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PayPortalDbContext>());
    }

    /// <summary>The customer account a portal contact belongs to.</summary>
    public Task<long> CustomerIdOf(string email) => WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.CustomerId!.Value).SingleAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class TwoFactorRequiredFactory : PayPortalFactory
{
    protected override bool RequireTwoFactorForStaff => true;
}

public sealed class DevelopmentFactory : PayPortalFactory
{
    protected override string EnvironmentName => "Development";
}

public static partial class HttpClientExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<string> AntiforgeryToken(this HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {url}");
    }

    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string url, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await client.AntiforgeryToken(tokenFrom ?? url) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignIn(this HttpClient client, string email, string password) =>
        client.PostForm("/Identity/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
}
