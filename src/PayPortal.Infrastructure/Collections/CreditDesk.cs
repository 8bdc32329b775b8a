using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>A customer's credit position: balance against limit, the oldest past-due invoice, and what the credit check suggests.</summary>
public sealed record CreditPosition(long CustomerId, string Number, string Name, Currency Currency, long BalanceMinor, long? LimitMinor, decimal? Utilisation,
    int OldestDaysPastDue, bool OnHold, CreditSuggestion Suggestion, bool RequestPending);

/// <summary>Credit holds: the suggestions, and requests to place or release a hold that a manager approves.</summary>
public sealed class CreditDesk(PayPortalDbContext db, DeskStep steps, IActor actor, IOptions<CollectionsOptions> options, TimeProvider clock)
{
    private const string ChangedMeanwhile = "Someone changed this account at the same time; nothing was saved. Reload and try again.";

    /// <summary>Customers with a suggestion (or on hold, or over 80% of their limit), those needing a decision first.</summary>
    public async Task<IReadOnlyList<CreditPosition>> ReviewAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        var open = await db.Invoices.AsNoTracking().Where(i => i.OpenMinor != 0 && i.OpenMinor > 0).GroupBy(i => i.CustomerId) // != 0: the filtered covering index
            .Select(g => new { CustomerId = g.Key, Balance = g.Sum(i => i.OpenMinor), Oldest = g.Min(i => i.OpenMinor > i.DisputedMinor ? (DateOnly?)i.DueDate : null) })
            .ToDictionaryAsync(x => x.CustomerId, ct);
        var pending = (await db.CreditHoldRequests.Where(r => r.Status == CreditHoldRequestStatus.Pending).Select(r => r.CustomerId).ToListAsync(ct)).ToHashSet();
        var threshold = options.Value.CreditHoldDaysPastDue;
        // With a limit or on hold, and also those with no limit whose oldest undisputed invoice is late beyond the threshold.
        var late = open.Values.Where(o => o.Oldest is { } due && today.DayNumber - due.DayNumber > threshold).Select(o => o.CustomerId).ToHashSet();
        var customers = (await db.Customers.AsNoTracking().Where(c => c.CreditHold || c.CreditLimitMinor != null)
            .Select(c => new { c.Id, c.Number, c.Name, c.CurrencyCode, c.CreditLimitMinor, c.CreditHold }).ToListAsync(ct)).ToList();
        var known = customers.Select(c => c.Id).ToHashSet();
        foreach (var chunk in late.Where(id => !known.Contains(id)).Chunk(5_000))
            customers.AddRange(await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Name, c.CurrencyCode, c.CreditLimitMinor, c.CreditHold }).ToListAsync(ct));
        return customers.Select(c =>
            {
                var o = open.GetValueOrDefault(c.Id);
                var balance = o?.Balance ?? 0;
                var oldest = o?.Oldest is { } due && due < today ? today.DayNumber - due.DayNumber : 0;
                return new CreditPosition(c.Id, c.Number, c.Name, Currency.Parse(c.CurrencyCode), balance, c.CreditLimitMinor, CreditReview.Utilisation(balance, c.CreditLimitMinor),
                    oldest, c.CreditHold, CreditReview.Suggest(balance, c.CreditLimitMinor, oldest, c.CreditHold, threshold), pending.Contains(c.Id));
            })
            .Where(p => p.Suggestion != CreditSuggestion.None || p.OnHold || p.Utilisation >= 80 || p.RequestPending)
            .OrderByDescending(p => p.RequestPending).ThenByDescending(p => p.Suggestion != CreditSuggestion.None).ThenByDescending(p => p.Utilisation ?? 0).ThenBy(p => p.Name)
            .ToList();
    }

    /// <summary>Asks to place or release a hold; a manager's own request is approved at once (<paramref name="approveNow"/>).</summary>
    public Task<StepResult> RequestAsync(long customerId, bool place, string reason, bool approveNow, CancellationToken ct = default) =>
        steps.RunAsync(place ? "credit.hold.request" : "credit.release.request", async () =>
        {
            var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new KeyNotFoundException();
            if (await db.CreditHoldRequests.AnyAsync(r => r.CustomerId == customerId && r.Status == CreditHoldRequestStatus.Pending, ct))
                throw new DomainRefusal("A credit hold request for this customer is already waiting for a manager.");
            var at = clock.GetUtcNow().UtcDateTime;
            var request = CreditHoldRequest.Request(customer, place, reason, actor.Name, at);
            db.CreditHoldRequests.Add(request);
            if (approveNow) request.Approve(actor.Name, at);
            return (customerId, approveNow ? (place ? $"{customer.Name} is on credit hold." : $"{customer.Name}'s credit hold is released.")
                : $"Request to {(place ? "place" : "release")} the hold sent to a manager.");
        }, "No such customer.", ChangedMeanwhile, null, ct);

    public Task<StepResult> DecideAsync(long requestId, bool approve, string? reason, CancellationToken ct = default) =>
        steps.RunAsync(approve ? "credit.request.approve" : "credit.request.decline", async () =>
        {
            var request = await db.CreditHoldRequests.Include(r => r.Customer).SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new KeyNotFoundException();
            var at = clock.GetUtcNow().UtcDateTime;
            if (approve) request.Approve(actor.Name, at);
            else request.Decline(actor.Name, reason ?? "", at);
            return (request.CustomerId, approve ? (request.Place ? $"{request.Customer!.Name} is on credit hold." : $"{request.Customer!.Name}'s credit hold is released.") : "Request declined.");
        }, "No such request.", ChangedMeanwhile, null, ct);
}
