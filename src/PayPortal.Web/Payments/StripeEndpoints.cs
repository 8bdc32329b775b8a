using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Stripe;
using PayPortal.Infrastructure.Stripe.Sandbox;

namespace PayPortal.Web.Payments;

public static class StripeEndpoints
{
    private const int MaxWebhookBytes = 512 * 1024;

    public static void MapStripeEndpoints(this WebApplication app)
    {
        // The one webhook endpoint. Stripe retries until it gets a 2xx, so only a proven, handled event answers 200.
        app.MapPost("/webhooks/stripe", async (HttpContext context, OnlinePayments payments, TimeProvider clock, IOptions<StripeOptions> options, ILoggerFactory logs, CancellationToken ct) =>
        {
            var logger = logs.CreateLogger("PayPortal.StripeWebhook");
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, ct);
            if (body.Length > MaxWebhookBytes) return Results.Problem("The webhook body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
            var bytes = body.ToArray();
            try
            {
                StripeSignature.Verify(bytes, context.Request.Headers["Stripe-Signature"], [StripeSetup.WebhookSecret(context.RequestServices)], clock.GetUtcNow(), options.Value.WebhookTolerance);
            }
            catch (StripeSignatureException ex)
            {
                logger.LogWarning("Refused a Stripe webhook: {Reason}", ex.Message);
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            StripeEvent stripeEvent;
            try
            {
                stripeEvent = StripeEvent.Parse(Encoding.UTF8.GetString(bytes));
            }
            catch (JsonException ex)
            {
                return Results.Problem($"The webhook body is not a Stripe event: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
            var outcome = await payments.ApplyEventAsync(stripeEvent, ct);
            return Results.Ok(new { received = true, outcome });
        }).DisableAntiforgery();

        // The sandbox's API over HTTP too, for tools and curl; the app's own client reaches it in-process.
        app.MapMethods($"{StripeSetup.SandboxPath}/v1/{{**path}}", ["GET", "POST"], async (HttpContext context, StripeSandbox sandbox, IOptions<StripeOptions> options, string path) =>
        {
            if (!options.Value.UsesSandbox) return Results.NotFound();
            var body = context.Request.HasFormContentType || context.Request.ContentLength > 0 ? await new StreamReader(context.Request.Body).ReadToEndAsync() : null;
            using var response = sandbox.HandleApi(context.Request.Method, $"/v1/{path}", body, context.Request.Headers["Idempotency-Key"].FirstOrDefault(),
                $"{context.Request.Scheme}://{context.Request.Host}{StripeSetup.SandboxPath}");
            return Results.Content(await response.Content.ReadAsStringAsync(), "application/json", Encoding.UTF8, (int)response.StatusCode);
        }).DisableAntiforgery();
    }
}
