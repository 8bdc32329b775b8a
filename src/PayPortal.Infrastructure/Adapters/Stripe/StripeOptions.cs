using System.ComponentModel.DataAnnotations;

namespace PayPortal.Infrastructure.Adapters.Stripe;

/// <summary>
/// Stripe settings. Without a <see cref="SecretKey"/> PayPortal talks to its built-in sandbox through the
/// same Stripe.net client; with a test or live key, to Stripe itself. The API version is the one
/// Stripe.net pins (<c>StripeConfiguration.ApiVersion</c>), so objects always parse as the SDK expects.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>sk_test_... or sk_live_... (or a restricted rk_ key); from user-secrets or the environment, never committed.</summary>
    public string? SecretKey { get; set; }
    /// <summary>whsec_...: the signing secret of our webhook endpoint.</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>Further signing secrets accepted while a rolled secret is still live (Stripe signs with both for a while).</summary>
    public List<string> PreviousWebhookSecrets { get; set; } = [];
    /// <summary>Another API host (a proxy or mock); empty for Stripe's own.</summary>
    [Url] public string? ApiBase { get; set; }
    /// <summary>The SDK's own retries of lost connections, 409s, 429s and 5xx, with the same idempotency key; none stacked on top.</summary>
    [Range(0, 5)] public int MaxNetworkRetries { get; set; } = 2;
    /// <summary>Webhooks signed longer ago (or later) than this are refused: a replayed capture stops working.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Allows the built-in sandbox outside Development (off by default: there it needs a real key).</summary>
    public bool SandboxEnabled { get; set; }
    /// <summary>The secret key the sandbox's API requires (Bearer), for tools and tests; empty: a random one each start, written to the log.</summary>
    public string? SandboxApiKey { get; set; }
    /// <summary>Allows a test key (sk_test_) in Production, e.g. for a staging site named Production.</summary>
    public bool AllowTestKeyInProduction { get; set; }

    public bool UsesSandbox => string.IsNullOrEmpty(SecretKey);

    /// <summary>Real money moves only with a live key; the sandbox and test keys take test money.</summary>
    public bool IsLive => SecretKey is { } key && (key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal));

    /// <summary>Every secret a webhook may be signed with.</summary>
    public IEnumerable<string> WebhookSecrets() => new[] { WebhookSecret }.Concat(PreviousWebhookSecrets).OfType<string>().Where(s => s.Length > 0);
}
