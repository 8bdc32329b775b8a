using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using Stripe;
using Refund = Stripe.Refund;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Refunds, whoever made them (a manager in the back office or someone in Stripe's dashboard): the ledger
/// follows Stripe's refunds one by one, by id, so a refund is booked once, never confused with money a
/// chargeback moved, and given back to the books if Stripe could not pay it out after all (failed or canceled).
/// </summary>
public sealed class RefundEvents(PayPortalDbContext db, MoneyTakeBack takeBack, IStripeClient stripe, TimeProvider clock)
{
    /// <summary>Refunds Stripe counts as money gone (<c>amount_refunded</c> includes pending ones).</summary>
    private static readonly string[] MoneyGone = ["succeeded", "pending"];
    private static readonly string[] MoneyStayed = ["failed", "canceled"];

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

    public async Task<string> RefundedAsync(Charge charge, IReadOnlyList<Refund> refunds, bool awaitingCheckout, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(charge.PaymentIntentId, ct);
        if (payment is null) return NotInBooks($"charge {charge.Id}", awaitingCheckout);
        var carriers = await takeBack.CarriersAsync(payment, ct);
        return refunds.Count == 0 ? await RefundedByTotalAsync(charge, carriers, ct) : await FollowAsync(carriers, refunds, ct);
    }

    /// <summary>One refund changed (<c>charge.refund.updated</c>, <c>refund.updated</c>, <c>refund.failed</c>), as Stripe has it now.</summary>
    public async Task<string> UpdatedAsync(Refund refund, bool awaitingCheckout, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(refund.PaymentIntentId, ct);
        if (payment is null) return NotInBooks($"refund {refund.Id}", awaitingCheckout);
        return await FollowAsync(await takeBack.CarriersAsync(payment, ct), [refund], ct);
    }

    private static string NotInBooks(string what, bool awaitingCheckout) => awaitingCheckout
        ? $"refused: {what} is of a portal payment the books have not received yet; apply its checkout event first, then this one again"
        : $"ignored: {what} is not of a portal payment";

    /// <summary>Books each refund Stripe counts as paid out and not yet booked; gives back each booked one that failed.</summary>
    /// <param name="carriers">The charge's payment first, then the receipts that brought chargeback money back (<see cref="MoneyTakeBack.CarriersAsync"/>).</param>
    private async Task<string> FollowAsync(List<Payment> carriers, IReadOnlyList<Refund> refunds, CancellationToken ct)
    {
        var payment = carriers[0];
        var carrierIds = carriers.Select(p => p.Id).ToList();
        var booked = await db.Refunds.Include(r => r.Payment).Where(r => carrierIds.Contains(r.PaymentId) && r.DisputeId == null).ToListAsync(ct);
        var stripeIds = refunds.Select(r => r.Id).ToHashSet();
        // Refunds booked without Stripe's id (from the charge's total, or before ids were kept) stand for the oldest Stripe refunds not booked by id.
        var unnamed = booked.Where(r => r.FailedAt is null && !stripeIds.Contains(r.ExternalReference ?? "")).Sum(r => r.AmountMinor);
        var said = new List<string>();

        foreach (var refund in refunds.Where(r => MoneyGone.Contains(r.Status) && r.Amount > 0 && booked.All(b => b.ExternalReference != r.Id)).OrderBy(r => r.Created).ThenBy(r => r.Id))
        {
            var covered = Math.Min(unnamed, refund.Amount);
            unnamed -= covered;
            var amount = refund.Amount - covered;
            if (amount == 0) continue;
            var carrier = MoneyTakeBack.CarrierFor(carriers, amount) ?? payment;
            await takeBack.TakeBackAsync(carrier, amount, Reason(refund), refund.Id, ct);
            said.Add($"refunded {amount} of payment {carrier.Id} ({refund.Id})");
        }
        foreach (var refund in refunds.Where(r => MoneyStayed.Contains(r.Status)))
        {
            if (booked.SingleOrDefault(b => b.ExternalReference == refund.Id && b.FailedAt is null) is not { } failed) continue;
            db.Journals.Add(Postings.RefundFailed(failed, clock.Today(), clock.GetUtcNow().UtcDateTime));
            said.Add($"refund {refund.Id} {refund.Status}: {failed.AmountMinor} is unapplied cash on payment {failed.PaymentId} again");
        }
        return said.Count == 0 ? $"no change: payment {payment.Id} already shows every refund Stripe reports" : string.Join("; ", said);
    }

    /// <summary>
    /// Stripe listed no refunds (the charge's refunds are not visible to this key, say): its cumulative
    /// <c>amount_refunded</c> against the refunds already in the books, chargebacks not counted.
    /// </summary>
    private async Task<string> RefundedByTotalAsync(Charge charge, List<Payment> carriers, CancellationToken ct)
    {
        var payment = carriers[0];
        var carrierIds = carriers.Select(p => p.Id).ToList();
        var refunded = await db.Refunds.Where(r => carrierIds.Contains(r.PaymentId) && r.DisputeId == null && r.FailedAt == null).SumAsync(r => r.AmountMinor, ct);
        var newly = charge.AmountRefunded - refunded;
        if (newly <= 0) return $"no change: payment {payment.Id} already shows {refunded} refunded";
        var carrier = MoneyTakeBack.CarrierFor(carriers, newly) ?? payment;
        await takeBack.TakeBackAsync(carrier, newly, "Refunded through Stripe", $"{charge.Id}:refunded:{charge.AmountRefunded}", ct);
        return $"refunded {newly} of payment {carrier.Id}";
    }

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
