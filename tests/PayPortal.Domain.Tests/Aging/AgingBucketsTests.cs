using PayPortal.Domain.Aging;

namespace PayPortal.Domain.Tests.Aging;

public class AgingBucketsTests
{
    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(60, 2)]
    [InlineData(61, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    [InlineData(120, 4)]
    [InlineData(121, 5)]
    [InlineData(4000, 5)]
    public void Standard_buckets_put_each_day_past_due_where_the_trade_expects(int daysPastDue, int bucket) =>
        Assert.Equal(bucket, AgingBuckets.Standard.IndexForDaysPastDue(daysPastDue));

    [Fact]
    public void Labels_read_current_then_ranges()
    {
        Assert.Equal(["Current", "1-30", "31-60", "61-90", "91-120", "120+"], AgingBuckets.Standard.Labels);
        Assert.Equal(["Current", "1-15", "16-45", "45+"], new AgingBuckets([15, 45]).Labels);
    }

    [Fact]
    public void Bucket_boundaries_must_increase() =>
        Assert.Throws<DomainRefusal>(() => new AgingBuckets([30, 30]));

    [Fact]
    public void Summary_adds_by_due_date_and_reports_past_due_and_shares()
    {
        var asOf = new DateOnly(2026, 6, 30);
        var summary = new AgingSummary(AgingBuckets.Standard, Currency.USD);
        summary.Add(asOf.AddDays(5), asOf, 100_00);     // current
        summary.Add(asOf.AddDays(-10), asOf, 50_00);    // 1-30
        summary.Add(asOf.AddDays(-200), asOf, 50_00);   // 120+
        Assert.Equal(200_00, summary.Total.Minor);
        Assert.Equal(100_00, summary.PastDue.Minor);
        Assert.Equal(50m, summary.ShareOf(0));
        Assert.Equal(25m, summary.ShareOf(5));
    }

    [Fact]
    public void Keys_name_the_standard_buckets_for_exports() =>
        Assert.Equal(["current", "d1_30", "d31_60", "d61_90", "d91_120", "over_120"], AgingBuckets.Standard.Keys);

    [Fact]
    public void Parse_reads_configured_boundaries_and_names_a_bad_one()
    {
        var buckets = AgingBuckets.Parse(" 10, 20 ,45");
        Assert.Equal(["Current", "1-10", "11-20", "21-45", "45+"], buckets.Labels);
        Assert.Equal(3, buckets.IndexForDaysPastDue(45));
        Assert.Equal(4, buckets.IndexForDaysPastDue(46));
        Assert.Equal("Aging bucket boundary '2x' is not a whole number of days.", Assert.Throws<DomainRefusal>(() => AgingBuckets.Parse("10,2x")).Message);
        Assert.Throws<DomainRefusal>(() => AgingBuckets.Parse(""));
        Assert.Throws<DomainRefusal>(() => AgingBuckets.Parse("-5"));
    }
}
