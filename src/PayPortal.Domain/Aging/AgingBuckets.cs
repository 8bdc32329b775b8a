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
            throw new DomainRefusal("Aging bucket boundaries must be one or more whole numbers of days, positive and increasing (e.g. 30,60,90,120).");
        UpperBounds = upperBounds.ToArray();
        var labels = new List<string> { "Current" };
        var keys = new List<string> { "current" };
        var from = 1;
        foreach (var bound in UpperBounds)
        {
            labels.Add($"{from}-{bound}");
            keys.Add($"d{from}_{bound}");
            from = bound + 1;
        }
        labels.Add($"{UpperBounds[^1]}+");
        keys.Add($"over_{UpperBounds[^1]}");
        Labels = labels;
        Keys = keys;
    }

    /// <summary>Reads boundaries such as "30,60,90,120" (configuration, command line).</summary>
    public static AgingBuckets Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var bounds = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days))
                throw new DomainRefusal($"Aging bucket boundary '{part}' is not a whole number of days.");
            bounds.Add(days);
        }
        return new AgingBuckets(bounds);
    }

    public IReadOnlyList<int> UpperBounds { get; }
    public IReadOnlyList<string> Labels { get; }
    /// <summary>Machine names for exports: current, d1_30, d31_60, ..., over_120.</summary>
    public IReadOnlyList<string> Keys { get; }
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
