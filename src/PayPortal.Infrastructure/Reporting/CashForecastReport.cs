using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Plans;
using PayPortal.Domain.Reporting;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>A currency's forecast from a date, and (for a forecast made in the past) what actually came in each week.</summary>
public sealed record CashForecastResult(Currency Currency, WeeklyForecast Forecast, long[]? ActualMinor, int CustomersWithHistory, decimal EveryoneAverageDaysLate);

/// <summary>
/// Expected collections per week for the next 13 weeks. Each open invoice (less any disputed part) is expected on
/// its due date moved by its customer's average days late over the invoices they settled in the year before
/// (everyone's average for a customer with fewer than three). Invoices in an active plan are expected as the
/// plan's unpaid installments instead, and an open promise to pay brings that much forward to its date.
/// A forecast "as of" a past date is rebuilt from the ledger as it stood then (plans and promises aside)
/// and set beside the payments actually received in each of its weeks.
/// </summary>
public sealed class CashForecastReport(PayPortalDbContext db, LedgerAging aging, PaymentHistory history, TimeProvider clock)
{
    public async Task<IReadOnlyList<CashForecastResult>> ForecastAsync(DateOnly start, CancellationToken ct = default)
    {
        var today = clock.Today();
        var live = start >= today;
        var open = await aging.InvoicesAsync(start, ct: ct);
        var settled = await history.SettledAsync(start.AddDays(-365), start.AddDays(-1), ct: ct);
        var paceOf = settled.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(s => s.DaysLate).ToList());
        var everyone = settled.Count == 0 ? 0m : Math.Round((decimal)settled.Average(s => s.DaysLate), 1);

        var everyonesPace = WeeklyForecast.Pace([], everyone);
        var pace = paceOf.ToDictionary(p => p.Key, p => WeeklyForecast.Pace(p.Value, everyone));
        var receipts = new List<(string Currency, long CustomerId, ExpectedReceipt Receipt)>();
        foreach (var i in open)
        {
            var expected = i.OpenMinor - i.DisputedMinor - (live ? i.InPlanMinor : 0);
            if (expected <= 0) continue;
            var on = i.DueDate.AddDays(pace.GetValueOrDefault(i.CustomerId, everyonesPace));
            receipts.Add((i.Currency.Code, i.CustomerId, new ExpectedReceipt(on, expected)));
        }
        if (live)
        {
            receipts.AddRange(await PlanInstallmentsAsync(ct));
            await BringPromisesForwardAsync(receipts, ct);
        }

        var actual = live ? null : await ReceivedPerWeekAsync(start, ct);
        // Every currency with something expected or (looking back) something received.
        var currencies = receipts.Select(r => r.Currency).Concat(actual?.Keys ?? Enumerable.Empty<string>()).Distinct()
            .OrderByDescending(c => receipts.Count(r => r.Currency == c)).ThenBy(c => c, StringComparer.Ordinal);
        return currencies.Select(code => new CashForecastResult(
            Currency.Parse(code), WeeklyForecast.Project(start, receipts.Where(r => r.Currency == code).Select(r => r.Receipt)),
            actual is null ? null : actual.GetValueOrDefault(code) ?? new long[WeeklyForecast.Weeks],
            paceOf.Count(p => p.Value.Count >= 3), everyone)).ToList();
    }

    // The unpaid part of each active plan's installments, in order: what the plan's invoices already received counts toward the first ones.
    private async Task<IEnumerable<(string, long, ExpectedReceipt)>> PlanInstallmentsAsync(CancellationToken ct)
    {
        var plans = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).Where(p => p.Status == PlanStatus.Active).ToListAsync(ct);
        var openOf = await db.PaymentPlans.Where(p => p.Status == PlanStatus.Active)
            .Select(p => new { p.Id, Open = p.Invoices.Sum(i => i.Invoice!.OpenMinor) }).ToDictionaryAsync(x => x.Id, x => x.Open, ct);
        var result = new List<(string, long, ExpectedReceipt)>();
        foreach (var plan in plans)
        {
            var paid = plan.PaidMinor(openOf.GetValueOrDefault(plan.Id));
            foreach (var installment in plan.Installments.OrderBy(i => i.Number))
            {
                var covered = Math.Min(paid, installment.AmountMinor);
                paid -= covered;
                if (installment.AmountMinor - covered > 0)
                    result.Add((plan.CurrencyCode, plan.CustomerId, new ExpectedReceipt(installment.DueDate, installment.AmountMinor - covered)));
            }
        }
        return result;
    }

    // A promise says when that much will come: it is taken off the customer's expected receipts, earliest first, and expected on its date.
    private async Task BringPromisesForwardAsync(List<(string Currency, long CustomerId, ExpectedReceipt Receipt)> receipts, CancellationToken ct)
    {
        var promises = await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Open).ToListAsync(ct);
        if (promises.Count == 0) return;
        var byCustomer = receipts.Select((r, i) => (r, i)).ToLookup(x => (x.r.CustomerId, x.r.Currency), x => x.i);
        foreach (var promise in promises)
        {
            var left = promise.AmountMinor;
            var moved = 0L;
            foreach (var index in byCustomer[(promise.CustomerId, promise.CurrencyCode)].OrderBy(i => receipts[i].Receipt.On))
            {
                if (left == 0) break;
                var r = receipts[index];
                var take = Math.Min(left, r.Receipt.AmountMinor);
                receipts[index] = r with { Receipt = r.Receipt with { AmountMinor = r.Receipt.AmountMinor - take } };
                left -= take;
                moved += take;
            }
            if (moved > 0) receipts.Add((promise.CurrencyCode, promise.CustomerId, new ExpectedReceipt(promise.DueOn, moved)));
        }
    }

    private async Task<Dictionary<string, long[]>> ReceivedPerWeekAsync(DateOnly start, CancellationToken ct)
    {
        var end = start.AddDays(7 * WeeklyForecast.Weeks - 1);
        var days = await db.Payments.AsNoTracking().Where(p => p.IsReceived && p.ReceivedOn >= start && p.ReceivedOn <= end)
            .GroupBy(p => new { p.CurrencyCode, p.ReceivedOn }).Select(g => new { g.Key.CurrencyCode, g.Key.ReceivedOn, Sum = g.Sum(p => p.AmountMinor) }).ToListAsync(ct);
        return days.GroupBy(d => d.CurrencyCode).ToDictionary(g => g.Key, g =>
        {
            var weeks = new long[WeeklyForecast.Weeks];
            foreach (var d in g) weeks[(d.ReceivedOn.DayNumber - start.DayNumber) / 7] += d.Sum;
            return weeks;
        });
    }
}
