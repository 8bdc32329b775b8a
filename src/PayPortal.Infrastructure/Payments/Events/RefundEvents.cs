using Stripe;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>Refunds, whoever made them (a manager in the back office or someone in Stripe's dashboard): the ledger follows <c>charge.refunded</c>.</summary>
public sealed class RefundEvents(MoneyTakeBack takeBack, IStripeClient stripe)
{
    /// <summary>
    /// The charge's refunds, asked of Stripe outside any database transaction: a <c>charge.refunded</c>
    /// event does not carry them (Stripe stopped including <c>refunds</c> on charges), and their metadata
    /// says why and who asked.
    /// </summary>
    public async Task<IReadOnlyList<Refund>> RefundsOfAsync(Charge charge, CancellationToken ct)
    {
        var list = new List<Refund>();
        await foreach (var refund in new RefundService(stripe).ListAutoPagingAsync(new RefundListOptions { Charge = charge.Id, Limit = 100 }, cancellationToken: ct)) list.Add(refund);
        return list;
    }

    public async Task<string> RefundedAsync(Charge charge, IReadOnlyList<Refund> refunds, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(charge.PaymentIntentId, ct);
        if (payment is null) return $"ignored: charge {charge.Id} is not a portal payment";
        // amount_refunded is cumulative: only what is new since the last refund event is taken back.
        var newly = charge.AmountRefunded - payment.RefundedMinor;
        if (newly <= 0) return $"no change: payment {payment.Id} already shows {payment.RefundedMinor} refunded";
        await takeBack.TakeBackAsync(payment, newly, Reason(refunds), $"{charge.Id}:refunded:{charge.AmountRefunded}", ct);
        return $"refunded {newly} of payment {payment.Id}";
    }

    /// <summary>Why, as the manager who asked said it (the newest refund's metadata), else that it came from Stripe.</summary>
    private static string Reason(IReadOnlyList<Refund> refunds)
    {
        var metadata = refunds.OrderByDescending(r => r.Created).FirstOrDefault()?.Metadata;
        var reason = metadata?.GetValueOrDefault(PaymentRefunds.ReasonKey) is { Length: > 0 } said
            ? $"Refunded through Stripe: {said} ({metadata.GetValueOrDefault(PaymentRefunds.RequestedByKey) ?? "back office"})"
            : "Refunded through Stripe";
        return reason.Length > 480 ? reason[..480] : reason;
    }
}
