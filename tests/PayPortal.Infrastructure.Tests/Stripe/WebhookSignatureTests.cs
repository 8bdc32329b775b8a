using System.Text;
using System.Text.Json;
using PayPortal.Infrastructure.Adapters.Stripe;

namespace PayPortal.Infrastructure.Tests.Stripe;

/// <summary>Stripe's webhook signatures as PayPortal checks them (Stripe.net's EventUtility), against the SDKs' own vectors.</summary>
public class WebhookSignatureTests
{
    private const long FiveMinutes = 300;
    private static long At(long unix) => unix;

    private static string Header(byte[] payload, string secret, long timestamp) => $"t={timestamp},v1={Compute(payload, secret, timestamp)}";

    private static string Compute(byte[] payload, string secret, long timestamp) =>
        global::Stripe.EventUtility.ComputeSignature(secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetString(payload));

    private static void Verify(ReadOnlySpan<byte> payload, string? header, string[] secrets, long now, long? tolerance) =>
        StripeWebhookVerifier.CheckSignature(Encoding.UTF8.GetString(payload), header, secrets, now, tolerance);

    private static JsonElement Vector(string file, string id) =>
        JsonDocument.Parse(SharedTestData.Text("stripe", "webhook-signature", file)).RootElement
            .GetProperty(file == "fixed_vectors.json" ? "vectors" : "scenarios").EnumerateArray()
            .Single(v => v.GetProperty("id").GetString() == id);

    [Fact]
    public void A_header_we_sign_verifies_and_any_change_to_the_body_breaks_it()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"object\":\"event\"}");
        var header = Header(body, "whsec_ours", 1_700_000_000);
        Verify(body, header, ["whsec_ours"], At(1_700_000_100), FiveMinutes);
        var changed = Encoding.UTF8.GetBytes("{\"id\":\"evt_2\",\"object\":\"event\"}");
        Assert.Throws<WebhookRefusedException>(() => Verify(changed, header, ["whsec_ours"], At(1_700_000_100), FiveMinutes));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_delivery_outside_five_minutes_either_way_is_refused(int skewSeconds)
    {
        var body = "{}"u8.ToArray();
        var header = Header(body, "whsec_ours", 1_700_000_000);
        var error = Assert.Throws<WebhookRefusedException>(() => Verify(body, header, ["whsec_ours"], At(1_700_000_000 + skewSeconds), FiveMinutes));
        Assert.Contains("outside of the allowed tolerance", error.Message);
    }

    [CorpusFact]
    public void Stripe_dotnet_valid_vector_verifies_and_its_event_parses()
    {
        var v = Vector("fixed_vectors.json", "dotnet-valid");
        var payload = SharedTestData.Bytes("stripe", "webhook-signature", v.GetProperty("payload_file").GetString()!);
        Verify(payload, v.GetProperty("header").GetString(), [v.GetProperty("secret").GetString()!], At(v.GetProperty("now").GetInt64()), FiveMinutes);
        var e = global::Stripe.EventUtility.ParseEvent(Encoding.UTF8.GetString(payload), throwOnApiVersionMismatch: false);
        Assert.Equal(("evt_123", "customer.created", "acct_123", "req_123", "idempotency-key-123", "2017-05-25"),
            (e.Id, e.Type, e.Account, e.Request!.Id, e.Request.IdempotencyKey, e.ApiVersion));
        Assert.Equal("cus_123", Assert.IsType<global::Stripe.Customer>(e.Data.Object).Id);
        // PayPortal takes only events of the API version Stripe.net pins: a 2017 event is refused, not misread.
        Assert.Contains("API version", Assert.Throws<WebhookRefusedException>(() => StripeWebhookVerifier.Parse(Encoding.UTF8.GetString(payload))).Message);
    }

    [CorpusFact]
    public void Async_stripe_valid_vector_verifies()
    {
        var v = Vector("fixed_vectors.json", "async-stripe-valid");
        var payload = SharedTestData.Bytes("stripe", "webhook-signature", v.GetProperty("payload_file").GetString()!);
        Verify(payload, v.GetProperty("header").GetString(), [v.GetProperty("secret").GetString()!], At(v.GetProperty("now").GetInt64()), FiveMinutes);
        // A 2018 event that today's Stripe.net cannot even read (a null where the SDK wants a number): refused with a sentence, not a crash.
        var refused = Assert.Throws<WebhookRefusedException>(() => StripeWebhookVerifier.Parse(Encoding.UTF8.GetString(payload)));
        Assert.Contains("not a Stripe event", refused.Message);
    }

    [CorpusFact]
    public void Stripe_dotnet_rejections_hold_outdated_and_modified_bodies()
    {
        var valid = Vector("fixed_vectors.json", "dotnet-valid");
        var payload = SharedTestData.Bytes("stripe", "webhook-signature", valid.GetProperty("payload_file").GetString()!);
        var header = valid.GetProperty("header").GetString();
        var outdated = Vector("fixed_vectors.json", "dotnet-outdated");
        Assert.Contains("tolerance", Assert.Throws<WebhookRefusedException>(() =>
            Verify(payload, header, ["webhook_secret"], At(outdated.GetProperty("now").GetInt64()), FiveMinutes)).Message);
        var modified = payload.Concat("this_changes_the_json"u8.ToArray()).ToArray();
        Assert.Throws<WebhookRefusedException>(() => Verify(modified, header, ["webhook_secret"], At(1533204720), FiveMinutes));
    }

    /// <summary>stripe-dotnet's malformed-header cases, written out here: they need nothing from the corpus.</summary>
    [Theory]
    [InlineData("t=,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7")]
    [InlineData("t,v1=,v0=")]
    [InlineData("t,v1=,v0")]
    [InlineData("t,v1=,")]
    [InlineData("t,,")]
    [InlineData(",,")]
    [InlineData("t")]
    public void Stripe_dotnet_malformed_headers_are_refused(string header) =>
        Assert.Throws<WebhookRefusedException>(() => Verify("{}"u8, header, ["webhook_secret"], At(1533204620), FiveMinutes));

    /// <summary>The SDK scenarios (python, node, java, go) with the outcome they assert, as PayPortal applies them.</summary>
    [CorpusTheory]
    [InlineData("valid", true)]
    [InlineData("valid-python-payload", true)]
    [InlineData("extra-bad-v1-ignored", true)]
    [InlineData("malformed-header", false)]
    [InlineData("bad-header", false)]
    [InlineData("non-numeric-t", false)]
    [InlineData("empty-header", false)]
    [InlineData("v0-scheme-only", false)]
    [InlineData("bad-signature", false)]
    [InlineData("wrong-secret", false)]
    [InlineData("too-old", false)]
    [InlineData("old-but-wider-tolerance", true)]
    [InlineData("no-tolerance", true)]
    [InlineData("java-clock-outside", false)]
    // Java lets any future timestamp pass; like stripe-dotnet we bound both directions, so t = now + 11 s with a 10 s tolerance is refused.
    [InlineData("java-clock-future-within", false)]
    [InlineData("invalid-json", true)]
    [InlineData("v2-thin-event", true)]
    public void Sdk_scenarios(string id, bool signatureValid)
    {
        var s = Vector("sdk_scenarios_derived.json", id);
        var payload = Encoding.UTF8.GetBytes(s.TryGetProperty("payload", out var p) ? p.GetString()! : "{}");
        var secret = s.TryGetProperty("secret_verify", out var sv) ? sv.GetString()! : s.GetProperty("secret").GetString()!;
        var now = s.TryGetProperty("now", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 1_700_000_000;
        long? tolerance = s.TryGetProperty("tolerance_s", out var t) ? t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null : FiveMinutes;
        void Check() => Verify(payload, s.GetProperty("header").GetString(), [secret], At(now), tolerance);
        if (signatureValid) Check();
        else Assert.Throws<WebhookRefusedException>(Check);
    }

    [Theory]
    [InlineData("v1,t=1")]
    [InlineData("t=")]
    public void Go_invalid_header_shapes_are_refused(string header) =>
        Assert.Throws<WebhookRefusedException>(() => Verify("{}"u8, header, ["whsec_test_secret"], At(1), FiveMinutes));

    [CorpusFact]
    public void A_rolled_secret_verifies_with_either_the_old_or_the_new_secret()
    {
        var s = Vector("sdk_scenarios_derived.json", "rolled-secret");
        var payload = Encoding.UTF8.GetBytes(s.GetProperty("payload").GetString()!);
        var a = s.GetProperty("secret_a").GetString()!;
        var b = s.GetProperty("secret_b").GetString()!;
        // One header carrying a v1 per secret, as Stripe sends while both secrets are live.
        var header = $"t=1700000000,v1={Compute(payload, a, 1700000000)},v1={Compute(payload, b, 1700000000)}";
        Verify(payload, header, [a], At(1700000000), FiveMinutes);
        Verify(payload, header, [b], At(1700000000), FiveMinutes);
        Assert.Throws<WebhookRefusedException>(() => Verify(payload, header, ["whsec_other"], At(1700000000), FiveMinutes));
    }

    [CorpusFact]
    public void A_correctly_signed_body_that_is_not_a_v1_event_is_still_refused_when_parsed()
    {
        Assert.Throws<WebhookRefusedException>(() => StripeWebhookVerifier.Parse(Vector("sdk_scenarios_derived.json", "invalid-json").GetProperty("payload").GetString()!));
        Assert.Throws<WebhookRefusedException>(() => StripeWebhookVerifier.Parse(Vector("sdk_scenarios_derived.json", "v2-thin-event").GetProperty("payload").GetString()!));
    }
}
