namespace PayPortal.Web.Reports;

/// <summary>Dates a report or run accepts: a real business date, not the calendar's edges (which would overflow date arithmetic).</summary>
public static class ReportDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2200, 12, 31);

    public static bool InRange(DateOnly? date) => date is not { } d || (d >= Earliest && d <= Latest);
}
