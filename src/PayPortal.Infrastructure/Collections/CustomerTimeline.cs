using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>One thing that happened on an account. <see cref="Kind"/>: invoice, payment, dispute, email, letter, call, note, promise, task.</summary>
public sealed record TimelineEvent(DateTime At, string Kind, string Text, string? By, long? InvoiceId = null, long? DisputeId = null);

/// <summary>The customer 360's timeline: invoices, payments, disputes, emails and letters, calls and notes, promises and call tasks, newest first.</summary>
public sealed class CustomerTimeline(PayPortalDbContext db)
{
    public async Task<IReadOnlyList<TimelineEvent>> LatestAsync(long customerId, int count, CancellationToken ct = default)
    {
        var events = new List<TimelineEvent>();
        var currency = Currency.Parse(await db.Customers.Where(c => c.Id == customerId).Select(c => c.CurrencyCode).SingleAsync(ct));
        string M(long minor) => new Money(minor, currency).ToString();

        foreach (var i in await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.PostedAt != null).OrderByDescending(i => i.PostedAt).Take(count)
                     .Select(i => new { i.Id, i.Number, i.PostedAt, i.TotalMinor, i.DueDate }).ToListAsync(ct))
            events.Add(new(i.PostedAt!.Value, "invoice", $"Invoice {i.Number} posted: {M(i.TotalMinor)}, due {i.DueDate:yyyy-MM-dd}", null, InvoiceId: i.Id));
        foreach (var p in await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId && p.IsReceived).OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).Take(count)
                     .Select(p => new { p.ReceivedOn, p.AmountMinor, p.Method, p.Reference }).ToListAsync(ct))
            events.Add(new(p.ReceivedOn.ToDateTime(TimeOnly.MinValue), "payment", $"Payment received: {M(p.AmountMinor)} by {p.Method}{(p.Reference is null ? "" : $" ({p.Reference})")}", null));
        foreach (var d in await db.Disputes.AsNoTracking().Where(d => d.CustomerId == customerId).OrderByDescending(d => d.OpenedAt).Take(count)
                     .Select(d => new { d.Id, d.OpenedAt, d.ClosedAt, d.AmountMinor, d.Status, Number = d.Invoice!.Number, d.InvoiceId }).ToListAsync(ct))
        {
            events.Add(new(d.OpenedAt, "dispute", $"Dispute on invoice {d.Number} opened: {M(d.AmountMinor)}", null, d.InvoiceId, d.Id));
            if (d.ClosedAt is { } closed) events.Add(new(closed, "dispute", $"Dispute on invoice {d.Number} closed: {d.Status}", null, d.InvoiceId, d.Id));
        }
        foreach (var e in await db.CommunicationLog.AsNoTracking().Where(e => e.CustomerId == customerId).OrderByDescending(e => e.At).Take(count).ToListAsync(ct))
            events.Add(new(e.At, e.Channel, e.Summary, e.By));
        foreach (var p in await db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId).OrderByDescending(p => p.RecordedAt).Take(count).ToListAsync(ct))
        {
            events.Add(new(p.RecordedAt, "promise", $"Promise to pay {M(p.AmountMinor)} by {p.DueOn:yyyy-MM-dd}", p.RecordedBy));
            if (p.ResolvedOn is { } on)
                events.Add(new(on.ToDateTime(TimeOnly.MinValue), "promise", $"Promise of {M(p.AmountMinor)} by {p.DueOn:yyyy-MM-dd} {p.Status.ToString().ToLowerInvariant()} (paid {M(p.PaidMinor)})", null));
        }
        foreach (var t in await db.DunningNotices.AsNoTracking().Where(n => n.CustomerId == customerId && n.Action == DunningAction.CallTask)
                     .GroupBy(n => new { n.RunOn, n.OffsetDays, n.At }).OrderByDescending(g => g.Key.At).Take(count)
                     .Select(g => new { g.Key.At, g.Key.OffsetDays, Count = g.Count(), Open = g.Count(n => n.CompletedAt == null) }).ToListAsync(ct))
            events.Add(new(t.At, "task", $"Dunning asked for a call ({DunningStep.OffsetText(t.OffsetDays)}, {t.Count} invoice(s)){(t.Open > 0 ? "" : ": done")}", null));
        return events.OrderByDescending(e => e.At).Take(count).ToList();
    }
}
