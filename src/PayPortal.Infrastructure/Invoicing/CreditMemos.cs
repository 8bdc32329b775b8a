using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Invoicing;

internal static class CreditMemos
{
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
