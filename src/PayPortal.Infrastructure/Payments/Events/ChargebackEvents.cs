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
/// brings it back when Stripe reinstates it: every dispute event compares what the dispute's balance
/// transactions (as Stripe has them now, see <see cref="StripeLookups"/>) say the bank holds with what the
/// books hold, and only the difference moves, so repeated, late or missed events leave the books where Stripe is.
/// </summary>
public sealed class ChargebackEvents(PayPortalDbContext db, MoneyTakeBack takeBack, TimeProvider clock)
{
    public async Task<string> ReconcileAsync(Dispute dispute, string eventType, bool awaitingCheckout, CancellationToken ct)
    {
        var payment = await takeBack.PaymentForIntentAsync(dispute.PaymentIntentId, ct);
        if (payment is null)
            return awaitingCheckout
                ? $"refused: dispute {dispute.Id} is about a portal payment the books have not received yet; apply its checkout event first, then this one again"
                : $"ignored: dispute {dispute.Id} is not about a portal payment";
        var customer = await db.Customers.SingleAsync(c => c.Id == payment.CustomerId, ct);
        var chargeback = await db.Disputes.Include(d => d.Invoice).SingleOrDefaultAsync(d => d.StripeDisputeId == dispute.Id, ct);
        var said = new List<string>();

        var withdrawals = await db.Refunds.Where(r => r.DisputeId == dispute.Id).ToListAsync(ct);
        var reinstated = await db.Payments.Where(p => p.CustomerId == payment.CustomerId && p.Reference == dispute.Id + MoneyTakeBack.ChargebackReinstated).SumAsync(p => p.AmountMinor, ct);
        var heldNow = withdrawals.Sum(r => r.AmountMinor) - reinstated;
        var held = HeldByBank(dispute, eventType) ?? heldNow;

        var reopened = new Dictionary<Domain.Invoicing.Invoice, long>();
        if (held > heldNow)
        {
            var amount = held - heldNow;
            var carrier = MoneyTakeBack.CarrierFor(await takeBack.CarriersAsync(payment, ct), amount);
            if (carrier is null) return $"refused: Stripe holds {amount} more for dispute {dispute.Id} than payment {payment.Id} still has in the books";
            reopened = await takeBack.TakeBackAsync(carrier, amount, $"Chargeback: card dispute {dispute.Id} ({dispute.Reason ?? "no reason given"})",
                $"{dispute.Id}:withdrawn:{withdrawals.Count + 1}", ct, disputeId: dispute.Id);
            said.Add($"chargeback of {amount} on payment {carrier.Id}; its invoices are open again");
        }

        if (chargeback is null)
        {
            chargeback = await OpenCaseAsync(dispute, payment, reopened, ct);
            if (IsInquiry(dispute)) said.Add($"inquiry {dispute.Id} recorded; no money moved");
            else if (reopened.Count == 0 && held == 0) said.Add($"chargeback {dispute.Id} recorded; money leaves when Stripe withdraws it");
        }

        if (held < heldNow)
        {
            Reinstate(chargeback, dispute, customer, payment, heldNow - held);
            said.Add($"{new Money(heldNow - held, payment.Currency)} of chargeback {dispute.Id} received again");
        }

        if (chargeback.IsOpen && dispute.Status is "won" or "lost" or "warning_closed")
        {
            chargeback.DecideChargeback(dispute.Status != "lost", clock.GetUtcNow().UtcDateTime,
                dispute.Status == "warning_closed" ? "The inquiry closed without a chargeback." : null);
            said.Add($"chargeback {dispute.Id} {dispute.Status}" + (dispute.Status == "lost" ? $"; invoice {chargeback.Invoice!.Number} stays owed" : ""));
        }
        return said.Count == 0 ? $"no change: chargeback {dispute.Id} already recorded as {chargeback.Status}" : string.Join("; ", said);
    }

    /// <summary>
    /// The case joins the dispute queue (its outcome may bring the money back): on the invoice the withdrawal
    /// reopened most, or, for an inquiry or cash still unapplied, on the first invoice the customer was paying.
    /// </summary>
    private async Task<Domain.Disputes.Dispute> OpenCaseAsync(Dispute dispute, Payment payment, Dictionary<Domain.Invoicing.Invoice, long> reopened, CancellationToken ct)
    {
        var invoice = reopened.OrderByDescending(r => r.Value).Select(r => r.Key).FirstOrDefault()
            ?? await db.PortalPayments.Where(p => p.PaymentId == payment.Id).SelectMany(p => p.Lines).OrderBy(l => l.Id)
                .Select(l => db.Invoices.Single(i => i.Id == l.InvoiceId)).FirstAsync(ct);
        var chargeback = Domain.Disputes.Dispute.Chargeback(invoice, new Money(dispute.Amount, payment.Currency), dispute.Id, dispute.Reason, dispute.EvidenceDetails?.DueBy,
            clock.GetUtcNow().UtcDateTime, IsInquiry(dispute));
        db.Disputes.Add(chargeback);
        return chargeback;
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

    /// <summary>The money comes back as a new receipt, applied to the case's invoice as far as it is still owed.</summary>
    private void Reinstate(Domain.Disputes.Dispute chargeback, Dispute dispute, Domain.Customers.Customer customer, Payment original, long amount)
    {
        var invoice = chargeback.Invoice!;
        var now = clock.GetUtcNow().UtcDateTime;
        var returned = new Payment(customer, new Money(amount, original.Currency), PaymentMethod.Card, clock.Today(), dispute.Id + MoneyTakeBack.ChargebackReinstated, original.IsTest);
        db.Payments.Add(returned);
        db.Journals.Add(Postings.ReceivePayment(returned, now));
        var apply = invoice.CanReceiveMoney ? Math.Min(invoice.OpenMinor, amount) : 0;
        if (apply <= 0) return;
        var (allocation, journal) = Postings.Allocate(returned, invoice, new Money(apply, invoice.Currency), clock.Today(), now, "chargeback reinstated");
        db.Allocations.Add(allocation);
        db.Journals.Add(journal);
    }
}
