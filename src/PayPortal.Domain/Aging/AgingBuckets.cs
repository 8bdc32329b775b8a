namespace PayPortal.Domain.Aging;

/// <summary>
/// Aging buckets by days past due: current (not yet due), then ranges ending at each boundary, then
/// the rest. The default is current, 1-30, 31-60, 61-90, 91-120, 120+.
/// </summary>
public sealed class AgingBuckets
{
    public static readonly AgingBuckets Standard = new([30, 60, 90, 120]);

    public AgingBuckets(IReadOnlyList<int> upperBounds)
    {
        if (upperBounds.Count == 0 || upperBounds[0] < 1 || upperBounds.Zip(upperBounds.Skip(1)).Any(p => p.Second <= p.First))
            throw new ArgumentException("Bucket boundaries must be positive and increasing.", nameof(upperBounds));
        UpperBounds = upperBounds.ToArray();
        var labels = new List<string> { "Current" };
        var from = 1;
        foreach (var bound in UpperBounds)
        {
            labels.Add($"{from}-{bound}");
            from = bound + 1;
        }
        labels.Add($"{UpperBounds[^1]}+");
        Labels = labels;
    }

    public IReadOnlyList<int> UpperBounds { get; }
    public IReadOnlyList<string> Labels { get; }
    public int Count => Labels.Count;

    /// <summary>The bucket index for an amount due on <paramref name="dueDate"/>, seen on <paramref name="asOf"/>.</summary>
    public int IndexFor(DateOnly dueDate, DateOnly asOf) => IndexForDaysPastDue(asOf.DayNumber - dueDate.DayNumber);

    public int IndexForDaysPastDue(int daysPastDue)
    {
        if (daysPastDue <= 0) return 0;
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            if (daysPastDue <= UpperBounds[i]) return i + 1;
        }
        return UpperBounds.Count + 1;
    }
}
