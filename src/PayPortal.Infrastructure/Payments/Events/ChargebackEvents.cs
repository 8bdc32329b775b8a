using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using Stripe;
using PaymentMethod = PayPortal.Domain.Payments.PaymentMethod;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Card disputes as Stripe means them. An inquiry (<c>warning_*</c>) takes no money: the case joins the
/// dispute queue and nothing is owed again. A chargeback takes the money when Stripe withdraws it and
/// brings it back when Stripe reinstates it: every dispute event is compared with what the dispute's
/// balance transactions say the bank holds (or, without them, what the event says happened), and only
/// the difference moves, so events in any order, repeated or missed, leave the books where Stripe is.
/// </summary>
public sealed class ChargebackEvents(PayPortalDbContext db, MoneyTakeBack takeBack, TimeProvider clock)
{
    /// <summary>The books' refund references for money a chargeback took: <c>dispute:dp_…:1</c>, <c>:2</c>…</summary>
    public const string ReferencePrefix = "dispute:";

    public async Task<string> ReconcileAsync(Dispute dispute, string eventType, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(dispute.PaymentIntentId, ct);
        if (payment is null) return $"ignored: dispute {dispute.Id} is not about a portal payment";
        var inquiry = IsInquiry(dispute);
        var customer = await db.Customers.SingleAsync(c => c.Id == payment.CustomerId, ct);
        var chargeback = await db.Disputes.Include(d => d.Invoice).ThenInclude(i => i!.Customer).SingleOrDefaultAsync(d => d.StripeDisputeId == dispute.Id, ct);
        var said = new List<string>();

        var withdrawals = await db.Refunds.Where(r => r.PaymentId == payment.Id && r.ExternalReference!.StartsWith(ReferencePrefix + dispute.Id + ":")).ToListAsync(ct);
        var reinstated = await db.Payments.Where(p => p.CustomerId == payment.CustomerId && p.Reference == ReinstatedReference(dispute)).SumAsync(p => p.AmountMinor, ct);
        var heldNow = withdrawals.Sum(r => r.AmountMinor) - reinstated;
        var held = HeldByBank(dispute, eventType) ?? heldNow;
        var reopened = new Dictionary<Domain.Invoicing.Invoice, long>();
        if (held > heldNow)
        {
            var amount = Math.Min(held - heldNow, payment.AmountMinor - payment.RefundedMinor);
            if (amount > 0)
            {
                reopened = await takeBack.TakeBackAsync(payment, amount, $"Chargeback: card dispute {dispute.Id} ({dispute.Reason ?? "no reason given"})",
                    $"{ReferencePrefix}{dispute.Id}:{withdrawals.Count + 1}", ct);
                said.Add($"chargeback of {amount} on payment {payment.Id}; its invoices are open again");
            }
        }

        if (chargeback is null)
        {
            // The case is always recorded (its outcome may bring the money back): on the invoice it reopened most,
            // or, for an inquiry or cash still unapplied, on the first invoice the customer was paying.
            var invoice = reopened.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault()
                ?? await db.PortalPayments.Where(p => p.PaymentId == payment.Id).SelectMany(p => p.Lines).OrderBy(l => l.Id)
                    .Select(l => db.Invoices.Single(i => i.Id == l.InvoiceId)).FirstAsync(ct);
            chargeback = Domain.Disputes.Dispute.Chargeback(invoice, new Money(dispute.Amount, payment.Currency), dispute.Id, dispute.Reason, dispute.EvidenceDetails?.DueBy,
                clock.GetUtcNow().UtcDateTime, inquiry);
            db.Disputes.Add(chargeback);
            if (inquiry) said.Add($"inquiry {dispute.Id} recorded; no money moved");
            else if (reopened.Count == 0 && held == 0) said.Add($"chargeback {dispute.Id} recorded; money leaves when Stripe withdraws it");
        }

        if (held < heldNow)
        {
            var back = heldNow - held;
            Reinstate(chargeback, dispute, customer, payment, back);
            said.Add($"{new Money(back, payment.Currency)} of chargeback {dispute.Id} received again");
        }

        if (chargeback.IsOpen && dispute.Status is "won" or "lost" or "warning_closed")
        {
            chargeback.DecideChargeback(dispute.Status != "lost", clock.GetUtcNow().UtcDateTime,
                dispute.Status == "warning_closed" ? "The inquiry closed without a chargeback." : null);
            said.Add($"chargeback {dispute.Id} {dispute.Status}" + (dispute.Status == "lost" ? $"; invoice {chargeback.Invoice!.Number} stays owed" : ""));
        }
        return said.Count == 0 ? $"no change: chargeback {dispute.Id} already recorded as {chargeback.Status}" : string.Join("; ", said);
    }

    private static bool IsInquiry(Dispute dispute) => dispute.Status?.StartsWith("warning_", StringComparison.Ordinal) == true;

    /// <summary>
    /// What the bank holds of the dispute now. From its balance transactions when Stripe sent them (the
    /// withdrawal is negative, a reinstatement positive; counted when they are in another currency than the
    /// charge), else from what the event reports; null when the event says nothing about money.
    /// </summary>
    internal static long? HeldByBank(Dispute dispute, string eventType)
    {
        if (IsInquiry(dispute)) return 0;
        if (dispute.BalanceTransactions is { Count: > 0 } txns)
        {
            if (txns.All(t => string.Equals(t.Currency, dispute.Currency, StringComparison.OrdinalIgnoreCase)))
                return Math.Clamp(-txns.Sum(t => t.Amount), 0, dispute.Amount);
            return txns.Count(t => t.Amount < 0) > txns.Count(t => t.Amount > 0) ? dispute.Amount : 0;
        }
        return eventType switch
        {
            "charge.dispute.funds_withdrawn" => dispute.Amount,
            "charge.dispute.funds_reinstated" => 0,
            _ when dispute.Status == "won" => 0,
            _ => null,
        };
    }

    private static string ReinstatedReference(Dispute dispute) => $"{dispute.Id} reinstated";

    /// <summary>The reference of the receipt that brings back what the withdrawal <paramref name="withdrawalReference"/> (<c>dispute:dp_…:n</c>) took.</summary>
    internal static string ReinstatedReferenceOf(string withdrawalReference)
    {
        var disputeId = withdrawalReference[ReferencePrefix.Length..];
        var colon = disputeId.LastIndexOf(':');
        return $"{(colon < 0 ? disputeId : disputeId[..colon])} reinstated";
    }

    /// <summary>The money comes back as a new receipt, applied to the case's invoice as far as it is still owed.</summary>
    private void Reinstate(Domain.Disputes.Dispute chargeback, Dispute dispute, Domain.Customers.Customer customer, Payment original, long amount)
    {
        var invoice = chargeback.Invoice!;
        var now = clock.GetUtcNow().UtcDateTime;
        var returned = new Payment(customer, new Money(amount, original.Currency), PaymentMethod.Card, clock.Today(), ReinstatedReference(dispute), original.IsTest);
        db.Payments.Add(returned);
        db.Journals.Add(Postings.ReceivePayment(returned, now));
        var apply = invoice.CanReceiveMoney ? Math.Min(invoice.OpenMinor, amount) : 0;
        if (apply <= 0) return;
        var (allocation, journal) = Postings.Allocate(returned, invoice, new Money(apply, invoice.Currency), clock.Today(), now, "chargeback reinstated");
        db.Allocations.Add(allocation);
        db.Journals.Add(journal);
    }
}
