using System.Net;

namespace PayPortal.Infrastructure.Stripe;

/// <summary>An error answered by the Stripe API (its JSON "error" object), typed by its "type".</summary>
public class StripeApiException(HttpStatusCode status, string? type, string? code, string? declineCode, string? param, string message, string? requestId)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    /// <summary>card_error, invalid_request_error, api_error, idempotency_error, ...</summary>
    public string? Type { get; } = type;
    public string? Code { get; } = code;
    public string? DeclineCode { get; } = declineCode;
    public string? Param { get; } = param;
    public string? RequestId { get; } = requestId;
}

/// <summary>The card or bank account was declined; <see cref="StripeApiException.DeclineCode"/> says why.</summary>
public sealed class StripeCardException(HttpStatusCode status, string? code, string? declineCode, string? param, string message, string? requestId)
    : StripeApiException(status, "card_error", code, declineCode, param, message, requestId);

/// <summary>Our request was wrong (a missing or bad parameter, an unknown id): a bug to fix, not to retry.</summary>
public sealed class StripeInvalidRequestException(HttpStatusCode status, string? code, string? param, string message, string? requestId)
    : StripeApiException(status, "invalid_request_error", code, null, param, message, requestId);

/// <summary>The API key is missing, wrong or lacks permission.</summary>
public sealed class StripeAuthenticationException(HttpStatusCode status, string? type, string message, string? requestId)
    : StripeApiException(status, type, null, null, null, message, requestId);

/// <summary>The same idempotency key was reused with different parameters.</summary>
public sealed class StripeIdempotencyException(HttpStatusCode status, string message, string? requestId)
    : StripeApiException(status, "idempotency_error", null, null, null, message, requestId);

/// <summary>Too many requests, or Stripe failed; retried with backoff before this is thrown.</summary>
public sealed class StripeUnavailableException(HttpStatusCode status, string? type, string message, string? requestId)
    : StripeApiException(status, type, null, null, null, message, requestId);

/// <summary>A webhook whose Stripe-Signature header does not prove it came from Stripe, now.</summary>
public sealed class StripeSignatureException(string message) : Exception(message);
