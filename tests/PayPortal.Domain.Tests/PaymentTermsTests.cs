using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Tests;

public class PaymentTermsTests
{
    [Fact]
    public void Net_30_is_due_thirty_days_after_issue_with_no_discount()
    {
        var terms = PaymentTerms.Net(30);
        Assert.Equal(new DateOnly(2026, 3, 31), terms.DueDate(new DateOnly(2026, 3, 1)));
        Assert.Null(terms.DiscountDeadline(new DateOnly(2026, 3, 1)));
        Assert.Equal("Net 30", terms.ToString());
    }

    [Fact]
    public void Two_ten_net_thirty_offers_two_percent_for_ten_days()
    {
        var terms = new PaymentTerms(30, 2, 10);
        Assert.Equal(new DateOnly(2024, 3, 10), terms.DiscountDeadline(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2024, 3, 30), terms.DueDate(new DateOnly(2024, 2, 29)));
        Assert.Equal("2/10 Net 30", terms.ToString());
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(30, 2, 0)]
    [InlineData(30, 0, 10)]
    [InlineData(30, 2, 31)]
    [InlineData(30, 100, 10)]
    [InlineData(30, 1.005, 10)]
    public void Rejects_inconsistent_terms(int net, decimal percent, int days) =>
        Assert.Throws<DomainRefusal>(() => new PaymentTerms(net, percent, days));
}
