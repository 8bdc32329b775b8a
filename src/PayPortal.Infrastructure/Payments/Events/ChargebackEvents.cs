using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using Stripe;
using PaymentMethod = PayPortal.Domain.Payments.PaymentMethod;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Card disputes: the bank took the money back, so it leaves as a chargeback (the invoices owe it
/// again) and a chargeback case joins the dispute queue with Stripe's evidence deadline; when the bank
/// decides, a won case brings the money back onto the invoice it came off.
/// </summary>
public sealed class ChargebackEvents(PayPortalDbContext db, MoneyTakeBack takeBack, TimeProvider clock)
{
    public async Task<string> CreatedAsync(Dispute dispute, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(dispute.PaymentIntentId, ct);
        if (payment is null) return $"ignored: dispute {dispute.Id} is not about a portal payment";
        if (await db.Refunds.AnyAsync(r => r.ExternalReference == dispute.Id, ct)) return $"no change: chargeback {dispute.Id} already recorded";
        var amount = Math.Min(dispute.Amount, payment.AmountMinor - payment.RefundedMinor);
        if (amount <= 0) return $"no change: nothing left on payment {payment.Id} to charge back";
        var reopened = await takeBack.TakeBackAsync(payment, amount, $"Chargeback: card dispute {dispute.Id} ({dispute.Reason ?? "no reason given"})", dispute.Id, ct);
        // The case is always recorded (its outcome may bring the money back): on the invoice it reopened most,
        // or, when the cash was still unapplied, on the first invoice the customer was paying.
        var invoice = reopened.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault()
            ?? await db.PortalPayments.Where(p => p.PaymentId == payment.Id).SelectMany(p => p.Lines).OrderBy(l => l.Id)
                .Select(l => db.Invoices.Single(i => i.Id == l.InvoiceId)).FirstAsync(ct);
        DateTime? dueBy = dispute.EvidenceDetails?.DueBy;
        db.Disputes.Add(Domain.Disputes.Dispute.Chargeback(invoice, new Money(amount, payment.Currency), dispute.Id, dispute.Reason, dueBy, clock.GetUtcNow().UtcDateTime));
        return $"chargeback of {amount} on payment {payment.Id}; its invoices are open again";
    }

    public async Task<string> ClosedAsync(Dispute stripeDispute, CancellationToken ct)
    {
        var chargeback = await db.Disputes.Include(d => d.Invoice).ThenInclude(i => i!.Customer)
            .SingleOrDefaultAsync(d => d.StripeDisputeId == stripeDispute.Id, ct);
        if (chargeback is null) return $"ignored: no chargeback recorded for dispute {stripeDispute.Id}";
        if (!chargeback.IsOpen) return $"no change: chargeback {stripeDispute.Id} already {chargeback.Status}";
        var now = clock.GetUtcNow().UtcDateTime;
        var won = stripeDispute.Status == "won";
        chargeback.DecideChargeback(won, now);
        if (!won) return $"chargeback {stripeDispute.Id} lost; invoice {chargeback.Invoice!.Number} stays owed";

        var invoice = chargeback.Invoice!;
        var original = await takeBack.PaymentForIntentAsync(stripeDispute.PaymentIntentId, ct);
        var returned = new Payment(invoice.Customer!, new Money(chargeback.AmountMinor, invoice.Currency), PaymentMethod.Card, clock.Today(),
            $"{stripeDispute.Id} won", original?.IsTest ?? false);
        db.Payments.Add(returned);
        db.Journals.Add(Postings.ReceivePayment(returned, now));
        var apply = invoice.CanReceiveMoney ? Math.Min(invoice.OpenMinor, returned.AmountMinor) : 0;
        if (apply > 0)
        {
            var (allocation, journal) = Postings.Allocate(returned, invoice, new Money(apply, invoice.Currency), clock.Today(), now, "chargeback won");
            db.Allocations.Add(allocation);
            db.Journals.Add(journal);
        }
        return $"chargeback {stripeDispute.Id} won; {new Money(chargeback.AmountMinor, invoice.Currency)} received again";
    }
}
