using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Stripe;
using Stripe;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>PaymentIntents: a declined attempt is recorded on its portal payment, which stays open for another try.</summary>
public sealed class PaymentIntentEvents(PayPortalDbContext db)
{
    public async Task<string> FailedAsync(PaymentIntent intent, CancellationToken ct)
    {
        if (!long.TryParse(intent.Metadata?.GetValueOrDefault(PortalCheckouts.MetadataKey), out var id)) return $"ignored: payment intent {intent.Id} is not from the portal";
        var portal = await db.PortalPayments.SingleOrDefaultAsync(p => p.Id == id && (p.PaymentIntentId == null || p.PaymentIntentId == intent.Id), ct);
        if (portal is null) return $"ignored: unknown portal payment {id}";
        var error = intent.LastPaymentError;
        portal.Declined(error is null ? "The payment was declined." : StripeErrors.ForCustomer(error.Type, error.Code, error.DeclineCode), intent.Id);
        return $"recorded decline on portal payment {portal.Id}";
    }
}
