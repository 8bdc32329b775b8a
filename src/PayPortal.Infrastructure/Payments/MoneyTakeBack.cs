using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// Money Stripe took back (a refund or a chargeback): enough of the payment's applications are reversed
/// (newest first) to free that much cash, any excess of a reversed application is applied again to the
/// same invoice, and the amount leaves as a refund. So exactly that amount is owed again, nothing more.
/// </summary>
public sealed class MoneyTakeBack(PayPortalDbContext db, TimeProvider clock)
{
    /// <summary>The AR payment a PaymentIntent paid, if it is one of the portal's.</summary>
    public async Task<Payment?> PaymentForIntentAsync(string? intentId, CancellationToken ct)
    {
        if (intentId is null) return null;
        var paymentId = await db.PortalPayments.Where(p => p.PaymentIntentId == intentId && p.PaymentId != null).Select(p => p.PaymentId).FirstOrDefaultAsync(ct);
        return paymentId is null ? null : await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
    }

    /// <summary>
    /// The payments that hold a charge's money in the books: the one it paid and, after a chargeback Stripe
    /// reinstated, the receipts that brought the money back (so a later refund or withdrawal comes off them).
    /// </summary>
    public async Task<List<Payment>> CarriersAsync(Payment payment, CancellationToken ct)
    {
        var reinstated = await db.Refunds.Where(r => r.PaymentId == payment.Id && r.DisputeId != null).Select(r => r.DisputeId! + ChargebackReinstated).Distinct().ToListAsync(ct);
        var back = await db.Payments.Where(p => p.CustomerId == payment.CustomerId && reinstated.Contains(p.Reference!)).OrderBy(p => p.Id).ToListAsync(ct);
        return [payment, .. back];
    }

    /// <summary>The reference of the receipt that brings back money a chargeback took: "dp_… reinstated".</summary>
    public const string ChargebackReinstated = " reinstated";

    /// <summary>The first carrier still holding <paramref name="amount"/>, else null.</summary>
    public static Payment? CarrierFor(IEnumerable<Payment> carriers, long amount) =>
        carriers.FirstOrDefault(p => p.AmountMinor - p.RefundedMinor >= amount);

    /// <returns>How much each invoice owes again.</returns>
    public async Task<Dictionary<Invoice, long>> TakeBackAsync(Payment payment, long amount, string reason, string externalReference, CancellationToken ct, string? disputeId = null)
    {
        var reopened = new Dictionary<Invoice, long>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var applications = await db.Allocations.Include(a => a.Invoice).Include(a => a.Payment)
            .Where(a => a.PaymentId == payment.Id && a.Kind == AllocationKind.Payment && a.ReversedAt == null)
            .OrderByDescending(a => a.Id).ToListAsync(ct);
        foreach (var application in applications)
        {
            var missing = amount - payment.UnappliedMinor;
            if (missing <= 0) break;
            db.Journals.Add(Postings.ReverseAllocation(application, reason, today, now));
            var keep = application.AmountMinor - missing;
            reopened[application.Invoice!] = reopened.GetValueOrDefault(application.Invoice!) + Math.Min(missing, application.AmountMinor);
            if (keep > 0)
            {
                var (again, journal) = Postings.Allocate(payment, application.Invoice!, new Money(keep, payment.Currency), today, now, application.Rule);
                db.Allocations.Add(again);
                db.Journals.Add(journal);
            }
        }
        var (refund, refundJournal) = Postings.Refund(payment, new Money(amount, payment.Currency), reason, today, now, externalReference, disputeId);
        db.Refunds.Add(refund);
        db.Journals.Add(refundJournal);
        return reopened;
    }
}
