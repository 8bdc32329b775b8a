using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Infrastructure.Tests.Stripe;

/// <summary>The webhook verifier as configured: rolled secrets, the tolerance from configuration, and live against test mode.</summary>
public class WebhookVerifierTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("The verifier sends nothing.");
    }

    private static StripeWebhookVerifier Verifier(StripeOptions options) =>
        new(Options.Create(options), new StripeSandbox(new NoHttp(), Options.Create(new PortalUrlOptions()), Options.Create(options), Clock, NullLogger<StripeSandbox>.Instance), Clock);

    private static string Payload(bool livemode) => new JsonObject
    {
        ["id"] = "evt_verify_1", ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion, ["type"] = "payout.paid",
        ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(), ["livemode"] = livemode,
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "po_1", ["object"] = "payout", ["amount"] = 100, ["currency"] = "usd" } },
    }.ToJsonString();

    private static string Signed(string payload, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = global::Stripe.EventUtility.ComputeSignature(secret, t, payload);
        return $"t={t},v1={signature}";
    }

    [Fact]
    public void While_a_secret_is_rolled_events_signed_with_the_new_or_the_previous_one_pass_and_no_other()
    {
        var verifier = Verifier(new StripeOptions { SecretKey = "sk_live_x", WebhookSecret = "whsec_new", PreviousWebhookSecrets = ["whsec_old"] });
        var payload = Payload(livemode: true);
        Assert.Equal("evt_verify_1", verifier.Verify(payload, Signed(payload, "whsec_new", Clock.GetUtcNow())).Id);
        Assert.Equal("po_1", Assert.IsType<global::Stripe.Payout>(verifier.Verify(payload, Signed(payload, "whsec_old", Clock.GetUtcNow())).Data.Object).Id);
        Assert.Throws<WebhookRefusedException>(() => verifier.Verify(payload, Signed(payload, "whsec_someone_else", Clock.GetUtcNow())));
    }

    [Fact]
    public void The_tolerance_comes_from_configuration()
    {
        var verifier = Verifier(new StripeOptions { SecretKey = "sk_live_x", WebhookSecret = "whsec_new", WebhookTolerance = TimeSpan.FromSeconds(30) });
        var payload = Payload(livemode: true);
        Assert.NotNull(verifier.Verify(payload, Signed(payload, "whsec_new", Clock.GetUtcNow().AddSeconds(-29))));
        var stale = Assert.Throws<WebhookRefusedException>(() => verifier.Verify(payload, Signed(payload, "whsec_new", Clock.GetUtcNow().AddSeconds(-31))));
        Assert.Contains("tolerance", stale.Message);
    }

    [Fact]
    public void A_test_event_at_a_live_portal_and_a_live_event_at_a_test_portal_are_refused()
    {
        var live = Verifier(new StripeOptions { SecretKey = "sk_live_x", WebhookSecret = "whsec_live" });
        var testPayload = Payload(livemode: false);
        Assert.Contains("test-mode event", Assert.Throws<WebhookRefusedException>(() => live.Verify(testPayload, Signed(testPayload, "whsec_live", Clock.GetUtcNow()))).Message);

        var test = Verifier(new StripeOptions { SecretKey = "sk_test_x", WebhookSecret = "whsec_test" });
        var livePayload = Payload(livemode: true);
        Assert.Contains("live-mode event", Assert.Throws<WebhookRefusedException>(() => test.Verify(livePayload, Signed(livePayload, "whsec_test", Clock.GetUtcNow()))).Message);
        Assert.False(test.Verify(testPayload, Signed(testPayload, "whsec_test", Clock.GetUtcNow())).Livemode);
    }
}
