namespace PayPortal.Domain.Collections;

/// <summary>
/// Where a customer stands on the collector's worklist, 0 to 100, highest first:
/// up to 40 points for the amount past due and not disputed (10 per power of ten of major units: 10,000.00 or more scores 40),
/// up to 30 for the days past due of the oldest such invoice (one point per 4 days, 120 days or more scores 30),
/// 10 per promise broken in the last 90 days (at most 20), and a tenth of the risk score (at most 10).
/// </summary>
public static class CollectionPriority
{
    public static int Score(Money pastDue, int oldestDaysPastDue, int recentBrokenPromises, int riskScore)
    {
        var major = Math.Max(0m, pastDue.ToDecimal());
        var amount = Math.Min(40, (int)Math.Round(10 * Math.Log10(1 + (double)major), MidpointRounding.AwayFromZero));
        var days = Math.Min(30, Math.Max(0, oldestDaysPastDue) / 4);
        var promises = Math.Min(20, 10 * Math.Max(0, recentBrokenPromises));
        var risk = Math.Min(10, Math.Max(0, riskScore) / 10);
        return amount + days + promises + risk;
    }
}
