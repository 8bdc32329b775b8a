using PayPortal.Domain.Reporting;

namespace PayPortal.Domain.Tests.Reporting;

public class CashForecastTests
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    [Fact]
    public void Receipts_fall_into_their_week_recent_arrears_into_week_one_old_ones_are_doubtful()
    {
        var f = WeeklyForecast.Project(Start,
        [
            new(Start, 100), new(Start.AddDays(6), 10),   // week 1
            new(Start.AddDays(7), 200),                   // week 2
            new(Start.AddDays(-30), 5),                    // expected a month ago: still week 1
            new(Start.AddDays(-31), 1_000),                // longer ago: doubtful
            new(Start.AddDays(7 * 12 + 6), 30),            // week 13
            new(Start.AddDays(7 * 13), 4_000),             // later
        ]);
        Assert.Equal(115, f.WeekMinor[0]);
        Assert.Equal(200, f.WeekMinor[1]);
        Assert.Equal(30, f.WeekMinor[12]);
        Assert.Equal((4_000L, 1_000L), (f.LaterMinor, f.DoubtfulMinor));
        Assert.Equal(345, f.TotalMinor);
    }

    [Fact]
    public void A_customer_with_history_is_expected_at_their_own_pace_a_new_one_at_everyones()
    {
        var due = new DateOnly(2026, 12, 1);
        Assert.Equal(due.AddDays(12), WeeklyForecast.ExpectedPaymentDate(due, [10, 14, 12], 3m));
        Assert.Equal(due.AddDays(-2), WeeklyForecast.ExpectedPaymentDate(due, [-2, -2, -3], 3m));
        Assert.Equal(due.AddDays(4), WeeklyForecast.ExpectedPaymentDate(due, [40], 3.5m)); // one invoice is no history
    }
}
