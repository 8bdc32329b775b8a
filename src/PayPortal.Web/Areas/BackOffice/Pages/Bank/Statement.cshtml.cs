using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Areas.BackOffice.Pages.Bank;

/// <summary>
/// One imported statement and its reconciliation: the credits add up to what was applied to invoices,
/// what is unapplied (on account or waiting), what is not a customer's, and Stripe payouts.
/// </summary>
public class StatementModel(PayPortalDbContext db) : PageModel
{
    public BankStatement Statement { get; private set; } = null!;
    public IReadOnlyList<BankStatementLine> Lines { get; private set; } = [];
    public long Credits { get; private set; }
    public long Debits { get; private set; }
    public long AppliedToInvoices { get; private set; }
    public long Unapplied { get; private set; }
    public long NonCustomer { get; private set; }
    public long StripePayouts { get; private set; }
    public string Currency { get; private set; } = "USD";
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var statement = await db.BankStatements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (statement is null) return NotFound();
        Statement = statement;
        Lines = await db.BankLines.AsNoTracking().Where(l => l.BankStatementId == id).OrderBy(l => l.LineNo).Take(2000).ToListAsync(ct);
        var all = db.BankLines.AsNoTracking().Where(l => l.BankStatementId == id);
        Currency = await all.Select(l => l.CurrencyCode).FirstOrDefaultAsync(ct) ?? "USD";
        Credits = await all.Where(l => l.IsCredit).SumAsync(l => l.AmountMinor, ct);
        Debits = await all.Where(l => !l.IsCredit).SumAsync(l => l.AmountMinor, ct);
        NonCustomer = await all.Where(l => l.Status == BankLineStatus.NonCustomer).SumAsync(l => l.AmountMinor, ct);
        StripePayouts = await all.Where(l => l.Status == BankLineStatus.StripePayout).SumAsync(l => l.AmountMinor, ct);
        AppliedToInvoices = await all.Where(l => l.PaymentId != null)
            .Join(db.Allocations.Where(a => a.Kind == AllocationKind.Payment && a.ReversedAt == null), l => l.PaymentId, a => a.PaymentId, (l, a) => a.AmountMinor)
            .SumAsync(ct);
        Unapplied = Credits - AppliedToInvoices - NonCustomer - StripePayouts;
        return Page();
    }
}
