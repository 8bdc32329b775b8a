using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Stripe;

namespace PayPortal.Web.Tests;

/// <summary>What start-up refuses about Stripe: test money in Production unless asked for, and a key without a webhook secret.</summary>
public class StripeStartupTests
{
    private sealed class ConfiguredFactory(string environment, IReadOnlyDictionary<string, string> settings) : PayPortalFactory
    {
        protected override string EnvironmentName => environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private static async Task<string?> StartupRefusal(string environment, params (string Key, string Value)[] settings)
    {
        await using var factory = new ConfiguredFactory(environment, settings.ToDictionary(s => s.Key, s => s.Value));
        try
        {
            _ = factory.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            return ex is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : ex.Message;
        }
    }

    [Theory]
    [InlineData("Production", null, null, null, "Stripe:SecretKey is required outside Development")]
    [InlineData("Staging", null, null, null, "Stripe:SecretKey is required outside Development")]
    [InlineData("Production", "sk_test_abc", "whsec_x", null, "is a test key, but this is Production")]
    [InlineData("Testing", "sk_live_abc", null, null, "Stripe:WebhookSecret (whsec_...) is required")]
    public async Task Unsafe_stripe_settings_stop_the_portal_at_start_with_the_setting_named(string environment, string? key, string? webhookSecret, string? allowTest, string refusal)
    {
        var settings = new List<(string, string)> { ("Stripe:SandboxEnabled", "false") };
        if (key is not null) settings.Add(("Stripe:SecretKey", key));
        if (webhookSecret is not null) settings.Add(("Stripe:WebhookSecret", webhookSecret));
        if (allowTest is not null) settings.Add(("Stripe:AllowTestKeyInProduction", allowTest));
        Assert.Contains(refusal, await StartupRefusal(environment, [.. settings]));
    }

    [Fact]
    public async Task Production_starts_with_a_live_key_or_with_a_test_key_allowed_on_purpose()
    {
        Assert.Null(await StartupRefusal("Production", ("Stripe:SecretKey", "sk_live_abc"), ("Stripe:WebhookSecret", "whsec_live")));
        Assert.Null(await StartupRefusal("Production", ("Stripe:SecretKey", "sk_test_abc"), ("Stripe:WebhookSecret", "whsec_test"), ("Stripe:AllowTestKeyInProduction", "true")));
        Assert.Null(await StartupRefusal("Production", ("Stripe:SandboxEnabled", "true")));
        Assert.Null(await StartupRefusal("Development", ("Stripe:SandboxEnabled", "false")));
    }
}
