using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Collections;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Collections;

/// <summary>The dunning run on a real database with the standard policy (-3, +1, +15, +30, +45 call, +60 letter).</summary>
public class DunningRunnerTests
{
    private static async Task<DunningOutcome> Run(TempDatabase db, DateOnly asOf, bool dryRun = false)
    {
        await using var scope = db.Scope();
        return await scope.Get<DunningRunner>().RunAsync(asOf, dryRun);
    }

    private static async Task<(long Outbox, long Notices)> Counts(TempDatabase db) =>
        ((long)(await db.ScalarAsync("SELECT COUNT(*) FROM Outbox"))!, (long)(await db.ScalarAsync("SELECT COUNT(*) FROM DunningNotices"))!);

    [Fact]
    public async Task Each_due_step_goes_out_once_per_invoice_in_one_message_per_customer_and_step_and_a_second_run_sends_nothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "C-1");
            Invoice(scope.Db, c, "INV-1", -20);
            Invoice(scope.Db, c, "INV-2", -16, 250_00);
            Invoice(scope.Db, c, "INV-3", 2);
            Invoice(scope.Db, c, "INV-4", 10);
            await scope.Db.SaveChangesAsync();
        }

        var first = await Run(db, Today);

        Assert.Equal([(-3, new[] { "INV-3" }), (15, new[] { "INV-1", "INV-2" })], first.Messages.Select(m => (m.OffsetDays, m.Invoices.Select(i => i.Number).ToArray())));
        Assert.Equal(new Money(350_00, Currency.USD), first.Messages[1].Total);
        Assert.Equal((2L, 3L), await Counts(db));
        var mail = await db.ScalarAsync("SELECT TextBody FROM Outbox WHERE Subject LIKE 'Second reminder%'") as string;
        Assert.Contains("INV-1", mail);
        Assert.Contains("USD 350.00", mail);
        Assert.Contains("/Portal/Pay?invoice=", mail);

        Assert.Empty((await Run(db, Today)).Messages);
        Assert.Empty((await Run(db, Today.AddDays(1))).Messages);
        Assert.Equal((2L, 3L), await Counts(db));

        // Ten days on: INV-4 falls due (-3), INV-3 is 8 days late (+1), INV-1 reaches +30; INV-2 (26 days) has had its +15.
        var later = await Run(db, Today.AddDays(10));
        Assert.Equal([(-3, "INV-4"), (1, "INV-3"), (30, "INV-1")], later.Messages.Select(m => (m.OffsetDays, m.Invoices.Single().Number)));
        Assert.Equal(5L, (await Counts(db)).Outbox);
    }

    [Fact]
    public async Task Paused_customers_open_promises_active_plans_and_disputed_amounts_are_skipped()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var paused = Customer(scope.Db, "P-1");
            paused.DunningPaused = true;
            Invoice(scope.Db, paused, "INV-P", -20);
            var promised = Customer(scope.Db, "PR-1");
            Invoice(scope.Db, promised, "INV-PR", -20);
            scope.Db.Promises.Add(PromiseToPay.Record(promised, new Money(100_00, Currency.USD), Today.AddDays(5), Today.AddDays(-1), "sam", null, DateTime.UtcNow));
            var planned = Customer(scope.Db, "PL-1");
            var inPlan = Invoice(scope.Db, planned, "INV-PL", -20);
            Invoice(scope.Db, planned, "INV-PL2", -20);
            var (plan, _) = PaymentPlan.Request(planned, [inPlan], new PlanTerms(2, PlanFrequency.Monthly, Today.AddDays(5)), PlanPolicy.Default, Today, DateTime.UtcNow, null);
            scope.Db.PaymentPlans.Add(plan!);
            var disputed = Customer(scope.Db, "D-1");
            var whole = Invoice(scope.Db, disputed, "INV-D", -20);
            var part = Invoice(scope.Db, disputed, "INV-D2", -20, 300_00);
            scope.Db.Disputes.Add(Dispute.Open(whole, DisputeReason.Pricing, new Money(100_00, Currency.USD), "Wrong price", DateTime.UtcNow));
            scope.Db.Disputes.Add(Dispute.Open(part, DisputeReason.Pricing, new Money(120_00, Currency.USD), "One line wrong", DateTime.UtcNow));
            await scope.Db.SaveChangesAsync();
        }

        var outcome = await Run(db, Today);

        Assert.Equal(["INV-D2", "INV-PL2"], outcome.Messages.SelectMany(m => m.Invoices).Select(i => i.Number).Order());
        Assert.Equal(180_00, outcome.Messages.SelectMany(m => m.Invoices).Single(i => i.Number == "INV-D2").ChasedMinor);
        Assert.Equal(1, outcome.SkippedCount(DunningSkip.DunningPaused));
        Assert.Equal(1, outcome.SkippedCount(DunningSkip.PromiseOpen));
        Assert.Equal(1, outcome.SkippedCount(DunningSkip.InPlan));
        Assert.Equal(1, outcome.SkippedCount(DunningSkip.Disputed));
    }

    [Fact]
    public async Task A_dry_run_shows_exactly_what_the_run_then_sends_and_changes_nothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var a = Customer(scope.Db, "A-1");
            Invoice(scope.Db, a, "INV-A", -61);
            Invoice(scope.Db, a, "INV-A2", -46);
            var b = Customer(scope.Db, "B-1");
            Invoice(scope.Db, b, "INV-B", -1);
            await scope.Db.SaveChangesAsync();
        }

        var dry = await Run(db, Today, dryRun: true);
        Assert.Equal((0L, 0L), await Counts(db));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM DunningPolicies"));
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM DunningRuns"));

        var real = await Run(db, Today);

        static object Shape(DunningMessage m) => (m.CustomerNumber, m.OffsetDays, m.Action, m.Subject, string.Join(",", m.To), string.Join(",", m.Invoices.Select(i => i.Number + ":" + i.ChasedMinor)));
        Assert.Equal(dry.Messages.Select(Shape), real.Messages.Select(Shape));
        Assert.Equal([DunningAction.Email, DunningAction.CallTask, DunningAction.Letter], real.Messages.Select(m => m.Action).Order());
        // The call task sends nothing; the letter goes out as a PDF.
        Assert.Equal(2L, (await Counts(db)).Outbox);
        var pdf = (byte[])(await db.ScalarAsync("SELECT Content FROM OutboxAttachment"))!;
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal("letter", await db.ScalarAsync("SELECT Channel FROM CommunicationLog"));
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'dunning.run'"));
    }

    [Fact]
    public async Task Two_runs_at_once_send_each_step_once()
    {
        for (var round = 0; round < 4; round++)
        {
            await using var db = await TempDatabase.CreateAsync();
            await using (var scope = db.Scope())
            {
                for (var i = 0; i < 30; i++) Invoice(scope.Db, Customer(scope.Db, $"C-{i:00}"), $"INV-{i:00}", -2);
                await scope.Db.SaveChangesAsync();
            }
            await using (var scope = db.Scope()) await scope.Get<DunningPolicies>().EnsureAsync(default);

            var results = await Concurrency.AtOnce.RunAsync(2, _ => Run(db, Today));

            Assert.Equal(30, results.Sum(r => r.Messages.Count));
            Assert.Equal((30L, 30L), await Counts(db));
            await db.AssertLedgerConsistentAsync();
        }
    }

    [Fact]
    public async Task A_promise_paid_in_time_is_kept_an_unpaid_one_breaks_after_the_grace_days_and_dunning_resumes()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var keeps = Customer(scope.Db, "K-1");
            Invoice(scope.Db, keeps, "INV-K", -20, 500_00);
            scope.Db.Promises.Add(PromiseToPay.Record(keeps, new Money(500_00, Currency.USD), Today.AddDays(3), Today, "sam", null, DateTime.UtcNow));
            Pay(scope.Db, keeps, 300_00, Today.AddDays(1));
            Pay(scope.Db, keeps, 200_00, Today.AddDays(5)); // within the 3 grace days
            var breaks = Customer(scope.Db, "B-1");
            Invoice(scope.Db, breaks, "INV-B", -20, 500_00);
            scope.Db.Promises.Add(PromiseToPay.Record(breaks, new Money(500_00, Currency.USD), Today.AddDays(3), Today, "sam", null, DateTime.UtcNow));
            Pay(scope.Db, breaks, 100_00, Today.AddDays(2));
            await scope.Db.SaveChangesAsync();
        }

        var meanwhile = await Run(db, Today.AddDays(6));
        Assert.Equal((1, 0), (meanwhile.PromisesKept, meanwhile.PromisesBroken));
        Assert.DoesNotContain(meanwhile.Messages, m => m.CustomerNumber == "B-1"); // still within its grace days

        var after = await Run(db, Today.AddDays(7));
        Assert.Equal(1, after.PromisesBroken);
        Assert.Contains(after.Messages, m => m.CustomerNumber == "B-1");
        Assert.Equal(100_00L, await db.ScalarAsync("SELECT PaidMinor FROM Promises WHERE Status = 3"));
    }

    [Fact]
    public async Task A_payment_recorded_on_the_promise_day_counts_only_if_it_came_after_the_promise()
    {
        await using var db = await TempDatabase.CreateAsync();
        var promisedAt = new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc);
        await using (var scope = db.Scope())
        {
            var before = Customer(scope.Db, "E-1");
            scope.Db.Promises.Add(PromiseToPay.Record(before, new Money(100_00, Currency.USD), Today.AddDays(3), Today, "sam", null, promisedAt));
            var early = new Domain.Payments.Payment(before, new Money(100_00, Currency.USD), Domain.Payments.PaymentMethod.Wire, Today, "EARLY");
            scope.Db.Payments.Add(early);
            scope.Db.Journals.Add(Domain.Ledger.Postings.ReceivePayment(early, promisedAt.AddHours(-2)));
            var after = Customer(scope.Db, "L-1");
            scope.Db.Promises.Add(PromiseToPay.Record(after, new Money(100_00, Currency.USD), Today.AddDays(3), Today, "sam", null, promisedAt));
            var late = new Domain.Payments.Payment(after, new Money(100_00, Currency.USD), Domain.Payments.PaymentMethod.Wire, Today, "LATE");
            scope.Db.Payments.Add(late);
            scope.Db.Journals.Add(Domain.Ledger.Postings.ReceivePayment(late, promisedAt.AddHours(2)));
            await scope.Db.SaveChangesAsync();
        }

        var outcome = await Run(db, Today);

        Assert.Equal((1, 0), (outcome.PromisesKept, outcome.PromisesBroken));
        Assert.Equal("L-1", await db.ScalarAsync("SELECT c.Number FROM Promises p JOIN Customers c ON c.Id = p.CustomerId WHERE p.Status = 2"));
    }

    [Fact]
    public async Task A_customer_with_no_address_is_skipped_not_marked_done_and_a_future_date_is_only_previewed()
    {
        await using var db = await TempDatabase.CreateAsync();
        long id;
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "N-1");
            c.SetBillingEmails([]);
            Invoice(scope.Db, c, "INV-N", -20);
            await scope.Db.SaveChangesAsync();
            id = c.Id;
        }

        var outcome = await Run(db, Today);

        Assert.Empty(outcome.Messages);
        Assert.Equal(1, outcome.SkippedCount(DunningSkip.NoAddress));
        Assert.Equal((0L, 0L), await Counts(db));
        await using (var scope = db.Scope())
        {
            (await scope.Db.Customers.SingleAsync(c => c.Id == id)).SetBillingEmails(["ap@n-1.test"]);
            await scope.Db.SaveChangesAsync();
        }
        Assert.Single((await Run(db, Today)).Messages); // once there is an address, the step goes out
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var sentSoFar = await Counts(db);
        await Run(db, future, dryRun: true);
        Assert.Equal(sentSoFar, await Counts(db)); // a preview of a future day writes nothing
        await Assert.ThrowsAsync<DomainRefusal>(() => Run(db, future));
        Assert.Equal(sentSoFar, await Counts(db));
    }

    [Fact]
    public async Task Moving_a_step_that_already_went_out_does_not_send_it_again_or_stop_the_run()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            Invoice(scope.Db, Customer(scope.Db, "A-1"), "INV-A", -16);
            Invoice(scope.Db, Customer(scope.Db, "B-1"), "INV-B", -2);
            await scope.Db.SaveChangesAsync();
        }
        Assert.Equal(2, (await Run(db, Today)).Messages.Count); // INV-A at +15, INV-B at +1
        await using (var scope = db.Scope())
        {
            var policies = scope.Get<DunningPolicies>();
            var policy = (await policies.ListAsync(default)).Single();
            var fifteen = policy.Steps.Single(s => s.OffsetDays == 15);
            Assert.True((await policies.SaveStepAsync(policy.Id, fifteen.Id, 17, fifteen.Action, fifteen.Subject, fifteen.Body)).Succeeded);
        }

        // Two days on INV-A is 18 days late: the moved step (now +17) is the one due, and it was already sent.
        var later = await Run(db, Today.AddDays(2));

        Assert.DoesNotContain(later.Messages, m => m.CustomerNumber == "A-1");
        Assert.Equal(2L, (await Counts(db)).Outbox);
    }
}
