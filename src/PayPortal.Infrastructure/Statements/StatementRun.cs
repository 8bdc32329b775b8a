using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Notices;
using PayPortal.Infrastructure.Adapters.Pdf;
using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Infrastructure.Statements;

/// <summary>That a customer's statement for a month was sent: one row per customer and month, the run's idempotency key.</summary>
public class StatementSend
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateTime SentAt { get; set; }
    public int Recipients { get; set; }
}

/// <summary>What a statement run did: customers sent to (or, dry, to send to), already sent, emails, and customers skipped for having no address.</summary>
public sealed record StatementRunResult(DateOnly From, DateOnly To, bool DryRun, int Customers, int AlreadySent, int Emails, IReadOnlyList<string> CustomerNumbers, int NoAddress = 0);

/// <summary>
/// The monthly statement run: every customer with a balance at the end of the month gets that month's
/// statement as PDF, emailed to their billing addresses and the contacts who take statements. Sent once per
/// customer and month, whatever happens (a unique key written with the emails); a dry run only counts.
/// </summary>
public sealed class StatementRun(PayPortalDbContext db, StatementQuery statements, Recipients recipients, NoticeMail notices, IPortalUrls links,
    IOptions<CompanyOptions> company, OutboxSignal outbox, TimeProvider clock)
{
    private const int CustomersPerTransaction = 50;

    public async Task<StatementRunResult> RunAsync(DateOnly anyDayOfMonth, bool dryRun, CancellationToken ct = default)
    {
        var from = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        if (to >= clock.Today()) throw new DomainRefusal($"The statement for {from:MMMM yyyy} can be sent once the month is over.");
        var withBalance = await db.LedgerEntries.AsNoTracking()
            .Where(e => (e.Account == LedgerAccount.Receivable || e.Account == LedgerAccount.UnappliedCash || e.Account == LedgerAccount.CustomerCredit) && e.OccurredOn <= to)
            .GroupBy(e => e.CustomerId).Select(g => new { CustomerId = g.Key, Balance = g.Sum(e => e.AmountMinor) }).Where(g => g.Balance != 0)
            .Select(g => g.CustomerId).ToListAsync(ct);
        var sent = (await db.StatementSends.Where(s => s.PeriodEnd == to).Select(s => s.CustomerId).ToListAsync(ct)).ToHashSet();
        var due = withBalance.Where(id => !sent.Contains(id)).Order().ToList();
        var numbers = new List<string>();
        var emails = 0;
        var noAddress = 0;
        if (!dryRun)
        {
            foreach (var batch in due.Chunk(CustomersPerTransaction))
            {
                // Statements and PDFs are made before taking the write lock; inside it, only the check and the inserts.
                var prepared = new List<(long Id, string Number, IReadOnlyList<string> To, string Closing, byte[] Pdf)>();
                foreach (var id in batch)
                {
                    var addresses = await recipients.BillingAsync(id, ct);
                    if (addresses.Count == 0)
                    {
                        noAddress++; // not recorded as sent: it goes out once the customer has an address
                        continue;
                    }
                    var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, c.Number }).SingleAsync(ct);
                    var statement = await statements.ForCustomerAsync(id, from, to, ct);
                    prepared.Add((id, customer.Number, addresses, statement.Closing.ToString(), StatementPdf.Render(company.Value, customer.Name, customer.Number, statement)));
                }
                await using var transaction = await WriteTransaction.BeginAsync(db, ct);
                var ids = prepared.Select(p => p.Id).ToList();
                var already = (await db.StatementSends.Where(s => s.PeriodEnd == to && ids.Contains(s.CustomerId)).Select(s => s.CustomerId).ToListAsync(ct)).ToHashSet();
                foreach (var p in prepared.Where(p => !already.Contains(p.Id)))
                {
                    var messages = notices.Queue(p.To, p.Id, "statement", $"Your statement for {from:MMMM yyyy}: {p.Closing} owed",
                        $"Your statement for {from:MMMM yyyy} is attached: {p.Closing} owed at the end of the month.\n\nYou can see your invoices and pay them in the portal.",
                        links.Statement(), "Open your statement");
                    foreach (var message in messages)
                        message.Attachments.Add(new OutboxAttachment { FileName = $"statement-{p.Number}-{from:yyyy-MM}.pdf", Content = p.Pdf });
                    db.StatementSends.Add(new StatementSend { CustomerId = p.Id, PeriodEnd = to, SentAt = clock.GetUtcNow().UtcDateTime, Recipients = p.To.Count });
                    emails += p.To.Count;
                    numbers.Add(p.Number);
                }
                using (db.Audit.Begin("statement.run")) await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
            }
            outbox.Notify();
        }
        else
        {
            foreach (var chunk in due.Chunk(5_000))
                numbers.AddRange(await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(ct));
        }
        return new StatementRunResult(from, to, dryRun, dryRun ? due.Count : numbers.Count, sent.Count, emails, numbers, noAddress);
    }
}
