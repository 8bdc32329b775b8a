using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Reporting;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Reporting;

public class PaymentHistoryTests
{
    [Fact]
    public async Task An_invoice_paid_reversed_and_paid_again_is_settled_once_on_the_last_payment()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "R-1");
            var invoice = InvoiceDue(scope.Db, c, "INV-R", new DateOnly(2026, 10, 1), 100_00);
            Invoice(scope.Db, c, "INV-OPEN", 5, 50_00); // never settled
            var first = Pay(scope.Db, c, 100_00, new DateOnly(2026, 10, 5));
            var (allocation, applied) = Postings.Allocate(first, invoice, new Money(100_00, Currency.USD), new DateOnly(2026, 10, 5), DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(applied);
            scope.Db.Journals.Add(Postings.ReverseAllocation(allocation, "Applied to the wrong customer", new DateOnly(2026, 10, 8), DateTime.UtcNow));
            var second = Pay(scope.Db, c, 100_00, new DateOnly(2026, 10, 20));
            var (again, reapplied) = Postings.Allocate(second, invoice, new Money(100_00, Currency.USD), new DateOnly(2026, 10, 20), DateTime.UtcNow);
            scope.Db.Allocations.Add(again);
            scope.Db.Journals.Add(reapplied);
            await scope.Db.SaveChangesAsync();
        }
        await using var check = db.Scope();
        var history = check.Get<PaymentHistory>();

        var settled = await history.SettledAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30));

        Assert.Equal((new DateOnly(2026, 10, 20), 19), (settled.Single().SettledOn, settled.Single().DaysLate));
        // Between the reversal and the second payment it was owed again: not settled as of the 10th.
        Assert.Empty(await history.SettledAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 10)));
    }
}
