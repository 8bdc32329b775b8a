using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using Stripe.Checkout;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Checkout Sessions: paid (by card at once, by bank debit when it clears) → the AR payment is received
/// and applied to the chosen invoices with its receipt; a bank debit that was submitted → processing;
/// one that bounced → failed; an abandoned session → expired.
/// </summary>
public sealed class CheckoutEvents(PayPortalDbContext db, InvoiceSettlement settlement, ReceiptMail receipts, TimeProvider clock)
{
    private async Task<PortalPayment?> FindAsync(Session session, CancellationToken ct) =>
        long.TryParse(session.Metadata?.GetValueOrDefault(PortalCheckouts.MetadataKey), out var id)
            ? await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == id && p.CheckoutSessionId == session.Id, ct)
            : await db.PortalPayments.Include(p => p.Lines).SingleOrDefaultAsync(p => p.CheckoutSessionId == session.Id, ct);

    public async Task<string> CompletedAsync(Session session, bool isTest, CancellationToken ct)
    {
        if (session.PaymentStatus is "paid") return await PaidAsync(session, isTest, ct);
        var payment = await FindAsync(session, ct);
        if (payment is null) return $"ignored: unknown checkout session {session.Id}";
        if (payment.Status != PortalPaymentStatus.Pending) return $"no change: portal payment {payment.Id} is {payment.Status}";
        payment.StartedProcessing(session.PaymentIntentId, PaymentMethod.UsBankAccount);
        return $"portal payment {payment.Id} is processing (bank debit)";
    }

    public async Task<string> PaidAsync(Session session, bool isTest, CancellationToken ct)
    {
        var portal = await FindAsync(session, ct);
        if (portal is null) return $"ignored: unknown checkout session {session.Id}";
        if (portal.Status == PortalPaymentStatus.Succeeded) return $"no change: portal payment {portal.Id} already applied";
        if (portal.Status == PortalPaymentStatus.Failed) return $"refused: portal payment {portal.Id} already failed; session {session.Id} needs a person";
        if (session.AmountTotal is not { } total || total != portal.AmountMinor || !string.Equals(session.Currency, portal.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            return $"refused: session {session.Id} is for {session.AmountTotal?.ToString() ?? "no amount"} {session.Currency}, portal payment {portal.Id} for {portal.AmountMinor} {portal.CurrencyCode}";

        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await db.Customers.SingleAsync(c => c.Id == portal.CustomerId, ct);
        var method = portal.Method ?? PaymentMethod.Card;
        var payment = new Payment(customer, portal.Amount, method, DateOnly.FromDateTime(now), session.PaymentIntentId ?? session.Id, portal.IsTest || isTest);
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, now));
        var creditShort = await settlement.SettleAsync(portal, payment, now, ct);
        await db.SaveChangesAsync(ct);
        await receipts.QueueAsync(portal.ContactUserId, payment, customer, ct);
        portal.Succeeded(payment.Id, session.PaymentIntentId, method, now,
            creditShort > 0 ? $"{new Money(creditShort, payment.Currency)} of the credit chosen was no longer available, so the invoices still show that much open." : null);
        return $"applied: portal payment {portal.Id} as payment {payment.Id}";
    }

    public async Task<string> DebitFailedAsync(Session session, CancellationToken ct)
    {
        var portal = await FindAsync(session, ct);
        if (portal is null) return "ignored: unknown checkout session";
        if (portal.Status is not (PortalPaymentStatus.Pending or PortalPaymentStatus.Processing)) return $"no change: portal payment {portal.Id} is {portal.Status}";
        portal.Failed("The bank debit failed.", clock.GetUtcNow().UtcDateTime);
        return $"failed: portal payment {portal.Id}";
    }

    public async Task<string> ExpiredAsync(Session session, CancellationToken ct)
    {
        var portal = await FindAsync(session, ct);
        if (portal is null) return $"ignored: unknown checkout session {session.Id}";
        if (portal.Status != PortalPaymentStatus.Pending) return $"no change: portal payment {portal.Id} is {portal.Status}";
        portal.Expired(clock.GetUtcNow().UtcDateTime);
        return $"expired: portal payment {portal.Id}";
    }
}
