namespace PayPortal.Web.Health;

/// <summary>Durations for people reading a health report: "3 d 4 h", "2 h 5 min", "40 s".</summary>
internal static class Durations
{
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays} d {span.Hours} h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours} h {span.Minutes} min";
        if (span.TotalMinutes >= 1) return $"{(int)span.TotalMinutes} min";
        return $"{(int)span.TotalSeconds} s";
    }
}
