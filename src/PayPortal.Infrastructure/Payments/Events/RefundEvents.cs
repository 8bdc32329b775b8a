using Stripe;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>Refunds, whoever made them (a manager in the back office or someone in Stripe's dashboard): the ledger follows <c>charge.refunded</c>.</summary>
public sealed class RefundEvents(MoneyTakeBack takeBack)
{
    public async Task<string> RefundedAsync(Charge charge, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(charge.PaymentIntentId, ct);
        if (payment is null) return $"ignored: charge {charge.Id} is not a portal payment";
        // amount_refunded is cumulative: only what is new since the last refund event is taken back.
        var newly = charge.AmountRefunded - payment.RefundedMinor;
        if (newly <= 0) return $"no change: payment {payment.Id} already shows {payment.RefundedMinor} refunded";
        await takeBack.TakeBackAsync(payment, newly, Reason(charge), $"{charge.Id}:refunded:{charge.AmountRefunded}", ct);
        return $"refunded {newly} of payment {payment.Id}";
    }

    /// <summary>Why, as the manager who asked said it (the newest refund's metadata), else that it came from Stripe.</summary>
    private static string Reason(Charge charge)
    {
        var metadata = charge.Refunds?.Data?.OrderByDescending(r => r.Created).FirstOrDefault()?.Metadata;
        return metadata?.GetValueOrDefault(PaymentRefunds.ReasonKey) is { Length: > 0 } reason
            ? $"Refunded through Stripe: {reason} ({metadata.GetValueOrDefault(PaymentRefunds.RequestedByKey) ?? "back office"})"
            : "Refunded through Stripe";
    }
}
