using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Reporting;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>One month of the trend: receivables at its end, credit sales and bad debt in it, and that month's DSO.</summary>
public sealed record KpiMonth(DateOnly Month, long ClosingReceivables, long Sales, long BadDebt, decimal? Dso);

public sealed record KpiResult(Currency Currency, KpiInputs Inputs, ArKpis Kpis, IReadOnlyList<KpiMonth> Trend);

/// <summary>
/// The receivables KPIs of a period, per currency, and their monthly trend. Receivables come from the
/// ledger (the receivable account up to a date); credit sales are invoices posted on their issue date less
/// invoices voided on the day of the void; "current" is the aging's not-yet-due bucket on the last day; bad debt
/// is the ledger's bad-debt account (write-offs less recoveries).
/// </summary>
public sealed class KpiReport(PayPortalDbContext db, LedgerAging aging)
{
    public async Task<IReadOnlyList<KpiResult>> ForPeriodAsync(DateOnly from, DateOnly to, int trendMonths = 12, CancellationToken ct = default)
    {
        if (to < from) throw new DomainRefusal("The period ends before it starts.");
        var trendStart = new DateOnly(to.Year, to.Month, 1).AddMonths(-(trendMonths - 1));
        var firstMonth = from < trendStart ? new DateOnly(from.Year, from.Month, 1) : trendStart;

        // One pass over the ledger for receivables and bad debt, every day up to `to`.
        var movements = await MovementsAsync(to, ct);
        var before = movements.Where(m => m.Account == LedgerAccount.Receivable && m.Day < firstMonth)
            .GroupBy(m => m.CurrencyCode).ToDictionary(g => g.Key, g => g.Sum(m => m.Sum));
        var daily = movements.Where(m => m.Account == LedgerAccount.Receivable && m.Day >= firstMonth).ToList();
        // Grouped over the whole table and filtered after: a date range here makes SQLite skip-scan an index with a lookup per invoice.
        var posted = (await db.Invoices.AsNoTracking().Where(i => i.PostedAt != null)
            .GroupBy(i => new { i.CurrencyCode, i.IssueDate }).Select(g => new { g.Key.CurrencyCode, Day = g.Key.IssueDate, Sum = g.Sum(i => i.TotalMinor) }).ToListAsync(ct))
            .Where(p => p.Day >= firstMonth && p.Day <= to).ToList();
        var voidFrom = firstMonth.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var voidTo = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var voided = (await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Void && i.VoidedAt >= voidFrom && i.VoidedAt < voidTo)
            .Select(i => new { i.CurrencyCode, i.VoidedAt, i.TotalMinor }).ToListAsync(ct))
            .Select(v => new { v.CurrencyCode, Day = DateOnly.FromDateTime(v.VoidedAt!.Value), Sum = -v.TotalMinor });
        // Bad debt from the ledger: write-offs less what was recovered later.
        var writeOffs = movements.Where(m => m.Account == LedgerAccount.BadDebt && m.Day >= firstMonth).ToList();
        var current = (await aging.SummaryAsync(to, ct: ct)).Totals.ToDictionary(t => t.Currency.Code, t => t.BucketMinor[0]);

        var sales = posted.Concat(voided).ToList();
        var currencies = before.Keys.Concat(daily.Select(d => d.CurrencyCode)).Distinct()
            .OrderByDescending(c => daily.Count(d => d.CurrencyCode == c)).ThenBy(c => c, StringComparer.Ordinal);
        return currencies.Select(code =>
        {
            var opening0 = before.GetValueOrDefault(code);
            long BalanceAt(DateOnly day) => opening0 + daily.Where(d => d.CurrencyCode == code && d.Day <= day).Sum(d => d.Sum);
            long SalesIn(DateOnly start, DateOnly end) => sales.Where(s => s.CurrencyCode == code && s.Day >= start && s.Day <= end).Sum(s => s.Sum);

            var months = new List<KpiMonth>();
            for (var month = trendStart; month <= to; month = month.AddMonths(1))
            {
                var end = Min(month.AddMonths(1).AddDays(-1), to);
                var closing = BalanceAt(end);
                var monthSales = SalesIn(month, end);
                var days = end.DayNumber - month.DayNumber + 1;
                months.Add(new KpiMonth(month, closing, monthSales, writeOffs.Where(w => w.CurrencyCode == code && w.Day >= month && w.Day <= end).Sum(w => w.Sum),
                    ArKpis.DaysOfSales(closing, monthSales, days)));
            }
            // Countback months: from the month of `to` back through the trend's months (before the period too, as countback needs).
            var countback = new List<(int, long)>();
            for (var month = new DateOnly(to.Year, to.Month, 1); month >= firstMonth; month = month.AddMonths(-1))
            {
                var start = month;
                var end = Min(month.AddMonths(1).AddDays(-1), to);
                countback.Add((end.DayNumber - start.DayNumber + 1, SalesIn(start, end)));
            }
            var inputs = new KpiInputs(from, to, BalanceAt(from.AddDays(-1)), BalanceAt(to), current.GetValueOrDefault(code), SalesIn(from, to), countback);
            return new KpiResult(Currency.Parse(code), inputs, ArKpis.From(inputs), months);
        }).ToList();
    }

    private sealed record Movement(LedgerAccount Account, string CurrencyCode, DateOnly Day, long Sum);

    // Receivable and bad-debt movements per currency and day. Entries have no index on currency, so with one currency in use
    // (the usual case) only account and day are grouped, which the covering index on (invoice, account, date, amount) answers.
    private async Task<IReadOnlyList<Movement>> MovementsAsync(DateOnly to, CancellationToken ct)
    {
        var entries = db.LedgerEntries.AsNoTracking()
            .Where(e => e.InvoiceId != null && (e.Account == LedgerAccount.Receivable || e.Account == LedgerAccount.BadDebt) && e.OccurredOn <= to);
        var currencies = await db.Customers.Select(c => c.CurrencyCode).Distinct().ToListAsync(ct);
        if (currencies.Count == 1)
        {
            var code = currencies[0];
            return (await entries.GroupBy(e => new { e.Account, e.OccurredOn }).Select(g => new { g.Key.Account, Day = g.Key.OccurredOn, Sum = g.Sum(e => e.AmountMinor) }).ToListAsync(ct))
                .Select(g => new Movement(g.Account, code, g.Day, g.Sum)).ToList();
        }
        return await entries.GroupBy(e => new { e.Account, e.CurrencyCode, e.OccurredOn })
            .Select(g => new Movement(g.Key.Account, g.Key.CurrencyCode, g.Key.OccurredOn, g.Sum(e => e.AmountMinor))).ToListAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
