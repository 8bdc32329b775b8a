using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

namespace PayPortal.Web.Payments;

public static class StripeEndpoints
{
    private const int MaxWebhookBytes = 512 * 1024;

    private sealed class PayloadTooLargeException : Exception;

    /// <summary>Reads at most <see cref="MaxWebhookBytes"/>, whatever the server's own limit, and refuses anything longer.</summary>
    private static async Task<string> ReadCappedAsync(Stream body, CancellationToken ct)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxWebhookBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxWebhookBytes && (read = await body.ReadAsync(buffer.AsMemory(length, MaxWebhookBytes + 1 - length), ct)) > 0) length += read;
            if (length > MaxWebhookBytes) throw new PayloadTooLargeException();
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void MapStripeEndpoints(this WebApplication app)
    {
        // The one webhook endpoint. Stripe retries until it gets a 2xx, so only a proven, handled event answers 200.
        app.MapPost("/webhooks/stripe", async (HttpContext context, StripeWebhookVerifier verifier, StripeEventProcessor processor, ILoggerFactory logs, CancellationToken ct) =>
        {
            var logger = logs.CreateLogger("PayPortal.StripeWebhook");
            // Capped before reading: a body larger than any Stripe event is refused without being buffered.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxWebhookBytes;
            if (context.Request.ContentLength > MaxWebhookBytes) return Results.Problem("The webhook body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
            string payload;
            try
            {
                payload = await ReadCappedAsync(context.Request.Body, ct);
            }
            catch (PayloadTooLargeException)
            {
                return Results.Problem("The webhook body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            catch (BadHttpRequestException ex)
            {
                return Results.Problem($"The webhook body could not be read: {ex.Message}", statusCode: ex.StatusCode);
            }
            catch (DecoderFallbackException)
            {
                return Results.Problem("The webhook body is not UTF-8.", statusCode: StatusCodes.Status400BadRequest);
            }
            global::Stripe.Event stripeEvent;
            try
            {
                stripeEvent = verifier.Verify(payload, context.Request.Headers["Stripe-Signature"]);
            }
            catch (WebhookRefusedException ex)
            {
                logger.LogWarning("Refused a Stripe webhook: {Reason}", ex.Message);
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            // A refusal by the books is recorded as needing attention and answered 200 (Stripe would retry it for days
            // to no end); anything unexpected throws, answers 500, and Stripe retries it.
            var outcome = await processor.ApplyAsync(stripeEvent, payload, ct);
            return Results.Ok(new { received = true, outcome });
        }).DisableAntiforgery();

        // The sandbox's API over HTTP: what Stripe.net (the app's own, in-process, or any tool's) talks to.
        app.MapMethods($"{StripeSandbox.Path}/v1/{{**path}}", ["GET", "POST", "DELETE"], async (HttpContext context, StripeSandbox sandbox, IOptions<StripeOptions> options, string path, CancellationToken ct) =>
        {
            if (!options.Value.UsesSandbox) return Results.NotFound();
            string? body = null;
            if (context.Request.ContentLength > MaxWebhookBytes) return Results.Problem("The request body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
            if (context.Request.ContentLength > 0 || context.Request.HasFormContentType)
            {
                try
                {
                    body = await ReadCappedAsync(context.Request.Body, ct);
                }
                catch (PayloadTooLargeException)
                {
                    return Results.Problem("The request body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
                }
                catch (Exception ex) when (ex is BadHttpRequestException or DecoderFallbackException)
                {
                    return Results.Problem("The request body could not be read as UTF-8.", statusCode: StatusCodes.Status400BadRequest);
                }
            }
            var answer = await sandbox.HandleAsync(context.Request.Method, $"/v1/{path}", context.Request.QueryString.Value, body,
                context.Request.Headers["Idempotency-Key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), ct);
            context.Response.Headers["Request-Id"] = answer.RequestId;
            return Results.Content(answer.Json, "application/json", Encoding.UTF8, (int)answer.Status);
        }).DisableAntiforgery();
    }
}
