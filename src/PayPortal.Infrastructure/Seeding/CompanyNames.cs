namespace PayPortal.Infrastructure.Seeding;

/// <summary>Plausible, distinct company names for generated customers ("Cobalt Ridge Logistics"), the same for the same seed.</summary>
public static class CompanyNames
{
    private static readonly string[] First =
    [
        "Acorn", "Amber", "Anchor", "Apex", "Arbor", "Aspen", "Atlas", "Beacon", "Birch", "Blue", "Bright", "Canyon", "Cedar", "Cobalt", "Copper",
        "Crest", "Delta", "Eagle", "Ember", "Falcon", "Granite", "Harbor", "Hawthorn", "Horizon", "Iron", "Juniper", "Keystone", "Lakeside", "Liberty", "Maple",
        "Meridian", "Northwind", "Oak", "Orchid", "Pacific", "Pine", "Pioneer", "Quarry", "Redwood", "Ridge", "River", "Sable", "Sierra", "Silver", "Summit",
        "Sun", "Timber", "Union", "Valley", "Willow",
    ];

    private static readonly string[] Second =
    [
        "Bay", "Bridge", "Brook", "Creek", "Field", "Forge", "Gate", "Grove", "Hill", "Hollow", "Lane", "Line", "Mill", "Point", "Port", "Rock", "Shore",
        "Spring", "Stone", "View", "Way", "Wood", "Works", "Yard", "Peak",
    ];

    private static readonly string[] Trade =
    [
        "Logistics", "Foods", "Textiles", "Machining", "Builders", "Dental", "Florists", "Hotels", "Engineering", "Printing", "Outfitters", "Bakery",
        "Pharmacy", "Electric", "Plumbing", "Motors", "Analytics", "Studios", "Farms", "Clinics",
    ];

    private static readonly string[] Form = ["Inc.", "LLC", "Co.", "Corp.", "Ltd."];

    /// <summary>The <paramref name="index"/>-th name for a seed: distinct up to 25,000 customers, then numbered.</summary>
    public static string Name(int seed, int index)
    {
        var combos = First.Length * Second.Length * Trade.Length;
        // A permutation of the combinations that depends on the seed: step by a number coprime to their count.
        var step = 7919L * (seed % 97 + 1);
        while (Gcd(step, combos) != 1) step++;
        var k = (int)((index % combos * step + seed) % combos);
        var name = $"{First[k % First.Length]} {Second[k / First.Length % Second.Length]} {Trade[k / (First.Length * Second.Length)]} {Form[index % Form.Length]}";
        return index < combos ? name : $"{name} {index / combos + 1}";
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
