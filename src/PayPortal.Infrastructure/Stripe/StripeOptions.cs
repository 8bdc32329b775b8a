using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Stripe;

/// <summary>
/// Stripe settings. Without a <see cref="SecretKey"/> PayPortal talks to its built-in sandbox, which
/// speaks the same wire protocol; with a test or live key, to Stripe itself through the same client.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>sk_test_... or sk_live_...; from user-secrets or the environment, never committed.</summary>
    public string? SecretKey { get; set; }
    /// <summary>whsec_...: the signing secret of our webhook endpoint.</summary>
    public string? WebhookSecret { get; set; }
    [Required, Url] public string ApiBase { get; set; } = "https://api.stripe.com";
    /// <summary>Pinned so a change on Stripe's side never changes the objects we parse.</summary>
    [Required] public string ApiVersion { get; set; } = "2024-06-20";
    [Range(0, 5)] public int MaxNetworkRetries { get; set; } = 2;
    /// <summary>Webhooks older (or newer) than this are refused: a replayed capture stops working.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Allows the built-in sandbox in Production (off by default: there it needs a real key).</summary>
    public bool SandboxEnabled { get; set; }

    public bool UsesSandbox => string.IsNullOrEmpty(SecretKey);
}
