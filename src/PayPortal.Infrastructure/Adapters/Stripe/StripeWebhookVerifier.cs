using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;
using Stripe;

namespace PayPortal.Infrastructure.Adapters.Stripe;

/// <summary>Why a webhook delivery was refused (answered 400): a sentence for the log and for Stripe's dashboard.</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);

/// <summary>
/// Proves a webhook came from Stripe with Stripe.net's <see cref="EventUtility"/>: any <c>v1</c>
/// signature by any of our signing secrets (so a rolled secret keeps working while both are live),
/// within the configured tolerance, and an event of the API version the SDK pins. An event whose
/// <c>livemode</c> differs from the configured key's is refused too: test events never move real books.
/// </summary>
public sealed class StripeWebhookVerifier(IOptions<StripeOptions> options, StripeSandbox sandbox, TimeProvider clock)
{
    public Event Verify(string payload, string? signatureHeader)
    {
        var o = options.Value;
        CheckSignature(payload, signatureHeader, o.UsesSandbox ? [sandbox.WebhookSecret] : o.WebhookSecrets(), clock.GetUtcNow().ToUnixTimeSeconds(),
            (long)o.WebhookTolerance.TotalSeconds);
        var stripeEvent = Parse(payload);
        if (stripeEvent.Livemode != o.IsLive)
            throw new WebhookRefusedException(stripeEvent.Livemode
                ? $"Event {stripeEvent.Id} is a live-mode event, but PayPortal is configured with a test key (or the sandbox): refused."
                : $"Event {stripeEvent.Id} is a test-mode event, but PayPortal is configured with a live key: refused.");
        return stripeEvent;
    }

    /// <summary>Passes when any <c>v1</c> signature in the header is by any of <paramref name="secrets"/>, signed within the tolerance either way (null: any age).</summary>
    public static void CheckSignature(string payload, string? signatureHeader, IEnumerable<string> secrets, long nowUnixSeconds, long? toleranceSeconds)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) throw new WebhookRefusedException("The request has no Stripe-Signature header.");
        string? refusal = "No webhook signing secret is configured.";
        foreach (var secret in secrets)
        {
            try
            {
                EventUtility.ValidateSignature(payload, signatureHeader, secret, toleranceSeconds ?? long.MaxValue / 2, nowUnixSeconds);
                return;
            }
            catch (StripeException ex)
            {
                refusal = ex.Message;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                // What EventUtility cannot read (t= empty or not a number) is no signature at all.
                refusal = "The Stripe-Signature header cannot be read: it needs t=<unix seconds> and v1=<signature>.";
            }
        }
        throw new WebhookRefusedException(refusal);
    }

    /// <summary>The event Stripe.net reads from a proven body; a body of another API version, or not a (v1) event, is refused.</summary>
    public static Event Parse(string payload)
    {
        try
        {
            return EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: true);
        }
        catch (StripeException ex)
        {
            throw new WebhookRefusedException(ex.Message);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or System.Text.Json.JsonException or ArgumentException or NullReferenceException)
        {
            throw new WebhookRefusedException($"The webhook body is not a Stripe event: {ex.Message}");
        }
    }
}
