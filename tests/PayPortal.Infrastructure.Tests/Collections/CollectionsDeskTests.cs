using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Collections;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Collections;

public class CollectionsDeskTests
{
    private static async Task<long> SeedAsync(TempDatabase db, Action<Infrastructure.Data.PayPortalDbContext, Domain.Customers.Customer>? more = null)
    {
        await using var scope = db.Scope();
        var c = Customer(scope.Db, "C-1");
        Invoice(scope.Db, c, "INV-1", -50, 800_00);
        more?.Invoke(scope.Db, c);
        await scope.Db.SaveChangesAsync();
        return c.Id;
    }

    [Fact]
    public async Task A_call_with_a_promise_records_both_sets_the_follow_up_and_does_the_call_task()
    {
        await using var db = await TempDatabase.CreateAsync();
        var id = await SeedAsync(db);
        await using (var scope = db.Scope()) Assert.Equal(DunningAction.CallTask, (await scope.Get<DunningRunner>().RunAsync(Today, dryRun: false)).Messages.Single().Action);
        await using (var scope = db.Scope())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var result = await scope.Get<CollectionsDesk>().LogCallAsync(id, new("Spoke to Ann in AP; cheque run Friday.", "800.00", today.AddDays(4), null));
            Assert.True(result.Succeeded, result.Message);
        }

        await using var check = db.Scope();
        var promise = await check.Db.Promises.SingleAsync();
        Assert.Equal((800_00L, PromiseStatus.Open, "test"), (promise.AmountMinor, promise.Status, promise.RecordedBy));
        var call = await check.Db.CommunicationLog.SingleAsync(e => e.Channel == "call");
        Assert.Equal("Spoke to Ann in AP; cheque run Friday. Promised USD 800.00 by " + promise.DueOn.ToString("yyyy-MM-dd") + ".", call.Summary);
        Assert.Equal(promise.DueOn.AddDays(1), (await check.Db.Customers.SingleAsync()).NextActionOn);
        Assert.True(await check.Db.AuditEvents.AnyAsync(a => a.Action == "collections.call"));
        Assert.NotNull((await check.Db.DunningNotices.SingleAsync(n => n.Action == DunningAction.CallTask)).CompletedAt);
    }

    [Theory]
    [InlineData("", "100.00", 3, "What was said on the call is required.")]
    [InlineData("Called", "abc", 3, "Promised amount:")]
    [InlineData("Called", "100.00", -1, "The promised date cannot be in the past.")]
    [InlineData("Called", "100.00", null, "A promise needs both an amount and a date.")]
    public async Task A_bad_call_log_is_refused_with_the_reason_and_changes_nothing(string summary, string amount, int? days, string message)
    {
        await using var db = await TempDatabase.CreateAsync();
        var id = await SeedAsync(db);
        await using var scope = db.Scope();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var result = await scope.Get<CollectionsDesk>().LogCallAsync(id, new(summary, amount, days is { } d ? today.AddDays(d) : null, null));

        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.Message);
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM CommunicationLog"));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM Promises"));
    }

    [Fact]
    public async Task A_second_open_promise_is_refused_until_the_first_is_withdrawn()
    {
        await using var db = await TempDatabase.CreateAsync();
        var id = await SeedAsync(db);
        await using var scope = db.Scope();
        var desk = scope.Get<CollectionsDesk>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True((await desk.LogCallAsync(id, new("First", "100.00", today.AddDays(3), null))).Succeeded);

        var second = await desk.LogCallAsync(id, new("Second", "50.00", today.AddDays(5), null));
        Assert.Equal("The customer already has an open promise; withdraw it first or wait until it is decided.", second.Message);

        var promiseId = await scope.Db.Promises.Select(p => p.Id).SingleAsync();
        Assert.False((await desk.WithdrawPromiseAsync(id + 1, promiseId, "wrong account")).Succeeded);
        Assert.True((await desk.WithdrawPromiseAsync(id, promiseId, "Customer will pay by plan instead")).Succeeded);
        Assert.True((await desk.LogCallAsync(id, new("Second", "50.00", today.AddDays(5), null))).Succeeded);
    }

    [Fact]
    public async Task The_worklist_ranks_by_priority_keeps_promised_accounts_apart_and_returns_broken_promises_to_the_top()
    {
        await using var db = await TempDatabase.CreateAsync();
        var today = Today;
        await using (var scope = db.Scope())
        {
            var small = Customer(scope.Db, "S-1");
            Invoice(scope.Db, small, "INV-S", -10, 50_00);
            var big = Customer(scope.Db, "B-1");
            Invoice(scope.Db, big, "INV-B", -90, 20_000_00);
            var promised = Customer(scope.Db, "P-1");
            Invoice(scope.Db, promised, "INV-P", -30, 900_00);
            scope.Db.Promises.Add(PromiseToPay.Record(promised, new Money(900_00, Currency.USD), today.AddDays(2), today, "sam", null, DateTime.UtcNow));
            var broke = Customer(scope.Db, "X-1");
            Invoice(scope.Db, broke, "INV-X", -12, 60_00);
            var old = PromiseToPay.Record(broke, new Money(60_00, Currency.USD), today.AddDays(-20), today.AddDays(-25), "sam", null, DateTime.UtcNow);
            old.Review(0, today.AddDays(-10), 3);
            scope.Db.Promises.Add(old);
            Customer(scope.Db, "N-1"); // nothing owed: not on the worklist
            await scope.Db.SaveChangesAsync();
        }
        await using var check = db.Scope();
        var worklist = check.Get<Worklist>();

        var (rows, total) = await worklist.ListAsync(today, WorklistView.ToDo, null, false, 1, 50);

        // B-1: 40 + 22 = 62; X-1: 18 + 3 + 10 (broken) = 31; S-1: 17 + 2 = 19.
        Assert.Equal(["B-1", "X-1", "S-1"], rows.Select(r => r.Number));
        Assert.Equal([62, 31, 19], rows.Select(r => r.Priority));
        Assert.Equal(3, total);
        Assert.Equal("Chase the broken promise", rows[1].NextAction);
        var (promisedRows, _) = await worklist.ListAsync(today, WorklistView.Promised, null, false, 1, 50);
        Assert.Equal("P-1", promisedRows.Single().Number);
        Assert.Equal(today.AddDays(2), promisedRows.Single().PromiseDueOn);
    }

    [Fact]
    public async Task Risk_scores_come_from_payment_behaviour_and_the_refresh_stores_them()
    {
        await using var db = await TempDatabase.CreateAsync();
        var today = Today;
        long late;
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "L-1");
            var paid = Invoice(scope.Db, c, "INV-L1", -100, 100_00);
            Invoice(scope.Db, c, "INV-L2", -60, 100_00);
            Invoice(scope.Db, c, "INV-L3", 10, 100_00);
            await scope.Db.SaveChangesAsync();
            var payment = Pay(scope.Db, c, 100_00, today.AddDays(-70)); // INV-L1 paid 30 days late
            var (allocation, journal) = Domain.Ledger.Postings.Allocate(payment, paid, new Money(100_00, Currency.USD), today.AddDays(-70), DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(journal);
            await scope.Db.SaveChangesAsync();
            late = c.Id;
        }
        await using var check = db.Scope();
        var scoring = check.Get<RiskScoring>();

        var risk = await scoring.ForCustomerAsync(late, today);

        // 30 days late on average: 15; all paid late: 20; no broken promise; half the balance past due: 8 (7.5); oldest 60 days late: 8 (7.5).
        Assert.Equal(["30 days", "100%", "0", "50%", "60 days"], risk.Components.Select(c => c.Value));
        Assert.Equal(51, risk.Score);
        Assert.Equal(1, await scoring.RefreshAllAsync(today));
        Assert.Equal(51L, await db.ScalarAsync("SELECT RiskScore FROM Customers"));
    }
}
