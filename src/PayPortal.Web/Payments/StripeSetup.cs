using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Stripe;
using PayPortal.Infrastructure.Stripe.Sandbox;

namespace PayPortal.Web.Payments;

public static class StripeSetup
{
    public const string SandboxPath = "/stripe-sandbox";

    /// <summary>
    /// The Stripe client talks to Stripe when a secret key is configured, otherwise to the built-in
    /// sandbox (in-process, same wire format). The sandbox is refused in Production unless enabled.
    /// </summary>
    public static void AddPayPortalStripe(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.UsesSandbox || !builder.Environment.IsProduction() || o.SandboxEnabled,
                "Stripe:SecretKey is required in Production (or set Stripe:SandboxEnabled=true to take test payments there).")
            .Validate(o => o.UsesSandbox || !string.IsNullOrEmpty(o.WebhookSecret), "Stripe:WebhookSecret (whsec_...) is required with a Stripe secret key.")
            .ValidateOnStart();
        services.AddSingleton<StripeSandbox>();
        services.AddHttpClient(StripeSandbox.HttpClientName);
        services.AddHttpClient<StripeClient>(c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value.UsesSandbox
                ? new SandboxHttpHandler(sp.GetRequiredService<StripeSandbox>(), () => HostedPageBase(sp.GetRequiredService<IHttpContextAccessor>()))
                : new SocketsHttpHandler());
        services.AddScoped<OnlinePayments>();
    }

    /// <summary>The signing secret webhooks must carry: the configured one, or the sandbox's.</summary>
    public static string WebhookSecret(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        return options.UsesSandbox ? services.GetRequiredService<StripeSandbox>().WebhookSecret : options.WebhookSecret!;
    }

    private static string HostedPageBase(IHttpContextAccessor accessor) =>
        accessor.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}{SandboxPath}" : $"http://localhost{SandboxPath}";
}
