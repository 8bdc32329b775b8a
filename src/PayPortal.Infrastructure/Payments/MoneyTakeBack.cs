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

    /// <returns>How much each invoice owes again.</returns>
    public async Task<Dictionary<Invoice, long>> TakeBackAsync(Payment payment, long amount, string reason, string externalReference, CancellationToken ct)
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
        var (refund, refundJournal) = Postings.Refund(payment, new Money(amount, payment.Currency), reason, today, now, externalReference);
        db.Refunds.Add(refund);
        db.Journals.Add(refundJournal);
        return reopened;
    }
}
