using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using Stripe;

namespace PayPortal.Infrastructure.Adapters.Stripe;

public static class StripeRegistration
{
    public const string HttpClientName = "stripe";

    /// <summary>
    /// Stripe.net's client, on the app's HttpClient: to Stripe with a secret key, otherwise to the built-in
    /// sandbox (in-process, on the sandbox's own base URL, same wire format). A key needs a webhook secret.
    /// </summary>
    public static IServiceCollection AddPayPortalStripe(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.UsesSandbox || o.WebhookSecrets().Any(), "Stripe:WebhookSecret (whsec_...) is required with a Stripe secret key.")
            .ValidateOnStart();
        services.AddSingleton<StripeSandbox>();
        services.AddHttpClient(StripeSandbox.HttpClientName);
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(80))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value.UsesSandbox
                ? new SandboxHttpHandler(sp.GetRequiredService<StripeSandbox>())
                : new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddScoped<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), options.MaxNetworkRetries,
                new AppInfo { Name = "PayPortal" }, enableTelemetry: false);
            if (!options.UsesSandbox) return new StripeClient(options.SecretKey, httpClient: http, apiBase: options.ApiBase);
            var sandboxBase = sp.GetRequiredService<StripeSandbox>().ApiBase;
            return new StripeClient(sp.GetRequiredService<StripeSandbox>().ApiKey, httpClient: http, apiBase: sandboxBase, connectBase: sandboxBase, filesBase: sandboxBase);
        });
        services.AddSingleton<StripeWebhookVerifier>();
        return services;
    }

    /// <summary>
    /// What a portal that takes payments refuses at start: the sandbox outside Development unless enabled
    /// on purpose (<see cref="StripeOptions.SandboxEnabled"/>), and in Production a test key unless
    /// <see cref="StripeOptions.AllowTestKeyInProduction"/> is set. (The CLI takes no payments and has no such rule.)
    /// </summary>
    public static IServiceCollection RefuseUnsafeStripeSettings(this IServiceCollection services, bool isDevelopment, bool isProduction)
    {
        services.AddOptions<StripeOptions>()
            .Validate(o => !o.UsesSandbox || isDevelopment || o.SandboxEnabled,
                "Stripe:SecretKey is required outside Development (or set Stripe:SandboxEnabled=true to take test payments through the built-in sandbox).")
            .Validate(o => o.UsesSandbox || o.IsLive || !isProduction || o.AllowTestKeyInProduction,
                "Stripe:SecretKey is a test key, but this is Production: use a live key (sk_live_...), or set Stripe:AllowTestKeyInProduction=true on purpose.")
            .ValidateOnStart();
        return services;
    }
}
