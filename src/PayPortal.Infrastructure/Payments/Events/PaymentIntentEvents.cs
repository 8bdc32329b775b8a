using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Stripe;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>Which portal payment a PaymentIntent belongs to, as Stripe confirms it (null: none, with why).</summary>
public sealed record IntentCheck(long? PortalPaymentId, string? Ignored);

/// <summary>PaymentIntents: a declined attempt is recorded on its portal payment, which stays open for another try.</summary>
public sealed class PaymentIntentEvents(PayPortalDbContext db, IStripeClient stripe)
{
    /// <summary>
    /// The metadata names a portal payment, but metadata is whatever the intent's creator wrote: the intent
    /// must be for the payment's amount and be the one its Checkout Session made (asked of Stripe, outside
    /// any transaction, when the portal does not know the intent yet).
    /// </summary>
    public async Task<IntentCheck> CheckAsync(PaymentIntent intent, CancellationToken ct)
    {
        if (!long.TryParse(intent.Metadata?.GetValueOrDefault(PortalCheckouts.MetadataKey), out var id)) return new(null, $"ignored: payment intent {intent.Id} is not from the portal");
        var portal = await db.PortalPayments.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.PaymentIntentId, p.CheckoutSessionId, p.AmountMinor, p.CurrencyCode }).SingleOrDefaultAsync(ct);
        if (portal is null) return new(null, $"ignored: unknown portal payment {id}");
        if (intent.Amount != portal.AmountMinor || !string.Equals(intent.Currency, portal.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            return new(null, $"ignored: payment intent {intent.Id} is for {intent.Amount} {intent.Currency ?? "(no currency)"}, portal payment {id} for {portal.AmountMinor} {portal.CurrencyCode}");
        if (portal.PaymentIntentId == intent.Id) return new(id, null);
        if (portal.PaymentIntentId is not null || portal.CheckoutSessionId is null) return new(null, $"ignored: payment intent {intent.Id} is not portal payment {id}'s");
        var session = await new SessionService(stripe).GetAsync(portal.CheckoutSessionId, cancellationToken: ct);
        return session.PaymentIntentId == intent.Id
            ? new(id, null)
            : new(null, $"ignored: payment intent {intent.Id} is not the one checkout {portal.CheckoutSessionId} made");
    }

    public async Task<string> FailedAsync(PaymentIntent intent, IntentCheck check, CancellationToken ct)
    {
        if (check.PortalPaymentId is not { } id) return check.Ignored!;
        var portal = await db.PortalPayments.SingleAsync(p => p.Id == id, ct);
        if (portal.PaymentIntentId is not null && portal.PaymentIntentId != intent.Id) return $"ignored: portal payment {id} is paying with another intent";
        var error = intent.LastPaymentError;
        portal.Declined(error is null ? "The payment was declined." : StripeErrors.ForCustomer(error.Type, error.Code, error.DeclineCode), intent.Id);
        return $"recorded decline on portal payment {portal.Id}";
    }
}
