using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Infrastructure.Collections;

/// <summary>
/// Reads each customer's payment behaviour for <see cref="RiskScore"/>: how late and how often late the
/// invoices settled in the last year were (settled on the date of their last receivable credit), broken
/// promises, and today's past-due share and oldest past-due invoice. The nightly refresh stores every
/// customer's score for the worklist; the customer page computes one live, inputs shown.
/// </summary>
public sealed class RiskScoring(PayPortalDbContext db, PaymentHistory history)
{
    private const int Batch = 5_000;

    public async Task<RiskScore> ForCustomerAsync(long customerId, DateOnly today, CancellationToken ct = default) =>
        RiskScore.From((await InputsAsync(today, customerId, ct)).GetValueOrDefault(customerId, new RiskInputs(0, 0, 0, 0, 0)));

    /// <summary>Scores every customer and stores the scores (a bulk update, not an audited edit: it is derived data). Returns how many were scored.</summary>
    public async Task<int> RefreshAllAsync(DateOnly today, CancellationToken ct = default)
    {
        var inputs = await InputsAsync(today, null, ct);
        var allIds = await db.Customers.Select(c => c.Id).ToListAsync(ct);
        var scores = allIds.ToDictionary(id => id, id => RiskScore.From(inputs.GetValueOrDefault(id, new RiskInputs(0, 0, 0, 0, 0))).Score);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        foreach (var group in scores.GroupBy(s => s.Value))
        {
            foreach (var ids in group.Select(s => s.Key).Chunk(Batch))
                await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.RiskScore, group.Key), ct);
        }
        await transaction.CommitAsync(ct);
        return scores.Count;
    }

    private async Task<Dictionary<long, RiskInputs>> InputsAsync(DateOnly today, long? customerId, CancellationToken ct)
    {
        var yearAgo = today.AddDays(-365);
        var settled = await history.SettledAsync(yearAgo, today, customerId, ct);
        var open = db.Invoices.AsNoTracking().Where(i => i.OpenMinor > 0);
        if (customerId is { } c1) open = open.Where(i => i.CustomerId == c1);
        var balances = await open.GroupBy(i => i.CustomerId)
            .Select(g => new { CustomerId = g.Key, Total = g.Sum(i => i.OpenMinor), PastDue = g.Where(i => i.DueDate < today).Sum(i => i.OpenMinor), Oldest = g.Min(i => i.DueDate) })
            .ToListAsync(ct);
        var promises = db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Broken && p.ResolvedOn >= yearAgo);
        if (customerId is { } c2) promises = promises.Where(p => p.CustomerId == c2);
        var broken = await promises.GroupBy(p => p.CustomerId).Select(g => new { CustomerId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.CustomerId, x => x.Count, ct);

        var paidBehaviour = settled.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g =>
        {
            var late = g.Select(s => Math.Max(0, s.DaysLate)).ToList();
            return (Average: (decimal)late.Average(), Share: late.Count(d => d > 0) / (decimal)late.Count);
        });
        var balanceOf = balances.ToDictionary(b => b.CustomerId);
        var ids = paidBehaviour.Keys.Concat(balanceOf.Keys).Concat(broken.Keys).Distinct();
        return ids.ToDictionary(id => id, id =>
        {
            var (average, share) = paidBehaviour.GetValueOrDefault(id);
            var balance = balanceOf.GetValueOrDefault(id);
            var pastDueShare = balance is { Total: > 0 } ? (decimal)balance.PastDue / balance.Total : 0;
            var oldest = balance is not null && balance.Oldest < today ? today.DayNumber - balance.Oldest.DayNumber : 0;
            return new RiskInputs(Math.Round(average, 1), Math.Round(share, 2), broken.GetValueOrDefault(id), Math.Round(pastDueShare, 2), oldest);
        });
    }
}
