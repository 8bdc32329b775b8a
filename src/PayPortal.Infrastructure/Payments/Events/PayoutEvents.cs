using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using Stripe;

namespace PayPortal.Infrastructure.Payments.Events;

/// <summary>
/// Payouts: when Stripe pays money out to our bank, what it carries is asked of Stripe (the payout's
/// balance transactions, with the charges behind them) and kept, so the bank statement's payout line
/// later settles exactly those payments.
/// </summary>
public sealed class PayoutEvents(PayPortalDbContext db, IStripeClient stripe, TimeProvider clock)
{
    /// <summary>Asks Stripe, outside any database transaction, for the balance transactions the payout nets.</summary>
    public async Task<List<StripePayoutItem>> ItemsAsync(Payout payout, CancellationToken ct)
    {
        var items = new List<StripePayoutItem>();
        var options = new BalanceTransactionListOptions { Payout = payout.Id, Limit = 100, Expand = ["data.source"] };
        await foreach (var txn in new BalanceTransactionService(stripe).ListAutoPagingAsync(options, cancellationToken: ct))
        {
            if (txn.Type == "payout") continue;
            items.Add(new StripePayoutItem
            {
                BalanceTransactionId = txn.Id, Type = txn.Type, SourceId = txn.SourceId, AmountMinor = txn.Amount, FeeMinor = txn.Fee,
                PaymentIntentId = txn.Source switch
                {
                    Charge charge => charge.PaymentIntentId,
                    Refund refund => refund.PaymentIntentId,
                    Dispute dispute => dispute.PaymentIntentId,
                    _ => null,
                },
            });
        }
        return items;
    }

    public async Task<string> PaidAsync(Payout payout, List<StripePayoutItem> items, bool isTest, CancellationToken ct)
    {
        if (await db.StripePayouts.AnyAsync(p => p.PayoutId == payout.Id, ct)) return $"no change: payout {payout.Id} already recorded";
        db.StripePayouts.Add(new StripePayout
        {
            PayoutId = payout.Id, AmountMinor = payout.Amount, CurrencyCode = payout.Currency.ToUpperInvariant(), ArrivalDate = DateOnly.FromDateTime(payout.ArrivalDate),
            IsTest = isTest, ReceivedAt = clock.GetUtcNow().UtcDateTime, Items = items,
        });
        return $"payout {payout.Id} of {payout.Amount} {payout.Currency} recorded with {items.Count} balance transaction(s)";
    }
}
