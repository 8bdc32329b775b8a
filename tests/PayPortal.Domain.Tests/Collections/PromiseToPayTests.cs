using PayPortal.Domain.Collections;
using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Tests.Collections;

public class PromiseToPayTests
{
    private static readonly Customer Acme = new("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]);
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static PromiseToPay Promise(long minor = 500_00, int daysAhead = 5) =>
        PromiseToPay.Record(Acme, new Money(minor, Currency.USD), Today.AddDays(daysAhead), Today, "sam", "Will pay Friday", DateTime.UtcNow);

    [Fact]
    public void Paying_the_amount_by_the_date_keeps_it_even_in_several_payments()
    {
        var promise = Promise();
        Assert.False(promise.Review(200_00, Today.AddDays(3), graceDays: 3));
        Assert.Equal(PromiseStatus.Open, promise.Status);
        Assert.True(promise.Review(500_00, Today.AddDays(4), graceDays: 3));
        Assert.Equal(PromiseStatus.Kept, promise.Status);
        Assert.Equal(Today.AddDays(4), promise.ResolvedOn);
        Assert.False(promise.Review(0, Today.AddDays(30), graceDays: 3)); // decided once
    }

    [Fact]
    public void It_is_broken_only_after_the_grace_days_and_records_what_was_paid()
    {
        var promise = Promise();
        Assert.False(promise.Review(100_00, Today.AddDays(8), graceDays: 3)); // the date + 3 days grace
        Assert.True(promise.Review(100_00, Today.AddDays(9), graceDays: 3));
        Assert.Equal(PromiseStatus.Broken, promise.Status);
        Assert.Equal(100_00, promise.PaidMinor);
    }

    [Fact]
    public void A_promise_needs_a_positive_amount_in_the_account_currency_and_a_date_within_ninety_days()
    {
        Assert.Throws<DomainRefusal>(() => Promise(minor: 0));
        Assert.Throws<DomainRefusal>(() => Promise(daysAhead: -1));
        Assert.Throws<DomainRefusal>(() => Promise(daysAhead: 91));
        Assert.Throws<DomainRefusal>(() => PromiseToPay.Record(Acme, new Money(1_00, Currency.EUR), Today, Today, "sam", null, DateTime.UtcNow));
        Assert.Equal(Today.AddDays(90), Promise(daysAhead: 90).DueOn);
    }

    [Fact]
    public void Withdrawing_needs_a_reason_and_closes_it()
    {
        var promise = Promise();
        Assert.Throws<DomainRefusal>(() => promise.Cancel("sam", " ", Today));
        promise.Cancel("sam", "Customer changed their mind", Today);
        Assert.Equal(PromiseStatus.Cancelled, promise.Status);
        Assert.Throws<DomainRefusal>(() => promise.Cancel("sam", "again", Today));
    }
}
