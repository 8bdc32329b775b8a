using System.Text.Json;

namespace PayPortal.Infrastructure.Stripe;

// The fields of Stripe's objects that PayPortal reads. Amounts are integer minor units, currencies
// lower-case ISO codes, times Unix seconds: exactly as Stripe sends them.

public sealed record CheckoutSession(
    string Id, string Object, string? Status, string? PaymentStatus, string? Mode, long? AmountTotal, string? Currency,
    string? Url, string? SuccessUrl, string? CancelUrl, string? ClientReferenceId, JsonElement? PaymentIntent,
    Dictionary<string, string>? Metadata, bool Livemode, long? ExpiresAt)
{
    /// <summary>The payment intent's id whether Stripe sent it as an id or expanded it as an object.</summary>
    public string? PaymentIntentId => PaymentIntent switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("id", out var id) => id.GetString(),
        _ => null,
    };
}

public sealed record PaymentIntent(
    string Id, string Object, long Amount, long AmountReceived, string Currency, string Status,
    Dictionary<string, string>? Metadata, JsonElement? LatestCharge, PaymentError? LastPaymentError, bool Livemode);

public sealed record PaymentError(string? Type, string? Code, string? DeclineCode, string? Message);

public sealed record Charge(
    string Id, string Object, long Amount, long AmountCaptured, long AmountRefunded, string Currency, string Status,
    bool Paid, bool Refunded, JsonElement? PaymentIntent, Dictionary<string, string>? Metadata, bool Livemode);

public sealed record Refund(string Id, string Object, long Amount, string Currency, string? Status, JsonElement? Charge);

public sealed record Dispute(string Id, string Object, long Amount, string Currency, string Status, string? Reason, JsonElement? Charge, JsonElement? PaymentIntent,
    DisputeEvidenceDetails? EvidenceDetails = null);

/// <summary>When evidence is due (Unix seconds), as Stripe sends it on a dispute.</summary>
public sealed record DisputeEvidenceDetails(long? DueBy);

/// <summary>A webhook event. <see cref="Data"/>.Object is parsed by type once the signature is proven.</summary>
public sealed record StripeEvent(string Id, string Object, string Type, long Created, string? ApiVersion, bool Livemode, string? Account, StripeEventData Data, StripeEventRequest? Request)
{
    public T ObjectAs<T>() => Data.Object.Deserialize<T>(StripeClient.Json) ?? throw new JsonException($"Event {Id} has no data.object.");

    /// <summary>Parses a verified webhook body; refuses anything that is not a (v1) event.</summary>
    public static StripeEvent Parse(string json)
    {
        var parsed = JsonSerializer.Deserialize<StripeEvent>(json, StripeClient.Json) ?? throw new JsonException("The webhook body is empty.");
        if (parsed.Object != "event") throw new JsonException($"The webhook body is a '{parsed.Object}', not an event (thin v2 events are not supported).");
        return parsed;
    }
}

public sealed record StripeEventData(JsonElement Object);

public sealed record StripeEventRequest(string? Id, string? IdempotencyKey);
