using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

public sealed record WorklistRow(long CustomerId, string Number, string Name, Currency Currency, long PastDueMinor, int OldestDaysPastDue, int RecentBrokenPromises,
    int? RiskScore, int Priority, string? CollectorUserId, string? CollectorName, string NextAction, DateOnly NextActionOn, DateOnly? PromiseDueOn, bool CreditHold);

/// <summary>Which accounts the worklist shows: "todo" (past due, no open promise), "promised" (an open promise), or "all".</summary>
public enum WorklistView { ToDo, Promised, All }

/// <summary>
/// The collector's worklist: every customer with money past due that is not disputed and not in an active
/// plan, ranked by <see cref="CollectionPriority"/> (amount and days past due, promises broken in the last
/// 90 days, risk score), with the next action and when it is due.
/// </summary>
public sealed class Worklist(PayPortalDbContext db)
{
    public async Task<(IReadOnlyList<WorklistRow> Rows, int Total)> ListAsync(DateOnly today, WorklistView view, string? collectorUserId, bool unassignedOnly,
        int page, int pageSize, CancellationToken ct = default)
    {
        var planned = db.PaymentPlans.Where(p => p.Status == PlanStatus.Active).SelectMany(p => p.Invoices).Select(pi => pi.InvoiceId);
        var overdue = await db.Invoices.AsNoTracking()
            .Where(i => i.OpenMinor != 0 && i.OpenMinor > i.DisputedMinor && i.DueDate < today && !planned.Contains(i.Id)) // != 0: the filtered covering index
            .GroupBy(i => i.CustomerId)
            .Select(g => new { CustomerId = g.Key, PastDue = g.Sum(i => i.OpenMinor - i.DisputedMinor), Oldest = g.Min(i => i.DueDate) })
            .ToListAsync(ct);
        var since = today.AddDays(-90);
        var broken = await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Broken && p.ResolvedOn >= since)
            .GroupBy(p => p.CustomerId).Select(g => new { CustomerId = g.Key, Count = g.Count(), Last = g.Max(p => p.ResolvedOn) })
            .ToDictionaryAsync(x => x.CustomerId, ct);
        var promised = await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Open)
            .ToDictionaryAsync(p => p.CustomerId, p => p.DueOn, ct);
        var calls = await db.DunningNotices.AsNoTracking().Where(n => n.Action == DunningAction.CallTask && n.CompletedAt == null)
            .GroupBy(n => n.CustomerId).Select(g => new { CustomerId = g.Key, Since = g.Min(n => n.RunOn) })
            .ToDictionaryAsync(x => x.CustomerId, x => x.Since, ct);

        var wanted = overdue.Where(o => view switch
        {
            WorklistView.ToDo => !promised.ContainsKey(o.CustomerId),
            WorklistView.Promised => promised.ContainsKey(o.CustomerId),
            _ => true,
        }).ToList();
        var customers = new Dictionary<long, (string Number, string Name, string Currency, int? Risk, string? CollectorId, string? Collector, DateOnly? Next, bool Hold)>();
        foreach (var batch in wanted.Select(o => o.CustomerId).Chunk(5_000))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => batch.Contains(c.Id))
                .Select(c => new { c.Id, c.Number, c.Name, c.CurrencyCode, c.RiskScore, c.CollectorUserId, c.CollectorName, c.NextActionOn, c.CreditHold }).ToListAsync(ct))
                customers[c.Id] = (c.Number, c.Name, c.CurrencyCode, c.RiskScore, c.CollectorUserId, c.CollectorName, c.NextActionOn, c.CreditHold);
        }

        var rows = wanted
            .Where(o => collectorUserId is null || customers[o.CustomerId].CollectorId == collectorUserId)
            .Where(o => !unassignedOnly || customers[o.CustomerId].CollectorId is null)
            .Select(o =>
            {
                var c = customers[o.CustomerId];
                var currency = Currency.Parse(c.Currency);
                var days = today.DayNumber - o.Oldest.DayNumber;
                var brokenCount = broken.TryGetValue(o.CustomerId, out var b) ? b.Count : 0;
                var (action, on) = NextAction(today, c.Next, calls.TryGetValue(o.CustomerId, out var call) ? call : null,
                    promised.TryGetValue(o.CustomerId, out var promiseDue) ? promiseDue : null, b?.Last);
                return new WorklistRow(o.CustomerId, c.Number, c.Name, currency, o.PastDue, days, brokenCount, c.Risk,
                    CollectionPriority.Score(new Money(o.PastDue, currency), days, brokenCount, c.Risk ?? 0),
                    c.CollectorId, c.Collector, action, on, promised.TryGetValue(o.CustomerId, out var p) ? p : null, c.Hold);
            })
            .OrderByDescending(r => r.Priority).ThenBy(r => r.NextActionOn).ThenByDescending(r => r.PastDueMinor).ThenBy(r => r.CustomerId)
            .ToList();
        return (rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), rows.Count);
    }

    // The first of: a call dunning asked for, a promise to check, the follow-up the collector set, a broken promise to chase; otherwise review today.
    private static (string Action, DateOnly On) NextAction(DateOnly today, DateOnly? followUp, DateOnly? callTask, DateOnly? promiseDue, DateOnly? brokenOn)
    {
        if (callTask is { } call) return ("Call (dunning step)", call);
        if (promiseDue is { } due) return ("Check the promise is kept", due);
        if (brokenOn is { } brokenDay && (followUp is null || followUp <= today)) return ("Chase the broken promise", brokenDay);
        if (followUp is { } follow) return ("Follow up", follow);
        return ("Review and contact", today);
    }
}
