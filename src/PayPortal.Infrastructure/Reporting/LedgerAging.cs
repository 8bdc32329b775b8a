using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Aging;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>A customer's open amounts by bucket as of a date, with the disputed and in-plan parts of them (minor units of <see cref="Currency"/>).</summary>
public sealed record CustomerAging(long CustomerId, string Number, string Name, Currency Currency, long[] BucketMinor, int Invoices, long DisputedMinor, long InPlanMinor)
{
    public long TotalMinor => BucketMinor.Sum();
    public long PastDueMinor => TotalMinor - BucketMinor[0];
}

/// <summary>All customers in one currency added up.</summary>
public sealed record AgingTotal(Currency Currency, long[] BucketMinor, int Invoices, int Customers, long DisputedMinor, long InPlanMinor)
{
    public long TotalMinor => BucketMinor.Sum();
    public long PastDueMinor => TotalMinor - BucketMinor[0];
}

public sealed record AgingSnapshot(DateOnly AsOf, AgingBuckets Buckets, IReadOnlyList<CustomerAging> Customers, IReadOnlyList<AgingTotal> Totals);

/// <summary>One invoice open on the report date: how much, how late, and how much of it was disputed or in a payment plan then.</summary>
public sealed record AgedInvoice(long InvoiceId, string Number, long CustomerId, string CustomerNumber, string CustomerName, DateOnly IssueDate, DateOnly DueDate,
    int DaysPastDue, int Bucket, Currency Currency, long OpenMinor, long DisputedMinor, long InPlanMinor);

/// <summary>
/// Aging as of any date, reconstructed from the AR ledger: an invoice's open amount on a date is the sum
/// of its receivable entries up to that date, so a past date shows what was owed then (later payments,
/// credits and write-offs not yet counted). Disputes open on that date and plans in force on it are
/// shown beside the buckets, never subtracted from them: disputed and planned money is still owed.
/// </summary>
public sealed class LedgerAging(PayPortalDbContext db, IOptions<ReportingOptions> options)
{
    /// <summary>The bucket expression below has this many date limits.</summary>
    public const int MaxBoundaries = 6;
    private const int IdBatch = 5_000;

    public AgingBuckets Buckets => options.Value.Buckets;

    /// <summary>Every customer with something open on <paramref name="asOf"/>, in the configured buckets unless others are given.</summary>
    public async Task<AgingSnapshot> SummaryAsync(DateOnly asOf, long? customerId = null, AgingBuckets? buckets = null, CancellationToken ct = default)
    {
        buckets ??= Buckets;
        var grouped = await Aged(asOf, buckets, customerId)
            .GroupBy(r => new { r.CustomerId, r.CurrencyCode, r.Bucket })
            .Select(g => new { g.Key.CustomerId, g.Key.CurrencyCode, g.Key.Bucket, Count = g.Count(), Sum = g.Sum(r => r.OpenMinor) })
            .ToListAsync(ct);
        var exposure = (await ExposureAsync(asOf, customerId, ct)).GroupBy(e => (e.CustomerId, e.CurrencyCode))
            .ToDictionary(g => g.Key, g => (Disputed: g.Sum(e => e.DisputedMinor), InPlan: g.Sum(e => e.InPlanMinor)));
        var customerIds = grouped.Select(g => g.CustomerId).Distinct().ToList();
        var names = new Dictionary<long, (string Number, string Name)>();
        foreach (var batch in customerIds.Chunk(IdBatch))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => batch.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct))
                names[c.Id] = (c.Number, c.Name);
        }

        var customers = grouped.GroupBy(g => (g.CustomerId, g.CurrencyCode)).Select(g =>
        {
            var minor = new long[buckets.Count];
            foreach (var row in g) minor[Math.Min(row.Bucket, buckets.Count - 1)] += row.Sum;
            var (disputed, inPlan) = exposure.GetValueOrDefault((g.Key.CustomerId, g.Key.CurrencyCode));
            var (number, name) = names[g.Key.CustomerId];
            return new CustomerAging(g.Key.CustomerId, number, name, Currency.Parse(g.Key.CurrencyCode), minor, g.Sum(r => r.Count), disputed, inPlan);
        }).OrderBy(c => c.Number, StringComparer.OrdinalIgnoreCase).ToList();

        // The main currency first: the one with the most customers.
        var totals = customers.GroupBy(c => c.Currency).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Code).Select(g =>
        {
            var minor = new long[buckets.Count];
            foreach (var c in g) for (var i = 0; i < minor.Length; i++) minor[i] += c.BucketMinor[i];
            return new AgingTotal(g.Key, minor, g.Sum(c => c.Invoices), g.Count(), g.Sum(c => c.DisputedMinor), g.Sum(c => c.InPlanMinor));
        }).ToList();
        return new AgingSnapshot(asOf, buckets, customers, totals);
    }

    /// <summary>The invoices open on <paramref name="asOf"/>, oldest due first; optionally one customer's and one bucket's, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AgedInvoice>> InvoicesAsync(DateOnly asOf, long? customerId = null, int? bucket = null, string? currencyCode = null, int? limit = null, CancellationToken ct = default)
    {
        var buckets = Buckets;
        var query = Aged(asOf, buckets, customerId);
        if (bucket is { } b) query = b == buckets.Count - 1 ? query.Where(r => r.Bucket >= b) : query.Where(r => r.Bucket == b);
        if (currencyCode is not null) query = query.Where(r => r.CurrencyCode == currencyCode);
        var ordered = query.OrderBy(r => r.DueDate).ThenBy(r => r.InvoiceId);
        var rows = await (limit is { } n ? ordered.Take(n) : ordered)
            .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => new { r.InvoiceId, r.Number, r.CustomerId, c.Name, CustomerNumber = c.Number, r.IssueDate, r.DueDate, r.Bucket, r.CurrencyCode, r.OpenMinor })
            .ToListAsync(ct);
        var exposure = (await ExposureAsync(asOf, customerId, ct)).ToDictionary(e => e.InvoiceId);
        return rows.Select(r =>
        {
            exposure.TryGetValue(r.InvoiceId, out var e);
            return new AgedInvoice(r.InvoiceId, r.Number ?? "", r.CustomerId, r.CustomerNumber, r.Name, r.IssueDate, r.DueDate, Math.Max(0, asOf.DayNumber - r.DueDate.DayNumber),
                Math.Min(r.Bucket, buckets.Count - 1), Currency.Parse(r.CurrencyCode), r.OpenMinor, e?.DisputedMinor ?? 0, e?.InPlanMinor ?? 0);
        }).ToList();
    }

    // A member-init shape (not a record constructor) so that SQL can still group, filter and order it.
    private sealed class AgedRow
    {
        public long InvoiceId { get; init; }
        public string? Number { get; init; }
        public long CustomerId { get; init; }
        public string CurrencyCode { get; init; } = "";
        public DateOnly IssueDate { get; init; }
        public DateOnly DueDate { get; init; }
        public long OpenMinor { get; init; }
        public int Bucket { get; init; }
    }

    private IQueryable<AgedRow> Aged(DateOnly asOf, AgingBuckets buckets, long? customerId, IReadOnlyCollection<long>? invoiceIds = null)
    {
        if (buckets.UpperBounds.Count > MaxBoundaries) throw new DomainRefusal($"At most {MaxBoundaries} aging bucket boundaries are supported.");
        // Bucket k+1 holds what fell due on or after asOf - bound[k]. Missing boundaries never match (MaxValue),
        // so those rows fall through to the last index and are folded into the real last bucket by the callers.
        var limits = buckets.UpperBounds.Select(days => asOf.AddDays(-days)).Concat(Enumerable.Repeat(DateOnly.MaxValue, MaxBoundaries)).Take(MaxBoundaries).ToArray();
        DateOnly l1 = limits[0], l2 = limits[1], l3 = limits[2], l4 = limits[3], l5 = limits[4], l6 = limits[5];

        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.InvoiceId != null && e.Account == LedgerAccount.Receivable && e.OccurredOn <= asOf);
        if (customerId is { } id) entries = entries.Where(e => e.CustomerId == id);
        if (invoiceIds is not null) entries = entries.Where(e => invoiceIds.Contains(e.InvoiceId!.Value));
        return entries
            .GroupBy(e => e.InvoiceId)
            .Select(g => new { InvoiceId = g.Key!.Value, Open = g.Sum(e => e.AmountMinor) })
            .Where(g => g.Open != 0)
            .Join(db.Invoices, g => g.InvoiceId, i => i.Id, (g, i) => new AgedRow
            {
                InvoiceId = i.Id, Number = i.Number, CustomerId = i.CustomerId, CurrencyCode = i.CurrencyCode, IssueDate = i.IssueDate, DueDate = i.DueDate, OpenMinor = g.Open,
                Bucket = i.DueDate >= asOf ? 0
                    : i.DueDate >= l1 ? 1
                    : i.DueDate >= l2 ? 2
                    : i.DueDate >= l3 ? 3
                    : i.DueDate >= l4 ? 4
                    : i.DueDate >= l5 ? 5
                    : i.DueDate >= l6 ? 6
                    : 7,
            });
    }

    private sealed record Exposure(long InvoiceId, long CustomerId, string CurrencyCode, long DisputedMinor, long InPlanMinor);

    // Disputes open at the end of the day and plans in force then are few: read them, then the open amounts of just their invoices.
    private async Task<IReadOnlyList<Exposure>> ExposureAsync(DateOnly asOf, long? customerId, CancellationToken ct)
    {
        var endOfDay = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var disputes = db.Disputes.AsNoTracking().Where(d => d.Kind == DisputeKind.Customer && d.OpenedAt < endOfDay && (d.ClosedAt == null || d.ClosedAt >= endOfDay));
        var plans = db.PaymentPlans.AsNoTracking().Where(p => p.ActivatedAt < endOfDay && (p.ClosedAt == null || p.ClosedAt >= endOfDay));
        if (customerId is { } id)
        {
            disputes = disputes.Where(d => d.CustomerId == id);
            plans = plans.Where(p => p.CustomerId == id);
        }
        var disputed = (await disputes.GroupBy(d => d.InvoiceId).Select(g => new { InvoiceId = g.Key, Sum = g.Sum(d => d.AmountMinor) }).ToListAsync(ct))
            .ToDictionary(d => d.InvoiceId, d => d.Sum);
        var planned = (await plans.SelectMany(p => p.Invoices.Select(i => i.InvoiceId)).ToListAsync(ct)).ToHashSet();
        var ids = disputed.Keys.Concat(planned).Distinct().ToList();
        var result = new List<Exposure>();
        foreach (var batch in ids.Chunk(IdBatch))
        {
            foreach (var row in await Aged(asOf, AgingBuckets.Standard, customerId, batch).Select(r => new { r.InvoiceId, r.CustomerId, r.CurrencyCode, r.OpenMinor }).ToListAsync(ct))
            {
                var open = Math.Max(0, row.OpenMinor);
                result.Add(new Exposure(row.InvoiceId, row.CustomerId, row.CurrencyCode,
                    Math.Min(open, disputed.GetValueOrDefault(row.InvoiceId)), planned.Contains(row.InvoiceId) ? open : 0));
            }
        }
        return result;
    }
}
