using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>An invoice paid in full: when it was due and when it was settled (its last receivable credit in the ledger).</summary>
public sealed record SettledInvoice(long CustomerId, string CurrencyCode, DateOnly DueDate, DateOnly SettledOn, long TotalMinor)
{
    public int DaysLate => SettledOn.DayNumber - DueDate.DayNumber;
}

/// <summary>How customers have paid: the invoices settled in a window, read from the ledger. Risk scores and the cash forecast learn from it.</summary>
public sealed class PaymentHistory(PayPortalDbContext db)
{
    public async Task<IReadOnlyList<SettledInvoice>> SettledAsync(DateOnly from, DateOnly to, long? customerId = null, CancellationToken ct = default)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.InvoiceId != null && e.Account == LedgerAccount.Receivable && e.OccurredOn <= to);
        if (customerId is { } one) entries = entries.Where(e => e.CustomerId == one);
        // Settled by `to`: nothing owed on it then (a payment reversed and made again counts once), on the day of its last credit.
        return await entries.GroupBy(e => e.InvoiceId)
            .Select(g => new { InvoiceId = g.Key!.Value, SettledOn = g.Max(e => e.AmountMinor < 0 ? (DateOnly?)e.OccurredOn : null), Balance = g.Sum(e => e.AmountMinor) })
            .Where(g => g.Balance == 0 && g.SettledOn >= from)
            .Join(db.Invoices.Where(i => i.Status == InvoiceStatus.Paid || i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid),
                g => g.InvoiceId, i => i.Id, (g, i) => new { i.CustomerId, i.CurrencyCode, i.DueDate, SettledOn = g.SettledOn!.Value, i.TotalMinor })
            .Select(x => new SettledInvoice(x.CustomerId, x.CurrencyCode, x.DueDate, x.SettledOn, x.TotalMinor))
            .ToListAsync(ct);
    }
}
