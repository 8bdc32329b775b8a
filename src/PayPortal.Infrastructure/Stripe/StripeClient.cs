using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PayPortal.Infrastructure.Stripe;

/// <summary>
/// A small typed client for the part of Stripe's REST API PayPortal uses, speaking its wire format:
/// form-encoded bodies with bracketed keys, Bearer authentication, a pinned Stripe-Version, an
/// Idempotency-Key on every POST (the same key on every retry), JSON objects back, and JSON errors
/// mapped to typed exceptions. 429s, 5xx and lost connections are retried with exponential backoff
/// unless Stripe says Stripe-Should-Retry: false. The same code talks to Stripe or to our sandbox.
/// </summary>
public sealed class StripeClient(HttpClient http, IOptions<StripeOptions> options, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private StripeOptions Options => options.Value;

    public Task<CheckoutSession> CreateCheckoutSessionAsync(IEnumerable<KeyValuePair<string, object?>> parameters, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CheckoutSession>("/v1/checkout/sessions", parameters, idempotencyKey, ct);

    public Task<CheckoutSession> GetCheckoutSessionAsync(string id, CancellationToken ct = default) =>
        GetAsync<CheckoutSession>($"/v1/checkout/sessions/{Uri.EscapeDataString(id)}?expand[]=payment_intent", ct);

    public Task<PaymentIntent> GetPaymentIntentAsync(string id, CancellationToken ct = default) =>
        GetAsync<PaymentIntent>($"/v1/payment_intents/{Uri.EscapeDataString(id)}", ct);

    public Task<T> GetAsync<T>(string pathAndQuery, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Get, pathAndQuery, null, null, ct);

    public Task<T> PostAsync<T>(string path, IEnumerable<KeyValuePair<string, object?>> parameters, string idempotencyKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) throw new ArgumentException("Every POST to Stripe carries an idempotency key.", nameof(idempotencyKey));
        return SendAsync<T>(HttpMethod.Post, path, StripeFormEncoder.Encode(parameters), idempotencyKey, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? form, string? idempotencyKey, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Appended, not resolved: a base with a path (a sandbox under /stripe-sandbox) keeps it.
            using var request = new HttpRequestMessage(method, new Uri(Options.ApiBase.TrimEnd('/') + path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.SecretKey ?? "");
            request.Headers.Add("Stripe-Version", Options.ApiVersion);
            request.Headers.UserAgent.ParseAdd("PayPortal/1.0");
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            if (form is not null) request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (attempt < Options.MaxNetworkRetries && (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested)))
            {
                // A lost connection or a timeout: Stripe may or may not have acted, so retry with the same idempotency key.
                await Backoff(attempt, ct);
                continue;
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                    return JsonSerializer.Deserialize<T>(body, Json) ?? throw new StripeApiException(response.StatusCode, "api_error", null, null, null, "Stripe answered with an empty body.", RequestId(response));
                if (attempt < Options.MaxNetworkRetries && ShouldRetry(response))
                {
                    await Backoff(attempt, ct);
                    continue;
                }
                throw ToException(response, body);
            }
        }
    }

    private static bool ShouldRetry(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values))
            return string.Equals(values.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict || (int)response.StatusCode >= 500;
    }

    // 0.5 s, 1 s, 2 s ... with jitter, capped at 8 s.
    private Task Backoff(int attempt, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(8000, 500 * Math.Pow(2, attempt)) * (0.75 + Random.Shared.NextDouble() / 2));
        return Task.Delay(delay, clock, ct);
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;

    private static StripeApiException ToException(HttpResponseMessage response, string body)
    {
        var status = response.StatusCode;
        var requestId = RequestId(response);
        StripeError? error = null;
        try
        {
            error = JsonSerializer.Deserialize<StripeErrorEnvelope>(body, Json)?.Error;
        }
        catch (JsonException)
        {
        }
        var message = error?.Message ?? $"Stripe answered {(int)status} {response.ReasonPhrase}.";
        return (error?.Type, status) switch
        {
            ("card_error", _) => new StripeCardException(status, error!.Code, error.DeclineCode, error.Param, message, requestId),
            ("idempotency_error", _) => new StripeIdempotencyException(status, message, requestId),
            (_, HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) => new StripeAuthenticationException(status, error?.Type, message, requestId),
            (_, HttpStatusCode.TooManyRequests) or (_, >= HttpStatusCode.InternalServerError) => new StripeUnavailableException(status, error?.Type, message, requestId),
            ("invalid_request_error", _) or (null, HttpStatusCode.BadRequest or HttpStatusCode.NotFound) => new StripeInvalidRequestException(status, error?.Code, error?.Param, message, requestId),
            _ => new StripeApiException(status, error?.Type, error?.Code, error?.DeclineCode, error?.Param, message, requestId),
        };
    }

    private sealed record StripeErrorEnvelope(StripeError? Error);
    private sealed record StripeError(string? Type, string? Code, string? DeclineCode, string? Param, string? Message);
}
