using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Aging;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

public sealed record AgingLine(string Label, long Count, Money Amount, decimal Share);

/// <summary>
/// One currency's aging. Disputed amounts stay in the buckets (they are still owed) and are shown
/// beside them; <see cref="CollectiblePastDue"/> is the overdue figure collectors chase: past due less what is disputed.
/// </summary>
public sealed record AgingByCurrency(Currency Currency, IReadOnlyList<AgingLine> Buckets, Money Total, Money PastDue, long OpenInvoices, Money Disputed, Money DisputedPastDue)
{
    public Money CollectiblePastDue => PastDue - DisputedPastDue;
}

/// <summary>
/// What is open today, by aging bucket, per currency (amounts in different currencies never add up).
/// One GROUP BY over the covering open-invoice index: milliseconds on a million invoices.
/// </summary>
public sealed class AgingReport(PayPortalDbContext db)
{
    public async Task<IReadOnlyList<AgingByCurrency>> ForOpenInvoicesAsync(DateOnly asOf, long? customerId = null, AgingBuckets? buckets = null, CancellationToken ct = default)
    {
        buckets ??= AgingBuckets.Standard;
        // Bucket i+1 holds invoices due on or after asOf - bound[i]; comparing dates keeps the index usable.
        if (buckets.UpperBounds.Count > 4) throw new NotSupportedException("The aging query supports at most four bucket boundaries.");
        // Missing boundaries never match (MaxValue), so those rows fall through to the last bucket.
        var limits = buckets.UpperBounds.Select(days => asOf.AddDays(-days)).Concat(Enumerable.Repeat(DateOnly.MaxValue, 4)).Take(4).ToArray();
        DateOnly l1 = limits[0], l2 = limits[1], l3 = limits[2], l4 = limits[3];
        var open = db.Invoices.AsNoTracking().Where(i => i.OpenMinor != 0);
        if (customerId is { } id) open = open.Where(i => i.CustomerId == id);

        var rows = await open
            .Select(i => new
            {
                i.CurrencyCode,
                i.OpenMinor,
                Bucket = i.DueDate >= asOf ? 0
                    : i.DueDate >= l1 ? 1
                    : i.DueDate >= l2 ? 2
                    : i.DueDate >= l3 ? 3
                    : i.DueDate >= l4 ? 4
                    : 5,
            })
            .GroupBy(x => new { x.CurrencyCode, x.Bucket })
            .Select(g => new { g.Key.CurrencyCode, g.Key.Bucket, Count = g.LongCount(), Sum = g.Sum(x => x.OpenMinor) })
            .ToListAsync(ct);

        // Disputed amounts are few: a second query over the filtered index of disputed invoices.
        var disputedQuery = db.Invoices.AsNoTracking().Where(i => i.DisputedMinor != 0);
        if (customerId is { } c) disputedQuery = disputedQuery.Where(i => i.CustomerId == c);
        var disputed = await disputedQuery
            .GroupBy(i => new { i.CurrencyCode, PastDue = i.DueDate < asOf })
            .Select(g => new { g.Key.CurrencyCode, g.Key.PastDue, Sum = g.Sum(i => i.DisputedMinor) })
            .ToListAsync(ct);

        // The main currency first: the one with the most open invoices.
        return rows.GroupBy(r => r.CurrencyCode).OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key).Select(g =>
        {
            var currency = Currency.Parse(g.Key);
            var summary = new AgingSummary(buckets, currency);
            var counts = new long[buckets.Count];
            foreach (var r in g)
            {
                var index = Math.Min(r.Bucket, buckets.Count - 1);
                summary.AddToBucket(index, r.Sum);
                counts[index] += r.Count;
            }
            var lines = buckets.Labels.Select((label, i) => new AgingLine(label, counts[i], summary[i], summary.ShareOf(i))).ToList();
            var disputedHere = disputed.Where(d => d.CurrencyCode == g.Key).ToList();
            return new AgingByCurrency(currency, lines, summary.Total, summary.PastDue, counts.Sum(),
                new Money(disputedHere.Sum(d => d.Sum), currency), new Money(disputedHere.Where(d => d.PastDue).Sum(d => d.Sum), currency));
        }).ToList();
    }
}
