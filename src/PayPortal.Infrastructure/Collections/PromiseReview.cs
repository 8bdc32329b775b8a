using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>
/// Decides open promises from the payments: what the customer paid after making the promise, up to its
/// date plus the grace days (net of refunds), keeps it; once that last day has passed without enough, it is broken.
/// </summary>
/// <summary>How many promises were decided, and the customers whose promise is still open (dunning leaves them alone).</summary>
public sealed record PromiseReviewResult(int Kept, int Broken, IReadOnlySet<long> OpenPromiseCustomers);

public sealed class PromiseReview(PayPortalDbContext db, IOptions<CollectionsOptions> options)
{
    /// <summary>Reviews every open promise as of <paramref name="asOf"/>; saves the decisions unless <paramref name="save"/> is false (a dry run).</summary>
    public async Task<PromiseReviewResult> ReviewAsync(DateOnly asOf, bool save, CancellationToken ct)
    {
        var grace = options.Value.PromiseGraceDays;
        var open = await db.Promises.Where(p => p.Status == PromiseStatus.Open).ToListAsync(ct);
        int kept = 0, broken = 0;
        foreach (var promise in open)
        {
            var last = promise.LastDay(grace) < asOf ? promise.LastDay(grace) : asOf;
            var paid = await PaidTowardAsync(promise, last, ct);
            if (!promise.Review(paid, asOf, grace)) continue;
            if (promise.Status == PromiseStatus.Kept) kept++;
            else broken++;
        }
        if (save && kept + broken > 0)
        {
            using (db.Audit.Begin("promise.review")) await db.SaveChangesAsync(ct);
        }
        var stillOpen = open.Where(p => p.Status == PromiseStatus.Open).Select(p => p.CustomerId).ToHashSet();
        if (!save) db.ChangeTracker.Clear();
        return new(kept, broken, stillOpen);
    }

    /// <summary>
    /// Received after the promise was made, through <paramref name="through"/>, less what was refunded of it: a payment
    /// received on the day of the promise counts only when it was recorded after the promise (it was not what the call was about).
    /// </summary>
    public Task<long> PaidTowardAsync(PromiseToPay promise, DateOnly through, CancellationToken ct) =>
        db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == promise.CustomerId && p.IsReceived && p.CurrencyCode == promise.CurrencyCode && p.ReceivedOn >= promise.PromisedOn && p.ReceivedOn <= through)
            .Where(p => p.ReceivedOn > promise.PromisedOn || db.LedgerEntries.Any(e => e.PaymentId == p.Id && e.Account == LedgerAccount.UnappliedCash && e.AmountMinor < 0
                && db.Journals.Any(j => j.Id == e.JournalId && j.Kind == JournalKind.PaymentReceived && j.RecordedAt >= promise.RecordedAt)))
            .SumAsync(p => p.AmountMinor - p.RefundedMinor, ct);
}
