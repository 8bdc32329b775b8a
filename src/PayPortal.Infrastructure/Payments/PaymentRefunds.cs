using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Stripe;
using Stripe;
using PaymentMethod = PayPortal.Domain.Payments.PaymentMethod;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// A manager refunds a card or bank payment taken in the portal, fully or in part, with a reason. The
/// request goes to Stripe with an idempotency key of the payment and the refund form's own one-time
/// token, so the same form sent twice (a double click, a retry) refunds once while a second refund is a
/// second form. The books change only when Stripe's <c>charge.refunded</c> event arrives, exactly as for
/// a refund made in Stripe's dashboard; the reason and who asked travel in the refund's metadata.
/// </summary>
public sealed class PaymentRefunds(PayPortalDbContext db, IStripeClient stripe, ILogger<PaymentRefunds> logger)
{
    public const string ReasonKey = "reason";
    public const string RequestedByKey = "requested_by";

    /// <summary>The PaymentIntent a payment was taken with through Stripe, or null when it was paid some other way.</summary>
    public async Task<string?> IntentOfAsync(long paymentId, CancellationToken ct = default) =>
        await db.Payments.AnyAsync(p => p.Id == paymentId && (p.Method == PaymentMethod.Card || p.Method == PaymentMethod.UsBankAccount), ct)
            ? await db.PortalPayments.Where(p => p.PaymentId == paymentId && p.PaymentIntentId != null).Select(p => p.PaymentIntentId).FirstOrDefaultAsync(ct)
            : null;

    public async Task<StepResult> RefundAsync(long paymentId, long amountMinor, string reason, string actor, string requestToken, CancellationToken ct = default)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return StepResult.Fail("No such payment.");
        if (string.IsNullOrWhiteSpace(reason)) return StepResult.Fail("Say why the money goes back: the reason is required.");
        if (string.IsNullOrWhiteSpace(requestToken) || requestToken.Length > 64) return StepResult.Fail("The refund form has expired; open the payment again.");
        var intentId = await IntentOfAsync(paymentId, ct);
        if (intentId is null)
            return StepResult.Fail($"Payment {Receipts.NumberOf(payment.Id)} was not taken through Stripe; refund it the way it was paid.");
        var refundable = payment.AmountMinor - payment.RefundedMinor;
        if (amountMinor <= 0) return StepResult.Fail("The refund must be more than zero.");
        if (amountMinor > refundable) return StepResult.Fail($"At most {new Money(refundable, payment.Currency)} of this payment can still be refunded.");

        var options = new RefundCreateOptions
        {
            PaymentIntent = intentId, Amount = amountMinor, Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string>
            {
                ["payportal_payment_id"] = paymentId.ToString(CultureInfo.InvariantCulture), [ReasonKey] = reason.Trim(), [RequestedByKey] = actor,
            },
        };
        try
        {
            var key = $"refund-{paymentId}-{requestToken}";
            var refund = await new RefundService(stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = key }, ct);
            logger.LogInformation("Refund {RefundId} of {Amount} on payment {PaymentId} requested by {Actor}: {Reason}", refund.Id, amountMinor, paymentId, actor, reason);
            return StepResult.Done($"{new Money(amountMinor, payment.Currency)} is being refunded to the customer ({refund.Id}); the invoices show it owed again once Stripe confirms.", paymentId);
        }
        catch (Exception ex) when (StripeErrors.IsStripeFailure(ex, ct))
        {
            var stripeError = (ex as StripeException)?.StripeError;
            logger.LogWarning(ex, "Stripe refused refund on payment {PaymentId} (request {RequestId}): {Message}", paymentId, StripeErrors.RequestId(ex), stripeError?.Message ?? ex.Message);
            return StepResult.Fail(stripeError switch
            {
                { Type: "invalid_request_error", Message: { } said } => $"Stripe refused the refund: {said}",
                { Type: "idempotency_error" } when (int)((StripeException)ex).HttpStatusCode == 400 =>
                    "This refund form was already sent with other figures; open the payment again to refund more.",
                // A timeout, a 5xx, or the same form still being sent: Stripe may have refunded, and this form cannot refund twice.
                _ => "Stripe did not confirm the refund; it may still go through. Send this same form again (it cannot refund twice), or look at the refunds here in a minute.",
            });
        }
    }
}
