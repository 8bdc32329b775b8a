using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using Stripe;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// What an event needs from Stripe beyond its own copy, asked outside any transaction: the dispute or
/// refund as it is now (an old event redelivered must not undo a newer one), and whether a payment
/// intent the books do not know yet is one of the portal's still waiting for its checkout event.
/// Stripe's "no such object" (a fixture, another account's object) falls back to the event's copy;
/// anything else Stripe cannot answer throws, so the webhook answers 500 and Stripe retries.
/// </summary>
public sealed class StripeLookups(PayPortalDbContext db, IStripeClient stripe)
{
    public async Task<Dispute> CurrentAsync(Dispute dispute, CancellationToken ct) =>
        await OrNullWhenMissing(() => new DisputeService(stripe).GetAsync(dispute.Id, cancellationToken: ct)) ?? dispute;

    public async Task<Refund> CurrentAsync(Refund refund, CancellationToken ct) =>
        await OrNullWhenMissing(() => new RefundService(stripe).GetAsync(refund.Id, cancellationToken: ct)) ?? refund;

    /// <summary>
    /// The intent paid a portal payment whose money the books have not received yet (its checkout event is
    /// late or was refused): money taken back from it cannot be booked until that payment is.
    /// </summary>
    public async Task<bool> AwaitsItsCheckoutAsync(string? intentId, CancellationToken ct)
    {
        if (intentId is null) return false;
        var known = await db.PortalPayments.AsNoTracking().Where(p => p.PaymentIntentId == intentId).Select(p => new { p.PaymentId }).ToListAsync(ct);
        if (known.Count > 0) return known.All(p => p.PaymentId is null);
        var intent = await OrNullWhenMissing(() => new PaymentIntentService(stripe).GetAsync(intentId, cancellationToken: ct));
        if (!long.TryParse(intent?.Metadata?.GetValueOrDefault(PortalCheckouts.MetadataKey), out var portalId)) return false;
        var portal = await db.PortalPayments.AsNoTracking().Where(p => p.Id == portalId).Select(p => new { p.PaymentId, p.CheckoutSessionId }).SingleOrDefaultAsync(ct);
        if (portal is not { PaymentId: null, CheckoutSessionId: { } sessionId }) return false;
        // The metadata is only a claim: the portal payment's own session must have made this intent.
        var session = await OrNullWhenMissing(() => new SessionService(stripe).GetAsync(sessionId, cancellationToken: ct));
        return session?.PaymentIntentId == intentId;
    }

    private static async Task<T?> OrNullWhenMissing<T>(Func<Task<T>> ask) where T : class
    {
        try
        {
            return await ask();
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
