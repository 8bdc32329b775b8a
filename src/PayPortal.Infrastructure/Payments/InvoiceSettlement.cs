using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// Puts a portal payment's chosen lines on their invoices: the early-payment discount (if earned on the
/// day the customer started the checkout, however long a bank debit then takes), then the customer's credit memos (oldest first), then the
/// cash. What can no longer be placed because the invoice was settled otherwise meanwhile stays
/// unapplied: never lost. Shared by checkouts that Stripe confirms and selections that credit alone pays.
/// </summary>
public sealed class InvoiceSettlement(PayPortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The customer's credit memos not yet applied, in one currency, less what checkouts still under way
    /// will put on their invoices (a bank debit can take days; an unfinished checkout expires after a day).
    /// </summary>
    public async Task<Money> AvailableCreditAsync(long customerId, Currency currency, CancellationToken ct = default)
    {
        var unapplied = await db.CreditMemos.Where(m => m.CustomerId == customerId && m.IsIssued && m.CurrencyCode == currency.Code).SumAsync(m => m.UnappliedMinor, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var reserved = await db.PortalPayments
            .Where(p => p.CustomerId == customerId && p.CurrencyCode == currency.Code
                        && (p.Status == PortalPaymentStatus.Processing || p.Status == PortalPaymentStatus.Pending && p.CreatedAt >= since))
            .SelectMany(p => p.Lines).SumAsync(l => l.CreditMinor, ct);
        return new(Math.Max(0, unapplied - reserved), currency);
    }

    /// <summary>Settles every line of <paramref name="portal"/>; returns the credit that could not be placed.</summary>
    public async Task<long> SettleAsync(PortalPayment portal, Payment? payment, DateTime now, CancellationToken ct)
    {
        var invoiceIds = portal.Lines.Select(l => l.InvoiceId).ToList();
        var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var creditShort = 0L;
        var startedOn = DateOnly.FromDateTime(portal.CreatedAt == default ? now : portal.CreatedAt);
        foreach (var line in portal.Lines) creditShort += await SettleLineAsync(line, invoices[line.InvoiceId], payment, startedOn, now, ct);
        return creditShort;
    }

    private async Task<long> SettleLineAsync(PortalPaymentLine line, Invoice invoice, Payment? payment, DateOnly startedOn, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        if (line.DiscountMinor > 0 && invoice.EarlyPaymentDiscountOn(startedOn).Minor >= line.DiscountMinor)
        {
            var discountAmount = new Money(line.DiscountMinor, invoice.Currency);
            var (discount, discountJournal) = payment is null
                ? Postings.AllowDiscountSettledByCredit(invoice, discountAmount, today, now)
                : Postings.AllowDiscount(invoice, payment, discountAmount, now, startedOn);
            db.Allocations.Add(discount);
            db.Journals.Add(discountJournal);
        }
        var creditLeft = line.CreditMinor;
        if (creditLeft > 0)
        {
            var memos = await db.CreditMemos.Where(m => m.CustomerId == invoice.CustomerId && m.IsIssued && m.CurrencyCode == invoice.CurrencyCode && m.UnappliedMinor > 0)
                .OrderBy(m => m.IssueDate).ThenBy(m => m.Id).ToListAsync(ct);
            foreach (var memo in memos.Where(m => m.UnappliedMinor > 0))
            {
                var amount = Math.Min(creditLeft, Math.Min(memo.UnappliedMinor, invoice.CanReceiveMoney ? invoice.OpenMinor : 0));
                if (amount <= 0) break;
                var (allocation, journal) = Postings.ApplyCredit(memo, invoice, new Money(amount, invoice.Currency), today, now);
                db.Allocations.Add(allocation);
                db.Journals.Add(journal);
                creditLeft -= amount;
            }
        }
        if (payment is null) return creditLeft;
        var apply = invoice.CanReceiveMoney ? Math.Min(line.AmountMinor, Math.Min(invoice.OpenMinor, payment.UnappliedMinor)) : 0;
        if (apply <= 0) return creditLeft;
        var (cash, cashJournal) = Postings.Allocate(payment, invoice, new Money(apply, invoice.Currency), today, now, "portal");
        db.Allocations.Add(cash);
        db.Journals.Add(cashJournal);
        return creditLeft;
    }
}
