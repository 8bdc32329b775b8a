using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Invoicing;

internal static class CreditMemos
{
    /// <summary>
    /// Credits the invoice (the lines named, or everything not yet credited), counting every earlier memo
    /// against it, and applies the credit as far as the invoice is open. Returns the memo and what was applied.
    /// </summary>
    public static async Task<(CreditMemo Memo, long Applied)> CreditInvoiceAsync(PayPortalDbContext db, DocumentNumbers numbers, Invoice invoice,
        IReadOnlyList<LineCredit>? lines, string reason, DateOnly today, DateTime now, CancellationToken ct)
    {
        var earlier = await db.CreditMemos.Include(m => m.Lines).Where(m => m.InvoiceId == invoice.Id).ToListAsync(ct);
        var number = await numbers.NextCreditMemoNumberAsync(ct);
        var memo = lines is null
            ? InvoiceCredit.Full(invoice, earlier, number, today, reason)
            : InvoiceCredit.ForLines(invoice, lines, earlier, number, today, reason);
        return (memo, IssueAndApply(db, memo, invoice, today, now));
    }

    /// <summary>Issues the memo and applies it to its invoice as far as the invoice is open; returns what was applied (the rest stays as credit).</summary>
    public static long IssueAndApply(PayPortalDbContext db, CreditMemo memo, Invoice invoice, DateOnly today, DateTime now)
    {
        db.CreditMemos.Add(memo);
        db.Journals.Add(Postings.IssueCreditMemo(memo, now));
        var apply = invoice.CanReceiveMoney ? Math.Min(memo.AmountMinor, invoice.OpenMinor) : 0;
        if (apply <= 0) return 0;
        var (allocation, journal) = Postings.ApplyCredit(memo, invoice, new Money(apply, invoice.Currency), today, now);
        db.Allocations.Add(allocation);
        db.Journals.Add(journal);
        return apply;
    }
}
