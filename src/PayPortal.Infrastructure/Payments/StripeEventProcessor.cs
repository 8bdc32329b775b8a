using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PayPortal.Domain;
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
/// When the books refuse the event (a domain rule), nothing it did is kept: it is recorded as needing
/// attention, with the reason and the event itself, so Stripe stops retrying and a manager decides.
/// </summary>
public sealed class StripeEventProcessor(PayPortalDbContext db, CheckoutEvents checkouts, PaymentIntentEvents intents, RefundEvents refunds, ChargebackEvents chargebacks,
    PayoutEvents payouts, StripeLookups lookups, OutboxSignal outbox, TimeProvider clock, ILogger<StripeEventProcessor> logger)
{
    /// <summary>A webhook's event; <paramref name="payload"/> is the JSON Stripe signed.</summary>
    public Task<string> ApplyAsync(Event stripeEvent, string payload, CancellationToken ct = default) => HandleAsync(stripeEvent, payload, again: false, ct);

    /// <summary>An event that needed attention, applied again (a manager fixed what the books refused).</summary>
    internal Task<string> ApplyAgainAsync(Event stripeEvent, string payload, CancellationToken ct) => HandleAsync(stripeEvent, payload, again: true, ct);

    private async Task<string> HandleAsync(Event stripeEvent, string payload, bool again, CancellationToken ct)
    {
        using var run = logger.BeginScope(LogScope.Run("stripe-event", new("StripeEventId", stripeEvent.Id), new("StripeEventType", stripeEvent.Type)));
        var isTest = !stripeEvent.Livemode;
        if (!again && await SeenAsync(stripeEvent.Id, ct)) return "duplicate: already handled";
        var asked = await AskStripeAsync(stripeEvent, ct);

        string outcome;
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            var record = await db.StripeEvents.SingleOrDefaultAsync(e => e.EventId == stripeEvent.Id, ct);
            if (record is not null && !(again && record.Status == StripeEventStatus.NeedsAttention)) return "duplicate: already handled";
            // Every save the handler makes (the payment before its receipt, say) is audited as this event.
            using (db.Audit.Begin($"stripe.{stripeEvent.Type}"))
            {
                try
                {
                    outcome = await DispatchAsync(stripeEvent, asked, isTest, ct);
                }
                catch (DomainRefusal refusal)
                {
                    outcome = $"refused: {refusal.Message}";
                }
                if (StripeEventRecord.StatusOf(outcome) != StripeEventStatus.NeedsAttention)
                {
                    Record(record, stripeEvent, outcome, payload: null);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    outbox.Notify();
                    logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
                    return outcome;
                }
            }
        } // not committed: whatever the handler saved is rolled back

        db.ChangeTracker.Clear();
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            var record = await db.StripeEvents.SingleOrDefaultAsync(e => e.EventId == stripeEvent.Id, ct);
            if (record is not null && record.Status != StripeEventStatus.NeedsAttention) return "duplicate: already handled";
            using (db.Audit.Begin($"stripe.{stripeEvent.Type}.needs-attention"))
            {
                Record(record, stripeEvent, outcome, payload);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        logger.LogError("Stripe event {EventId} ({Type}) needs a person: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return outcome;
    }

    private static readonly string[] DisputeEvents =
        ["charge.dispute.created", "charge.dispute.updated", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "charge.dispute.closed"];
    private static readonly string[] RefundUpdates = ["charge.refund.updated", "refund.updated", "refund.failed"];

    /// <summary>What Stripe's events do not carry, or carry as it was when sent, asked outside any transaction.</summary>
    private async Task<AskedOfStripe> AskStripeAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Data.Object)
        {
            case Payout paid when stripeEvent.Type == "payout.paid":
                return new() { PayoutItems = await payouts.ItemsAsync(paid, ct) };
            case Charge refunded when stripeEvent.Type == "charge.refunded":
                return new() { ChargeRefunds = await refunds.RefundsOfAsync(refunded, ct), AwaitingCheckout = await lookups.AwaitsItsCheckoutAsync(refunded.PaymentIntentId, ct) };
            case Refund refund when RefundUpdates.Contains(stripeEvent.Type):
                var current = await lookups.CurrentAsync(refund, ct);
                return new() { Refund = current, AwaitingCheckout = await lookups.AwaitsItsCheckoutAsync(current.PaymentIntentId, ct) };
            case Dispute dispute when DisputeEvents.Contains(stripeEvent.Type):
                var now = await lookups.CurrentAsync(dispute, ct);
                return new() { Dispute = now, AwaitingCheckout = await lookups.AwaitsItsCheckoutAsync(now.PaymentIntentId, ct) };
            case PaymentIntent failed when stripeEvent.Type == "payment_intent.payment_failed":
                return new() { IntentCheck = await intents.CheckAsync(failed, ct) };
            default:
                return new();
        }
    }

    private async Task<string> DispatchAsync(Event stripeEvent, AskedOfStripe asked, bool isTest, CancellationToken ct) => (stripeEvent.Type, stripeEvent.Data.Object) switch
    {
        ("checkout.session.completed", Session s) => await checkouts.CompletedAsync(s, isTest, ct),
        ("checkout.session.async_payment_succeeded", Session s) => await checkouts.PaidAsync(s, isTest, ct),
        ("checkout.session.async_payment_failed", Session s) => await checkouts.DebitFailedAsync(s, ct),
        ("checkout.session.expired", Session s) => await checkouts.ExpiredAsync(s, ct),
        ("payment_intent.payment_failed", PaymentIntent i) => await intents.FailedAsync(i, asked.IntentCheck!, ct),
        ("charge.refunded", Charge c) => await refunds.RefundedAsync(c, asked.ChargeRefunds!, asked.AwaitingCheckout, ct),
        (_, Refund) when asked.Refund is { } refund => await refunds.UpdatedAsync(refund, asked.AwaitingCheckout, ct),
        (_, Dispute) when asked.Dispute is { } dispute => await chargebacks.ReconcileAsync(dispute, stripeEvent.Type, asked.AwaitingCheckout, ct),
        ("payout.paid", Payout p) => await payouts.PaidAsync(p, asked.PayoutItems!, isTest, ct),
        _ => $"ignored: {stripeEvent.Type} is not handled",
    };

    private void Record(StripeEventRecord? record, Event stripeEvent, string outcome, string? payload)
    {
        var status = StripeEventRecord.StatusOf(outcome);
        if (record is null)
        {
            db.StripeEvents.Add(new StripeEventRecord
            {
                EventId = stripeEvent.Id, Type = stripeEvent.Type, ReceivedAt = clock.GetUtcNow().UtcDateTime, Status = status, Outcome = Clip(outcome), Payload = payload,
            });
            return;
        }
        if (status == StripeEventStatus.NeedsAttention)
        {
            record.Outcome = Clip(outcome); // refused again: the latest reason
            return;
        }
        // Applied again after needing attention: resolved, by whoever asked; the outcome keeps why it was refused.
        record.Status = StripeEventStatus.Resolved;
        record.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        record.ResolvedBy = db.ActorName;
        record.Resolution = Clip($"Applied again: {outcome}");
        record.Payload = null; // kept only while it needs attention: it may carry a customer's details
    }

    private Task<bool> SeenAsync(string eventId, CancellationToken ct) => db.StripeEvents.AnyAsync(e => e.EventId == eventId, ct);

    private static string Clip(string outcome) => outcome.Length > 500 ? outcome[..500] : outcome;

    private sealed class AskedOfStripe
    {
        public List<StripePayoutItem>? PayoutItems { get; init; }
        public IReadOnlyList<Refund>? ChargeRefunds { get; init; }
        public IntentCheck? IntentCheck { get; init; }
        public Refund? Refund { get; init; }
        public Dispute? Dispute { get; init; }
        /// <summary>The intent paid a portal payment the books have not received yet.</summary>
        public bool AwaitingCheckout { get; init; }
    }
}
