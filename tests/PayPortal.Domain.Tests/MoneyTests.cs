namespace PayPortal.Domain.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("1234.50", "USD", 123450)]
    [InlineData("0.01", "USD", 1)]
    [InlineData(".5", "USD", 50)]
    [InlineData("-3", "USD", -300)]
    [InlineData("+7.1", "EUR", 710)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData(" 42.00 ", "USD", 4200)]
    public void Parses_decimal_text_exactly_into_minor_units(string text, string currency, long expected)
    {
        Assert.True(Money.TryParse(text, Currency.Parse(currency), out var money, out var error), error);
        Assert.Equal(expected, money.Minor);
    }

    [Theory]
    [InlineData("", "amount is empty")]
    [InlineData("12.345", "more than 2 decimals")]
    [InlineData("1,234.50", "not a decimal amount")]
    [InlineData("1e5", "not a decimal amount")]
    [InlineData("12.", "not a decimal amount")]
    [InlineData("abc", "not a decimal amount")]
    [InlineData("-", "not a decimal amount")]
    [InlineData("1234567890123456", "too large")]
    public void Refuses_text_that_is_not_an_exact_amount(string text, string expectedMessagePart)
    {
        Assert.False(Money.TryParse(text, Currency.USD, out _, out var error));
        Assert.Contains(expectedMessagePart, error);
    }

    [Fact]
    public void Refuses_decimals_for_a_currency_without_minor_unit()
    {
        Assert.False(Money.TryParse("10.5", Currency.Parse("JPY"), out _, out var error));
        Assert.Contains("JPY has no minor unit", error);
    }

    [Theory]
    [InlineData(1001, 2, 20)]    // 20.02 -> 20
    [InlineData(1025, 2, 21)]    // 20.50 -> 21 (half away from zero)
    [InlineData(-1025, 2, -21)]  // symmetric for credits
    [InlineData(333, 1.5, 5)]    // 4.995 -> 5
    [InlineData(9999, 0, 0)]
    public void Percent_rounds_half_away_from_zero(long minor, decimal percent, long expected) =>
        Assert.Equal(expected, new Money(minor, Currency.USD).Percent(percent).Minor);

    [Fact]
    public void Percent_can_round_to_even_when_asked() =>
        Assert.Equal(20, new Money(1025, Currency.USD).Percent(2, MidpointRounding.ToEven).Minor);

    [Fact]
    public void Cannot_add_different_currencies() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.USD) + new Money(1, Currency.EUR));

    [Fact]
    public void Cannot_compare_different_currencies() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.USD) < new Money(1, Currency.EUR));

    [Fact]
    public void Arithmetic_overflow_throws_instead_of_wrapping() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, Currency.USD) + new Money(1, Currency.USD));

    [Theory]
    [InlineData(123450, "USD", "1234.50", "USD 1,234.50")]
    [InlineData(-5, "USD", "-0.05", "USD -0.05")]
    [InlineData(1500, "JPY", "1500", "JPY 1,500")]
    public void Formats_for_files_and_for_people(long minor, string currency, string file, string display)
    {
        var money = new Money(minor, Currency.Parse(currency));
        Assert.Equal(file, money.ToDecimalString());
        Assert.Equal(display, money.ToString());
    }

    [Theory]
    [InlineData("usd", "USD", 2)]
    [InlineData("JPY", "JPY", 0)]
    [InlineData("BHD", "BHD", 3)]
    public void Knows_iso_currencies_and_their_minor_digits(string code, string expected, int digits)
    {
        Assert.True(Currency.TryParse(code, out var currency));
        Assert.Equal(expected, currency.Value.Code);
        Assert.Equal(digits, currency.Value.MinorDigits);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_unknown_currency_codes(string? code) => Assert.False(Currency.TryParse(code, out _));
}
