using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure.Collections;

/// <summary>What a collector records while working an account, each as one audited step: a call (with its promise and next follow-up), a note, a promise withdrawn, the account's collector, segment and dunning pause.</summary>
public sealed class CollectionsDesk(PayPortalDbContext db, DeskStep steps, IActor actor, TimeProvider clock)
{
    public const string NotFound = "No such customer.";
    private const string ChangedMeanwhile = "Someone changed this account at the same time; nothing was saved. Reload and try again.";

    /// <summary>A call as logged from the phone: what was said, optionally a promise to pay (amount and date) and when to follow up.</summary>
    public sealed record CallLog(string Summary, string? PromiseAmount, DateOnly? PromiseDate, DateOnly? FollowUpOn);

    public Task<StepResult> LogCallAsync(long customerId, CallLog call, CancellationToken ct = default) =>
        steps.RunAsync("collections.call", async () =>
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new KeyNotFoundException();
            var today = clock.Today();
            var at = clock.GetUtcNow().UtcDateTime;
            var summary = RequireText(call.Summary, "What was said on the call", 2000);
            if (call.FollowUpOn is { } follow && follow < today) throw new DomainRefusal("The follow-up date cannot be in the past.");
            PromiseToPay? promise = null;
            if (!string.IsNullOrWhiteSpace(call.PromiseAmount) || call.PromiseDate is not null)
            {
                if (string.IsNullOrWhiteSpace(call.PromiseAmount) || call.PromiseDate is null) throw new DomainRefusal("A promise needs both an amount and a date.");
                if (!Money.TryParse(call.PromiseAmount, customer.Currency, out var amount, out var error)) throw new DomainRefusal($"Promised amount: {error}");
                if (await db.Promises.AnyAsync(p => p.CustomerId == customerId && p.Status == PromiseStatus.Open, ct))
                    throw new DomainRefusal("The customer already has an open promise; withdraw it first or wait until it is decided.");
                // What was said is on the call's own log entry; the promise is the amount and the date.
                promise = PromiseToPay.Record(customer, amount, call.PromiseDate.Value, today, actor.Name, null, at);
                db.Promises.Add(promise);
            }
            db.CommunicationLog.Add(new CommunicationLogEntry
            {
                CustomerId = customerId, At = at, Channel = CommunicationLogEntry.Call, By = actor.Name,
                Summary = summary + (promise is null ? "" : $" Promised {promise.Amount} by {promise.DueOn:yyyy-MM-dd}."),
            });
            customer.NextActionOn = call.FollowUpOn ?? promise?.DueOn.AddDays(1);
            // A logged call does the call tasks dunning put on the worklist.
            await db.DunningNotices.Where(n => n.CustomerId == customerId && n.Action == DunningAction.CallTask && n.CompletedAt == null)
                .ForEachAsync(n => n.CompletedAt = at, ct);
            return (customerId, promise is null ? "Call logged." : $"Call logged with a promise of {promise.Amount} by {promise.DueOn:yyyy-MM-dd}; dunning waits until then.");
        }, NotFound, ChangedMeanwhile, null, ct);

    public Task<StepResult> AddNoteAsync(long customerId, string text, CancellationToken ct = default) =>
        steps.RunAsync("collections.note", async () =>
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new KeyNotFoundException();
            db.CommunicationLog.Add(new CommunicationLogEntry
            {
                CustomerId = customerId, At = clock.GetUtcNow().UtcDateTime, Channel = CommunicationLogEntry.Note, By = actor.Name, Summary = RequireText(text, "The note", 2000),
            });
            return (customerId, "Note added.");
        }, NotFound, ChangedMeanwhile, null, ct);

    public Task<StepResult> WithdrawPromiseAsync(long customerId, long promiseId, string reason, CancellationToken ct = default) =>
        steps.RunAsync("promise.withdraw", async () =>
        {
            var promise = await db.Promises.SingleOrDefaultAsync(p => p.Id == promiseId && p.CustomerId == customerId, ct) ?? throw new KeyNotFoundException();
            promise.Cancel(actor.Name, reason, clock.Today());
            return (customerId, "The promise is withdrawn; dunning resumes with the next run.");
        }, "No such promise.", ChangedMeanwhile, null, ct);

    /// <summary>The collector (a back-office user, or nobody), the dunning segment and whether dunning is paused.</summary>
    public Task<StepResult> SetCollectionsAsync(long customerId, string? collectorUserId, string? segment, bool dunningPaused, CancellationToken ct = default) =>
        steps.RunAsync("collections.account", async () =>
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new KeyNotFoundException();
            string? name = null;
            if (!string.IsNullOrEmpty(collectorUserId))
            {
                var staff = await db.Users.Where(u => u.Id == collectorUserId && u.CustomerId == null).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct)
                    ?? throw new DomainRefusal("The collector must be a back-office user.");
                name = staff.DisplayName is { Length: > 0 } display ? display : staff.Email;
            }
            customer.AssignCollector(string.IsNullOrEmpty(collectorUserId) ? null : collectorUserId, name);
            customer.SetSegment(segment);
            customer.DunningPaused = dunningPaused;
            return (customerId, "Collections settings saved.");
        }, NotFound, ChangedMeanwhile, null, ct);

    private static string RequireText(string? text, string what, int max)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainRefusal($"{what} is required.");
        if (trimmed.Length > max) throw new DomainRefusal($"{what} is longer than {max:N0} characters.");
        return trimmed;
    }
}
