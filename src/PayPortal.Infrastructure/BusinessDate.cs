namespace PayPortal.Infrastructure;

public static class BusinessDate
{
    /// <summary>The business date: today in UTC, the one calendar every posting, aging and due date uses.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
