using PayPortal.Domain.Ledger;

namespace PayPortal.Domain.Tests.Ledger;

public class StatementTests
{
    private static readonly DateOnly From = new(2026, 3, 1);
    private static readonly DateOnly To = new(2026, 3, 31);

    [Fact]
    public void Lines_run_in_date_order_from_the_opening_to_the_closing_balance()
    {
        var statement = Statement.Build(Currency.USD, From, To, openingMinor: 500_00,
        [
            new(new DateOnly(2026, 3, 20), 3, JournalKind.PaymentReceived, "Payment received (CHK 1)", -300_00),
            new(new DateOnly(2026, 3, 5), 1, JournalKind.InvoicePosted, "Invoice INV-1 posted", 1000_00),
            new(new DateOnly(2026, 3, 20), 4, JournalKind.PaymentAllocated, "applied", 0), // moves money inside the account: no line
            new(new DateOnly(2026, 3, 25), 5, JournalKind.DiscountAllowed, "Early-payment discount", -20_00, IsTest: true),
            new(new DateOnly(2026, 4, 1), 6, JournalKind.InvoicePosted, "Invoice INV-2 posted (after the period)", 50_00),
        ],
        [new(new DateOnly(2026, 4, 4), 680_00), new(new DateOnly(2026, 2, 1), 500_00)]);

        Assert.Equal(["Invoice INV-1 posted", "Payment received (CHK 1)", "Early-payment discount"], statement.Lines.Select(l => l.Description));
        Assert.Equal([1500_00L, 1200_00L, 1180_00L], statement.Lines.Select(l => l.Balance.Minor));
        Assert.Equal((1000_00L, 0L), (statement.Lines[0].Charges.Minor, statement.Lines[0].Credits.Minor));
        Assert.Equal((0L, 300_00L), (statement.Lines[1].Charges.Minor, statement.Lines[1].Credits.Minor));
        Assert.Equal(1180_00L, statement.Closing.Minor);
        Assert.Equal("Early-payment discount (test money)", statement.Lines[2].Text);
        Assert.Equal("Invoice INV-1 posted", statement.Lines[0].Text);
        // Aging on the end date: one invoice not yet due, one 58 days late.
        Assert.Equal(680_00L, statement.Aging[0].Minor);
        Assert.Equal(500_00L, statement.Aging[2].Minor);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<DomainRefusal>(() => Statement.Build(Currency.USD, To, From, 0, [], []));
}
