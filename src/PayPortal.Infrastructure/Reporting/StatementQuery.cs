using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Reporting;

/// <summary>Reads what a customer's statement needs straight from the ledger (so any past period shows what was owed then).</summary>
public sealed class StatementQuery(PayPortalDbContext db)
{
    private static readonly LedgerAccount[] CustomerSide = [LedgerAccount.Receivable, LedgerAccount.UnappliedCash, LedgerAccount.CustomerCredit];

    public async Task<Statement> ForCustomerAsync(long customerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var currency = Currency.Parse(await db.Customers.Where(c => c.Id == customerId).Select(c => c.CurrencyCode).SingleAsync(ct));
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId && CustomerSide.Contains(e.Account));
        var opening = await entries.Where(e => e.OccurredOn < from).SumAsync(e => e.AmountMinor, ct);
        var movements = await AsMovements(NetPerJournal(entries.Where(e => e.OccurredOn >= from && e.OccurredOn <= to))).ToListAsync(ct);
        var openAtEnd = await entries.Where(e => e.Account == LedgerAccount.Receivable && e.OccurredOn <= to && e.InvoiceId != null)
            .GroupBy(e => e.InvoiceId)
            .Select(g => new { InvoiceId = g.Key, Open = g.Sum(e => e.AmountMinor) })
            .Where(g => g.Open != 0)
            .Join(db.Invoices, g => g.InvoiceId, i => i.Id, (g, i) => new OpenAtDate(i.DueDate, g.Open))
            .ToListAsync(ct);
        return Statement.Build(currency, from, to, opening, movements, openAtEnd);
    }

    /// <summary>The customer's latest movements, newest first: just those, without a statement's balances and aging.</summary>
    public async Task<IReadOnlyList<StatementMovement>> RecentAsync(long customerId, int count, CancellationToken ct = default) =>
        await AsMovements(NetPerJournal(db.LedgerEntries.AsNoTracking().Where(e => e.CustomerId == customerId && CustomerSide.Contains(e.Account)))
            .OrderByDescending(x => x.Journal.OccurredOn).ThenByDescending(x => x.Journal.Id).Take(count)).ToListAsync(ct);

    // A member-init shape (not a record constructor) so that SQL can still order and page it.
    private sealed class JournalNet
    {
        public required Journal Journal { get; init; }
        public required long Net { get; init; }
    }

    // Each journal's net effect on what the customer owes; journals that only move money inside the account net to zero.
    private IQueryable<JournalNet> NetPerJournal(IQueryable<LedgerEntry> entries) =>
        entries.GroupBy(e => e.JournalId)
            .Select(g => new { JournalId = g.Key, Net = g.Sum(e => e.AmountMinor) })
            .Where(g => g.Net != 0)
            .Join(db.Journals, g => g.JournalId, j => j.Id, (g, j) => new JournalNet { Journal = j, Net = g.Net });

    private static IQueryable<StatementMovement> AsMovements(IQueryable<JournalNet> rows) =>
        rows.Select(x => new StatementMovement(x.Journal.OccurredOn, x.Journal.Id, x.Journal.Kind, x.Journal.Description, x.Net, x.Journal.IsTest));
}
