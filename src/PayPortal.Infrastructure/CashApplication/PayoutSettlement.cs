using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>
/// A Stripe payout on the bank statement settles card and bank-debit payments already applied in the
/// portal, not invoices. Which payments, Stripe itself says: the payout its <c>payout.paid</c> event
/// recorded (named on the line as <c>po_…</c>, or else the one payout of that amount and currency
/// arriving within a few days of the booking) lists the charges it carries, fees and refunds included,
/// so those payments are settled exactly. Only for a payout Stripe never told us about does a search
/// remain: among the unsettled payments of the two weeks before it, all of them or the oldest set whose
/// amounts (less refunds) add up exactly to the payout; where none does, the line says what the window
/// holds, for a person to reconcile with Stripe's payout report.
/// </summary>
public sealed partial class PayoutSettlement(PayPortalDbContext db)
{
    private const int ArrivalSlackDays = 3;

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
            if (await RecordedPayoutAsync(payout, ct) is { } recorded)
            {
                if (recorded.AmountMinor != payout.AmountMinor || recorded.CurrencyCode != payout.CurrencyCode)
                {
                    payout.RecordPayout(0, $"Stripe payout {recorded.PayoutId} is for {recorded.AmountMinor} (minor units) {recorded.CurrencyCode}, the line for {payout.Amount}: left for a person to reconcile");
                    continue;
                }
                var intents = recorded.Items.Where(i => i.Type == "charge" || i.Type == "payment").Select(i => i.PaymentIntentId).OfType<string>().ToList();
                // Test payments are settled only by a test payout (the sandbox's, or Stripe's test mode), never by real money.
                var carried = await db.Payments.Where(p => intents.Contains(p.Reference!) && p.IsTest == recorded.IsTest
                                                           && (p.Method == PaymentMethod.Card || p.Method == PaymentMethod.UsBankAccount)).ToListAsync(ct);
                var fresh = carried.Where(p => p.SettledByBankLineId == null).ToList();
                foreach (var payment in fresh) payment.MarkSettled(payout.Id);
                var fees = recorded.Items.Sum(i => i.FeeMinor);
                payout.RecordPayout(fresh.Count, $"Stripe payout {recorded.PayoutId} settles {fresh.Count} payment(s): {string.Join(", ", fresh.Select(p => p.Reference))}"
                    + (fees != 0 ? $"; Stripe fees {new Money(fees, payout.Amount.Currency)}" : "")
                    + (carried.Count > fresh.Count ? $"; {carried.Count - fresh.Count} already settled by an earlier line" : ""));
                continue;
            }
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

    /// <summary>The payout Stripe told us about that this bank line is: by the id on the line, else by amount and arrival date when only one fits.</summary>
    private async Task<StripePayout?> RecordedPayoutAsync(BankStatementLine line, CancellationToken ct)
    {
        var text = $"{line.BankReference} {line.RemittanceText} {line.References}";
        if (PayoutId().Match(text) is { Success: true } named)
            return await db.StripePayouts.Include(p => p.Items).SingleOrDefaultAsync(p => p.PayoutId == named.Value, ct);
        var (from, to) = (line.BookingDate.AddDays(-ArrivalSlackDays), line.BookingDate.AddDays(ArrivalSlackDays));
        var fits = await db.StripePayouts.Include(p => p.Items)
            .Where(p => p.CurrencyCode == line.CurrencyCode && p.AmountMinor == line.AmountMinor && p.ArrivalDate >= from && p.ArrivalDate <= to).Take(2).ToListAsync(ct);
        return fits.Count == 1 ? fits[0] : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bpo_[A-Za-z0-9_]+")]
    private static partial System.Text.RegularExpressions.Regex PayoutId();

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
