using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// A Stripe payout on the bank statement settles card and bank-debit payments already applied in the
/// portal, not invoices. The payments it settles are found among those taken in the two weeks before it
/// and not yet settled: all of them, or the oldest set, whose amounts (less refunds) add up exactly to
/// the payout. Where none does (Stripe keeps its fees out of the payout), the line is still told apart
/// and says what the window holds, for a person to reconcile with Stripe's payout report.
/// </summary>
public sealed class PayoutSettlement(PayPortalDbContext db)
{
    public const int WindowDays = 14;
    private const int MaxCandidates = 40;

    public async Task SettleAsync(long statementId, CancellationToken ct)
    {
        var payouts = await db.BankLines.Where(l => l.BankStatementId == statementId && l.Status == BankLineStatus.StripePayout).OrderBy(l => l.LineNo).ToListAsync(ct);
        if (payouts.Count == 0) return;
        // Every unsettled Stripe payment the statement's payouts could settle, read once.
        var (first, last) = (payouts.Min(p => p.BookingDate).AddDays(-WindowDays), payouts.Max(p => p.BookingDate));
        var unsettled = await db.Payments
            .Where(p => (p.Method == PaymentMethod.Card || p.Method == PaymentMethod.UsBankAccount) && !p.IsTest && p.SettledByBankLineId == null
                        && p.ReceivedOn >= first && p.ReceivedOn <= last)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id).ToListAsync(ct);
        foreach (var payout in payouts)
        {
            var from = payout.BookingDate.AddDays(-WindowDays);
            var candidates = unsettled.Where(p => p.SettledByBankLineId == null && p.CurrencyCode == payout.CurrencyCode && p.ReceivedOn >= from && p.ReceivedOn <= payout.BookingDate)
                .Take(MaxCandidates).ToList();
            var settled = ExactSet(candidates, payout.AmountMinor);
            if (settled is null)
            {
                payout.RecordPayout(0, $"no set of the {candidates.Count} unsettled Stripe payment(s) of the last {WindowDays} days ({new Money(candidates.Sum(Net), payout.Amount.Currency)}) adds up to it");
                continue;
            }
            foreach (var payment in settled) payment.MarkSettled(payout.Id);
            payout.RecordPayout(settled.Count, $"settles {settled.Count} Stripe payment(s): {string.Join(", ", settled.Select(p => p.Reference))}");
        }
        using (db.Audit.Begin("bank.stripe-payout")) await db.SaveChangesAsync(ct);
    }

    private static long Net(Payment p) => p.AmountMinor - p.RefundedMinor;

    /// <summary>All the candidates if they add up, else the oldest subset that does (bounded search), else none.</summary>
    private static List<Payment>? ExactSet(List<Payment> candidates, long amount)
    {
        if (candidates.Count > 0 && candidates.Sum(Net) == amount) return candidates;
        var chosen = new List<Payment>();
        var nodes = 0;
        return Search(0, amount) ? chosen : null;

        bool Search(int index, long left)
        {
            if (left == 0 && chosen.Count > 0) return true;
            if (index == candidates.Count || left < 0 || ++nodes > 100_000) return false;
            chosen.Add(candidates[index]);
            if (Search(index + 1, left - Net(candidates[index]))) return true;
            chosen.RemoveAt(chosen.Count - 1);
            return Search(index + 1, left);
        }
    }
}
