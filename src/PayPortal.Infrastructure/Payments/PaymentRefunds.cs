using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PayPortal.Domain;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Stripe;
using Stripe;
using PaymentMethod = PayPortal.Domain.Payments.PaymentMethod;

namespace PayPortal.Infrastructure.Payments;

/// <summary>What a refund request came to: done at Stripe (the ledger follows its <c>charge.refunded</c> event) or refused, with a sentence either way.</summary>
public sealed record RefundOutcome(bool Succeeded, string Message);

/// <summary>
/// A manager refunds a card or bank payment taken in the portal, fully or in part, with a reason. The
/// request goes to Stripe with an idempotency key made of the payment, the amount already refunded and
/// the amount asked, so a double click or a retry refunds once; the books change only when Stripe's
/// <c>charge.refunded</c> event arrives, exactly as for a refund made in Stripe's dashboard.
/// </summary>
public sealed class PaymentRefunds(PayPortalDbContext db, IStripeClient stripe, ILogger<PaymentRefunds> logger)
{
    public async Task<RefundOutcome> RefundAsync(long paymentId, long amountMinor, string reason, string actor, CancellationToken ct = default)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return new(false, "No such payment.");
        if (string.IsNullOrWhiteSpace(reason)) return new(false, "Say why the money goes back: the reason is required.");
        var intentId = await db.PortalPayments.Where(p => p.PaymentId == paymentId && p.PaymentIntentId != null).Select(p => p.PaymentIntentId).FirstOrDefaultAsync(ct);
        if (payment.Method is not (PaymentMethod.Card or PaymentMethod.UsBankAccount) || intentId is null)
            return new(false, $"Payment {Receipts.NumberOf(payment.Id)} was not taken through Stripe; refund it the way it was paid.");
        var refundable = payment.AmountMinor - payment.RefundedMinor;
        if (amountMinor <= 0) return new(false, "The refund must be more than zero.");
        if (amountMinor > refundable) return new(false, $"At most {new Money(refundable, payment.Currency)} of this payment can still be refunded.");

        var options = new RefundCreateOptions
        {
            PaymentIntent = intentId, Amount = amountMinor, Reason = "requested_by_customer",
            Metadata = new Dictionary<string, string>
            {
                ["payportal_payment_id"] = paymentId.ToString(CultureInfo.InvariantCulture), ["reason"] = reason.Trim(), ["requested_by"] = actor,
            },
        };
        try
        {
            var key = $"refund-{paymentId}-{payment.RefundedMinor}-{amountMinor}";
            var refund = await new RefundService(stripe).CreateAsync(options, new RequestOptions { IdempotencyKey = key }, ct);
            logger.LogInformation("Refund {RefundId} of {Amount} on payment {PaymentId} requested by {Actor}: {Reason}", refund.Id, amountMinor, paymentId, actor, reason);
            return new(true, $"{new Money(amountMinor, payment.Currency)} is being refunded to the customer ({refund.Id}); the invoices show it owed again once Stripe confirms.");
        }
        catch (StripeException ex)
        {
            logger.LogWarning(ex, "Stripe refused refund on payment {PaymentId} (request {RequestId}): {Message}", paymentId, StripeErrors.RequestId(ex), ex.StripeError?.Message ?? ex.Message);
            return new(false, ex.StripeError?.Message is { } said && ex.StripeError.Type == "invalid_request_error"
                ? $"Stripe refused the refund: {said}"
                : "Stripe could not be reached to refund; nothing was refunded. Try again in a few minutes.");
        }
    }
}
