using PayPortal.Domain.Aging;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Infrastructure.Tests.Reporting;

/// <summary>Aging as of past dates against the hand-computed figures of <see cref="AgingScenario"/>. Buckets: current, 1-30, 31-60, 61-90, 91-120, 120+.</summary>
public class LedgerAgingTests
{
    [Fact]
    public async Task On_March_10_shows_what_was_owed_then_before_the_later_payment_and_invoice()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (a, b) = await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();

        var snapshot = await scope.Get<LedgerAging>().SummaryAsync(new DateOnly(2026, 3, 10));

        var alpha = snapshot.Customers.Single(c => c.CustomerId == a);
        // INV-A1 due Jan 31 is 38 days late (31-60) and still whole; INV-A2 due Mar 12 is current; INV-A3 does not exist yet.
        Assert.Equal([250_00, 0, 1_000_00, 0, 0, 0], alpha.BucketMinor);
        Assert.Equal(2, alpha.Invoices);
        Assert.Equal(0, alpha.InPlanMinor);
        var beta = snapshot.Customers.Single(c => c.CustomerId == b);
        // INV-B1 due Mar 3 is 7 days late; the dispute opened Mar 5 was open then.
        Assert.Equal([0, 500_00, 0, 0, 0, 0], beta.BucketMinor);
        Assert.Equal(200_00, beta.DisputedMinor);
        Assert.Equal(["USD", "EUR"], snapshot.Totals.Select(t => t.Currency.Code).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task On_March_20_counts_the_payment_of_March_15_and_the_invoice_of_that_day()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (a, _) = await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();

        var alpha = (await scope.Get<LedgerAging>().SummaryAsync(new DateOnly(2026, 3, 20))).Customers.Single(c => c.CustomerId == a);

        // A1: 600.00 left, 48 days late; A2: 8 days late; A3 issued that day, current.
        Assert.Equal([300_00, 250_00, 600_00, 0, 0, 0], alpha.BucketMinor);
        Assert.Equal(1_150_00, alpha.TotalMinor);
        Assert.Equal(850_00, alpha.PastDueMinor);
    }

    [Fact]
    public async Task On_May_1_the_written_off_invoice_is_gone_the_ninetieth_day_is_still_61_to_90_and_the_plan_is_shown()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (a, b) = await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();
        var aging = scope.Get<LedgerAging>();

        var snapshot = await aging.SummaryAsync(new DateOnly(2026, 5, 1));

        var alpha = snapshot.Customers.Single(c => c.CustomerId == a);
        // A1: Jan 31 to May 1 is exactly 90 days (61-90); A2: 50 days (31-60), all of it in the plan since Mar 25; A3 written off Apr 30.
        Assert.Equal([0, 0, 250_00, 600_00, 0, 0], alpha.BucketMinor);
        Assert.Equal(250_00, alpha.InPlanMinor);
        var usd = snapshot.Totals.Single(t => t.Currency.Code == "USD");
        Assert.Equal(850_00, usd.TotalMinor);
        Assert.Equal(1, usd.Customers);

        var detail = await aging.InvoicesAsync(new DateOnly(2026, 5, 1), customerId: a);
        Assert.Equal(["INV-A1", "INV-A2"], detail.Select(i => i.Number));
        Assert.Equal([90, 50], detail.Select(i => i.DaysPastDue));
        Assert.Equal([0, 250_00], detail.Select(i => i.InPlanMinor));
        // The 31-60 figure opens INV-B1 (Mar 3 to May 1: 59 days) and INV-A2, oldest due first.
        Assert.Equal(["INV-B1", "INV-A2"], (await aging.InvoicesAsync(new DateOnly(2026, 5, 1), bucket: 2)).Select(i => i.Number));
        Assert.Empty(await aging.InvoicesAsync(new DateOnly(2026, 5, 1), bucket: 1));
    }

    [Fact]
    public async Task Configured_buckets_change_the_ranges_and_the_oldest_bucket_holds_everything_beyond()
    {
        await using var db = await TempDatabase.CreateAsync();
        var (a, _) = await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();

        var snapshot = await scope.Get<LedgerAging>().SummaryAsync(new DateOnly(2026, 5, 1), buckets: AgingBuckets.Parse("15,45"));

        Assert.Equal(["current", "d1_15", "d16_45", "over_45"], snapshot.Buckets.Keys);
        Assert.Equal([0, 0, 0, 850_00], snapshot.Customers.Single(c => c.CustomerId == a).BucketMinor);
    }

    [Fact]
    public async Task Today_the_ledger_agrees_with_the_invoices_open_amounts()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();
        var today = new DateOnly(2026, 11, 23);

        var fromLedger = await scope.Get<LedgerAging>().SummaryAsync(today);
        var fromInvoices = await scope.Get<AgingReport>().ForOpenInvoicesAsync(today);

        foreach (var currency in fromInvoices)
            Assert.Equal(currency.Total.Minor, fromLedger.Totals.Single(t => t.Currency == currency.Currency).TotalMinor);
    }
}
