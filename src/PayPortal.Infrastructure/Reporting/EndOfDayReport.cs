using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>A line of the end-of-day report: what, for whom, how much; <see cref="Count"/> things (emails are counted per kind).</summary>
public sealed record DayLine(string Section, string Customer, string Detail, Money? Amount, long? CustomerId = null, int Count = 1);

/// <summary>The day in sections, each line in order, and a count and totals per currency for each section.</summary>
public sealed record DayReport(DateOnly Day, IReadOnlyList<DayLine> Lines)
{
    public static readonly string[] Sections = ["Receipts", "Applications", "New disputes", "Promises due", "Broken promises", "Plans broken", "Emails sent"];

    public IEnumerable<DayLine> In(string section) => Lines.Where(l => l.Section == section);

    public IEnumerable<Money> Totals(string section) =>
        In(section).Where(l => l.Amount is not null).GroupBy(l => l.Amount!.Value.Currency).Select(g => new Money(g.Sum(l => l.Amount!.Value.Minor), g.Key));
}

/// <summary>
/// The specialist's end of day: the day's receipts and applications (reversals included, as negatives), new disputes,
/// promises due that day and promises broken that day, plans broken, and emails sent. Business days are UTC dates.
/// </summary>
public sealed class EndOfDayReport(PayPortalDbContext db)
{
    public async Task<DayReport> ForDayAsync(DateOnly day, CancellationToken ct = default)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var lines = new List<DayLine>();
        static Money M(long minor, string code) => new(minor, Currency.Parse(code));

        foreach (var p in await db.Payments.AsNoTracking().Where(p => p.IsReceived && p.ReceivedOn == day).OrderBy(p => p.Id)
                     .Select(p => new { p.CustomerId, p.Customer!.Name, p.Method, p.Reference, p.AmountMinor, p.CurrencyCode, p.IsTest }).ToListAsync(ct))
            lines.Add(new("Receipts", p.Name, $"{p.Method}{(p.Reference is null ? "" : " " + p.Reference)}{(p.IsTest ? " (test money)" : "")}", M(p.AmountMinor, p.CurrencyCode), p.CustomerId));
        foreach (var a in await db.Allocations.AsNoTracking().Where(a => a.AppliedOn == day).OrderBy(a => a.Id)
                     .Select(a => new { a.Invoice!.CustomerId, a.Invoice.Customer!.Name, a.Invoice.Number, a.Kind, a.AmountMinor, a.Invoice.CurrencyCode, a.Rule }).ToListAsync(ct))
            lines.Add(new("Applications", a.Name, $"{a.Kind} to {a.Number}{(a.Rule is null ? "" : $" ({a.Rule})")}", M(a.AmountMinor, a.CurrencyCode), a.CustomerId));
        foreach (var a in await db.Allocations.AsNoTracking().Where(a => a.ReversedAt >= start && a.ReversedAt < end).OrderBy(a => a.Id)
                     .Select(a => new { a.Invoice!.CustomerId, a.Invoice.Customer!.Name, a.Invoice.Number, a.AmountMinor, a.Invoice.CurrencyCode }).ToListAsync(ct))
            lines.Add(new("Applications", a.Name, $"Reversed on {a.Number}", M(-a.AmountMinor, a.CurrencyCode), a.CustomerId));
        foreach (var d in await db.Disputes.AsNoTracking().Where(d => d.OpenedAt >= start && d.OpenedAt < end).OrderBy(d => d.Id)
                     .Select(d => new { d.CustomerId, d.Customer!.Name, d.Invoice!.Number, d.Reason, d.AmountMinor, d.Invoice.CurrencyCode }).ToListAsync(ct))
            lines.Add(new("New disputes", d.Name, $"{d.Number}: {d.Reason}", M(d.AmountMinor, d.CurrencyCode), d.CustomerId));
        foreach (var p in await db.Promises.AsNoTracking().Where(p => p.DueOn == day).OrderBy(p => p.Id)
                     .Select(p => new { p.CustomerId, p.Customer!.Name, p.Status, p.AmountMinor, p.CurrencyCode, p.RecordedBy }).ToListAsync(ct))
            lines.Add(new("Promises due", p.Name, $"{p.Status} (taken by {p.RecordedBy})", M(p.AmountMinor, p.CurrencyCode), p.CustomerId));
        foreach (var p in await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Broken && p.ResolvedOn == day).OrderBy(p => p.Id)
                     .Select(p => new { p.CustomerId, p.Customer!.Name, p.DueOn, p.PaidMinor, p.AmountMinor, p.CurrencyCode }).ToListAsync(ct))
            lines.Add(new("Broken promises", p.Name, $"Due {p.DueOn:yyyy-MM-dd}, paid {M(p.PaidMinor, p.CurrencyCode)}", M(p.AmountMinor, p.CurrencyCode), p.CustomerId));
        foreach (var p in await db.PaymentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Broken && p.ClosedAt >= start && p.ClosedAt < end).OrderBy(p => p.Id)
                     .Select(p => new { p.CustomerId, p.Customer!.Name, p.Id, p.TotalMinor, p.CurrencyCode }).ToListAsync(ct))
            lines.Add(new("Plans broken", p.Name, $"Plan #{p.Id}", M(p.TotalMinor, p.CurrencyCode), p.CustomerId));
        foreach (var m in await db.Outbox.AsNoTracking().Where(m => m.SentAt >= start && m.SentAt < end).GroupBy(m => m.Kind)
                     .Select(g => new { Kind = g.Key, Count = g.Count() }).OrderBy(g => g.Kind).ToListAsync(ct))
            lines.Add(new("Emails sent", "", $"{m.Count} {m.Kind}", null, Count: m.Count));
        return new DayReport(day, lines);
    }
}
