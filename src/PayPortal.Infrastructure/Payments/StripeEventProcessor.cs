using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Logging;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Payments.Events;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// Applies one verified Stripe event, once: under the write lock its id is checked against those already
/// handled, the handler for its family (checkout, intents, refunds, disputes, payouts) does its work, and
/// the record of it is saved in the same transaction as the ledger postings it causes. A redelivery,
/// even in parallel, changes nothing. Anything the handler must ask Stripe is asked before the lock.
/// </summary>
public sealed class StripeEventProcessor(PayPortalDbContext db, CheckoutEvents checkouts, PaymentIntentEvents intents, RefundEvents refunds, ChargebackEvents chargebacks,
    PayoutEvents payouts, OutboxSignal outbox, TimeProvider clock, ILogger<StripeEventProcessor> logger)
{
    public async Task<string> ApplyAsync(Event stripeEvent, CancellationToken ct = default)
    {
        using var run = logger.BeginScope(LogScope.Run("stripe-event", new("StripeEventId", stripeEvent.Id), new("StripeEventType", stripeEvent.Type)));
        var isTest = !stripeEvent.Livemode;
        var fresh = !await SeenAsync(stripeEvent.Id, ct);
        var payoutItems = fresh && stripeEvent.Data.Object is Payout paid && stripeEvent.Type == "payout.paid" ? await payouts.ItemsAsync(paid, ct) : null;
        var chargeRefunds = fresh && stripeEvent.Data.Object is Charge refunded && stripeEvent.Type == "charge.refunded" ? await refunds.RefundsOfAsync(refunded, ct) : null;

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        if (await SeenAsync(stripeEvent.Id, ct)) return "duplicate: already handled";
        // Every save the handler makes (the payment before its receipt, say) is audited as this event.
        using var audit = db.Audit.Begin($"stripe.{stripeEvent.Type}");
        var outcome = (stripeEvent.Type, stripeEvent.Data.Object) switch
        {
            ("checkout.session.completed", Session s) => await checkouts.CompletedAsync(s, isTest, ct),
            ("checkout.session.async_payment_succeeded", Session s) => await checkouts.PaidAsync(s, isTest, ct),
            ("checkout.session.async_payment_failed", Session s) => await checkouts.DebitFailedAsync(s, ct),
            ("checkout.session.expired", Session s) => await checkouts.ExpiredAsync(s, ct),
            ("payment_intent.payment_failed", PaymentIntent i) => await intents.FailedAsync(i, ct),
            ("charge.refunded", Charge c) => await refunds.RefundedAsync(c, chargeRefunds!, ct),
            ("charge.dispute.created", Dispute d) => await chargebacks.CreatedAsync(d, ct),
            ("charge.dispute.closed", Dispute d) => await chargebacks.ClosedAsync(d, ct),
            ("payout.paid", Payout p) => await payouts.PaidAsync(p, payoutItems!, isTest, ct),
            _ => $"ignored: {stripeEvent.Type} is not handled",
        };
        db.StripeEvents.Add(new StripeEventRecord { EventId = stripeEvent.Id, Type = stripeEvent.Type, ReceivedAt = clock.GetUtcNow().UtcDateTime, Outcome = Clip(outcome) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Notify();
        if (outcome.StartsWith("refused", StringComparison.Ordinal))
            logger.LogError("Stripe event {EventId} ({Type}) needs a person: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        else
            logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return outcome;
    }

    private Task<bool> SeenAsync(string eventId, CancellationToken ct) => db.StripeEvents.AnyAsync(e => e.EventId == eventId, ct);

    private static string Clip(string outcome) => outcome.Length > 500 ? outcome[..500] : outcome;
}
