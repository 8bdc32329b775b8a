using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Reporting;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Reporting;

public class EndOfDayReportTests
{
    [Fact]
    public async Task The_day_lists_receipts_applications_disputes_promises_due_and_broken_and_emails()
    {
        await using var db = await TempDatabase.CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "C-1");
            var invoice = Invoice(scope.Db, c, "INV-1", -10, 500_00);
            var other = Invoice(scope.Db, c, "INV-2", -10, 80_00);
            var payment = Pay(scope.Db, c, 300_00, today);
            var (allocation, journal) = Postings.Allocate(payment, invoice, new Money(300_00, Currency.USD), today, DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(journal);
            Pay(scope.Db, c, 20_00, today.AddDays(-1)); // yesterday: not today's
            scope.Db.Disputes.Add(Dispute.Open(other, DisputeReason.Pricing, new Money(80_00, Currency.USD), "Wrong", DateTime.UtcNow));
            scope.Db.Promises.Add(PromiseToPay.Record(c, new Money(200_00, Currency.USD), today, today, "sam", null, DateTime.UtcNow));
            var broken = PromiseToPay.Record(c, new Money(50_00, Currency.USD), today.AddDays(-5), today.AddDays(-5), "sam", null, DateTime.UtcNow);
            broken.Review(0, today, graceDays: 3);
            scope.Db.Promises.Add(broken);
            scope.Db.Outbox.Add(new Infrastructure.Outbox.OutboxMessage { Kind = "dunning", To = "ap@c-1.test", Subject = "s", TextBody = "b", CreatedAt = DateTime.UtcNow, SentAt = DateTime.UtcNow });
            scope.Db.Outbox.Add(new Infrastructure.Outbox.OutboxMessage { Kind = "dunning", To = "x@c-1.test", Subject = "s", TextBody = "b", CreatedAt = DateTime.UtcNow, SentAt = DateTime.UtcNow });
            await scope.Db.SaveChangesAsync();
        }
        await using var check = db.Scope();

        var day = await check.Get<EndOfDayReport>().ForDayAsync(today);

        Assert.Equal([new Money(300_00, Currency.USD)], day.Totals("Receipts"));
        Assert.Equal([new Money(300_00, Currency.USD)], day.Totals("Applications"));
        Assert.Equal("INV-2: Pricing", day.In("New disputes").Single().Detail);
        Assert.Equal(new Money(200_00, Currency.USD), day.In("Promises due").Single().Amount);
        Assert.Equal("Due " + today.AddDays(-5).ToString("yyyy-MM-dd") + ", paid USD 0.00", day.In("Broken promises").Single().Detail);
        Assert.Equal(2, day.In("Emails sent").Sum(l => l.Count));
        Assert.Empty(day.In("Plans broken"));
    }
}
