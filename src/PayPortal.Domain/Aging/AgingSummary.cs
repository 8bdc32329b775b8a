namespace PayPortal.Domain.Aging;

/// <summary>Open amounts summed per aging bucket, in one currency.</summary>
public sealed class AgingSummary
{
    private readonly long[] _minor;

    public AgingSummary(AgingBuckets buckets, Currency currency)
    {
        Buckets = buckets;
        Currency = currency;
        _minor = new long[buckets.Count];
    }

    public AgingBuckets Buckets { get; }
    public Currency Currency { get; }

    public Money this[int bucket] => new(_minor[bucket], Currency);
    public Money Total => new(_minor.Sum(), Currency);
    /// <summary>Everything past due (all buckets but current).</summary>
    public Money PastDue => new(_minor.Skip(1).Sum(), Currency);

    public void Add(DateOnly dueDate, DateOnly asOf, long openMinor) => _minor[Buckets.IndexFor(dueDate, asOf)] += openMinor;

    public void AddToBucket(int bucket, long openMinor) => _minor[bucket] += openMinor;

    /// <summary>Each bucket's share of the total, in percent rounded to one decimal (0 when nothing is open).</summary>
    public decimal ShareOf(int bucket) => _minor.Sum() is var total and not 0 ? Math.Round(_minor[bucket] * 100m / total, 1, MidpointRounding.AwayFromZero) : 0;
}
