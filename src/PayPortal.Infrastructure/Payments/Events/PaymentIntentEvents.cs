using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Stripe;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>Which portal payment a PaymentIntent belongs to, as Stripe confirms it; when none, the outcome that says why.</summary>
public sealed record IntentCheck(long? PortalPaymentId, string? Otherwise);

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
        Session session;
        try
        {
            session = await new SessionService(stripe).GetAsync(portal.CheckoutSessionId, cancellationToken: ct);
        }
        catch (StripeException ex) when ((int)ex.HttpStatusCode is >= 400 and < 500 and not 429)
        {
            // A lasting answer (no such session, a revoked key): retrying would not change it, a person must look.
            return new(null, $"refused: Stripe could not show checkout {portal.CheckoutSessionId} to check payment intent {intent.Id}: {ex.StripeError?.Message ?? ex.Message}");
        }
        return session.PaymentIntentId == intent.Id
            ? new(id, null)
            : new(null, $"ignored: payment intent {intent.Id} is not the one checkout {portal.CheckoutSessionId} made");
    }

    public async Task<string> FailedAsync(PaymentIntent intent, IntentCheck check, CancellationToken ct)
    {
        if (check.PortalPaymentId is not { } id) return check.Otherwise!;
        var portal = await db.PortalPayments.SingleAsync(p => p.Id == id, ct);
        if (portal.PaymentIntentId is not null && portal.PaymentIntentId != intent.Id) return $"ignored: portal payment {id} is paying with another intent";
        var error = intent.LastPaymentError;
        portal.Declined(error is null ? "The payment was declined." : StripeErrors.ForCustomer(error.Type, error.Code, error.DeclineCode), intent.Id);
        return $"recorded decline on portal payment {portal.Id}";
    }
}
