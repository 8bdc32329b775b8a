using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using Stripe;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Refunds, whoever made them (a manager in the back office or someone in Stripe's dashboard): the ledger
/// follows <c>charge.refunded</c>, one refund of the books per Stripe refund (by its id), so a refund is
/// never confused with money a chargeback took or brought back.
/// </summary>
public sealed class RefundEvents(PayPortalDbContext db, MoneyTakeBack takeBack, IStripeClient stripe)
{
    /// <summary>Refunds Stripe counts as money gone (<c>amount_refunded</c> includes pending ones).</summary>
    private static readonly string[] MoneyGone = ["succeeded", "pending"];

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
        var gone = refunds.Where(r => MoneyGone.Contains(r.Status) && r.Amount > 0).OrderBy(r => r.Created).ThenBy(r => r.Id).ToList();
        if (gone.Count == 0) return await RefundedByTotalAsync(charge, payment, ct);

        var carriers = await CarriersAsync(payment, ct);
        var carrierIds = carriers.Select(p => p.Id).ToList();
        var ids = gone.Select(r => r.Id).ToList();
        var recorded = await db.Refunds.Where(r => carrierIds.Contains(r.PaymentId) && ids.Contains(r.ExternalReference!)).Select(r => r.ExternalReference).ToListAsync(ct);
        var taken = new List<string>();
        foreach (var refund in gone.Where(r => !recorded.Contains(r.Id)))
        {
            await takeBack.TakeBackAsync(CarrierFor(carriers, refund.Amount), refund.Amount, Reason(refund), refund.Id, ct);
            taken.Add($"{refund.Id} ({refund.Amount})");
        }
        return taken.Count == 0
            ? $"no change: payment {payment.Id} already shows every refund of charge {charge.Id}"
            : $"refunded {gone.Where(r => !recorded.Contains(r.Id)).Sum(r => r.Amount)} of payment {payment.Id}: {string.Join(", ", taken)}";
    }

    /// <summary>
    /// Stripe listed no refunds (the charge's refunds are not visible to this key, say): its cumulative
    /// <c>amount_refunded</c> against the refunds already in the books, chargebacks not counted.
    /// </summary>
    private async Task<string> RefundedByTotalAsync(Charge charge, Domain.Payments.Payment payment, CancellationToken ct)
    {
        var carriers = await CarriersAsync(payment, ct);
        var carrierIds = carriers.Select(p => p.Id).ToList();
        var refunded = await db.Refunds.Where(r => carrierIds.Contains(r.PaymentId) && (r.ExternalReference == null || !r.ExternalReference.StartsWith(ChargebackEvents.ReferencePrefix)))
            .SumAsync(r => r.AmountMinor, ct);
        var newly = charge.AmountRefunded - refunded;
        if (newly <= 0) return $"no change: payment {payment.Id} already shows {refunded} refunded";
        await takeBack.TakeBackAsync(CarrierFor(carriers, newly), newly, "Refunded through Stripe", $"{charge.Id}:refunded:{charge.AmountRefunded}", ct);
        return $"refunded {newly} of payment {payment.Id}";
    }

    /// <summary>
    /// The payments that hold the charge's money in the books: the one it paid and, after a chargeback
    /// Stripe reinstated, the receipt that brought the money back.
    /// </summary>
    private async Task<List<Domain.Payments.Payment>> CarriersAsync(Domain.Payments.Payment payment, CancellationToken ct)
    {
        var disputes = await db.Refunds.Where(r => r.PaymentId == payment.Id && r.ExternalReference!.StartsWith(ChargebackEvents.ReferencePrefix))
            .Select(r => r.ExternalReference!).ToListAsync(ct);
        var reinstated = disputes.Select(ChargebackEvents.ReinstatedReferenceOf).Distinct().ToList();
        var back = await db.Payments.Where(p => p.CustomerId == payment.CustomerId && reinstated.Contains(p.Reference!)).OrderBy(p => p.Id).ToListAsync(ct);
        return [payment, .. back];
    }

    /// <summary>The first that still holds the whole refund; else the original, whose refusal then says what is missing.</summary>
    private static Domain.Payments.Payment CarrierFor(List<Domain.Payments.Payment> carriers, long amount) =>
        carriers.FirstOrDefault(p => p.AmountMinor - p.RefundedMinor >= amount) ?? carriers[0];

    /// <summary>Why, as the manager who asked said it (the refund's metadata), else that it came from Stripe.</summary>
    private static string Reason(Refund refund)
    {
        var metadata = refund.Metadata;
        var reason = metadata?.GetValueOrDefault(PaymentRefunds.ReasonKey) is { Length: > 0 } said
            ? $"Refunded through Stripe: {said} ({metadata.GetValueOrDefault(PaymentRefunds.RequestedByKey) ?? "back office"})"
            : "Refunded through Stripe";
        return reason.Length > 480 ? reason[..480] : reason;
    }
}
