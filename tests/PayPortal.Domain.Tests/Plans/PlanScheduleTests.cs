using PayPortal.Domain.Plans;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Plans;

public class PlanScheduleTests
{
    [Theory]
    [InlineData(100_00, 3)]
    [InlineData(1_000_01, 7)]
    [InlineData(5, 5)]
    [InlineData(9_999_99, 36)]
    public void Installments_add_up_to_the_total_exactly_and_differ_by_at_most_a_cent(long total, int count)
    {
        var schedule = PlanSchedule.Build(Usd(total), new PlanTerms(count, PlanFrequency.Weekly, Today));
        Assert.Equal(count, schedule.Count);
        Assert.Equal(total, schedule.Sum(s => s.Amount.Minor));
        Assert.True(schedule.Max(s => s.Amount.Minor) - schedule.Min(s => s.Amount.Minor) <= 1);
        Assert.True(schedule.SequenceEqual(schedule.OrderByDescending(s => s.Amount.Minor).ThenBy(s => s.Number))); // the extra cents come first
    }

    [Fact]
    public void One_hundred_in_three_is_33_34_33_33()
    {
        var amounts = PlanSchedule.Build(Usd(100_00), new PlanTerms(3, PlanFrequency.Monthly, Today)).Select(s => s.Amount.Minor);
        Assert.Equal([33_34L, 33_33L, 33_33L], amounts);
    }

    [Fact]
    public void Monthly_from_the_31st_clamps_to_shorter_months_and_returns_to_the_31st()
    {
        var dates = PlanSchedule.Build(Usd(400_00), new PlanTerms(4, PlanFrequency.Monthly, new DateOnly(2027, 1, 31))).Select(s => s.DueDate);
        Assert.Equal([new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)], dates);
    }

    [Fact]
    public void A_first_date_on_a_month_end_keeps_every_installment_on_month_ends_including_leap_february()
    {
        var dates = PlanSchedule.Build(Usd(300_00), new PlanTerms(3, PlanFrequency.Monthly, new DateOnly(2027, 11, 30))).Select(s => s.DueDate);
        Assert.Equal([new DateOnly(2027, 11, 30), new DateOnly(2027, 12, 31), new DateOnly(2028, 1, 31)], dates);
        var leap = PlanSchedule.Build(Usd(300_00), new PlanTerms(3, PlanFrequency.Monthly, new DateOnly(2028, 1, 31))).Select(s => s.DueDate);
        Assert.Equal([new DateOnly(2028, 1, 31), new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 31)], leap);
        var fromLeapDay = PlanSchedule.Build(Usd(300_00), new PlanTerms(3, PlanFrequency.Monthly, new DateOnly(2028, 2, 29))).Select(s => s.DueDate);
        Assert.Equal([new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 31), new DateOnly(2028, 4, 30)], fromLeapDay);
    }

    [Fact]
    public void Weekly_and_biweekly_step_by_seven_and_fourteen_days_across_a_year_end()
    {
        Assert.Equal(new DateOnly(2027, 1, 5), PlanSchedule.DueDate(new PlanTerms(3, PlanFrequency.Weekly, new DateOnly(2026, 12, 22)), 2));
        Assert.Equal(new DateOnly(2027, 1, 19), PlanSchedule.DueDate(new PlanTerms(3, PlanFrequency.Biweekly, new DateOnly(2026, 12, 22)), 2));
    }

    [Fact]
    public void Bad_schedules_are_refused()
    {
        Assert.Throws<DomainRefusal>(() => PlanSchedule.Build(Usd(100_00), new PlanTerms(1, PlanFrequency.Weekly, Today)));
        Assert.Throws<DomainRefusal>(() => PlanSchedule.Build(Usd(100_00), new PlanTerms(37, PlanFrequency.Weekly, Today)));
        Assert.Throws<DomainRefusal>(() => PlanSchedule.Build(Usd(2), new PlanTerms(3, PlanFrequency.Weekly, Today)));
        Assert.Throws<DomainRefusal>(() => PlanSchedule.Build(Usd(0), new PlanTerms(3, PlanFrequency.Weekly, Today)));
    }
}
