using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>Builds the matching engine from what is open now: every open invoice, every customer and the payer aliases learned so far.</summary>
public sealed class MatchingData(PayPortalDbContext db)
{
    public async Task<MatchingEngine> EngineAsync(MatchOptions options, CancellationToken ct)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.OpenMinor > 0)
            .Select(i => new { i.Id, i.Number, i.CustomerId, i.CurrencyCode, i.OpenMinor, i.TotalMinor, i.DiscountPercent, i.DiscountDeadline, i.DueDate })
            .ToListAsync(ct);
        // As Invoice.EarlyPaymentDiscountOn: only on an untouched invoice; the engine checks each line's date against the deadline.
        var items = invoices.Select(i => new OpenItem(i.Id, i.Number ?? "", i.CustomerId, i.CurrencyCode, i.OpenMinor,
            i.DiscountDeadline is not null && i.OpenMinor == i.TotalMinor && i.DiscountPercent > 0
                ? new Money(i.OpenMinor, Currency.Parse(i.CurrencyCode)).Percent(i.DiscountPercent).Minor : 0,
            i.DueDate, i.DiscountDeadline));
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var aliases = (await db.PayerAliases.AsNoTracking().ToListAsync(ct)).ToLookup(a => a.CustomerId);
        var payers = customers.Select(c => new PayerProfile(c.Id, c.Name,
            aliases[c.Id].Where(a => a.AccountKey is not null).Select(a => a.AccountKey!).ToList(),
            aliases[c.Id].Where(a => a.NameKey is not null).Select(a => a.NameKey!).ToList()));
        return new MatchingEngine(items, payers, options);
    }
}
