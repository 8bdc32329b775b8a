using System.ComponentModel.DataAnnotations;

namespace PayPortal.Web.Health;

/// <summary>The thresholds of <c>/health/ready</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>More messages than this waiting to be sent (neither sent nor given up) makes the portal unhealthy.</summary>
    [Range(1, int.MaxValue)] public int OutboxBacklogMax { get; set; } = 500;

    /// <summary>The oldest message waiting to be sent may be this old, counted from when it was written.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")] public TimeSpan OutboxOldestMaxAge { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The last daily collections run may have finished this long ago (a day and two hours' slack by default);
    /// with no run recorded yet, counted from the portal's start. Zero turns the check off (collections not used).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")] public TimeSpan CollectionsRunMaxAge { get; set; } = TimeSpan.FromHours(26);
}
