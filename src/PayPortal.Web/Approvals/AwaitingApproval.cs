using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Approvals;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Web.Approvals;

/// <summary>The proposal waiting on an invoice (at most one waits per invoice), shown on its invoice and dispute pages.</summary>
public sealed record AwaitingApproval(MoneyApprovalKind Kind, long? DisputeId, long AmountMinor, string CurrencyCode, string ProposedBy, DateTime ProposedAt)
{
    public string What => MoneyApproval.Describe(Kind);

    public static Task<AwaitingApproval?> ForInvoiceAsync(PayPortalDbContext db, long invoiceId, CancellationToken ct) =>
        db.MoneyApprovals.AsNoTracking().Where(a => a.InvoiceId == invoiceId && a.Status == MoneyApprovalStatus.Proposed)
            .Select(a => new AwaitingApproval(a.Kind, a.DisputeId, a.AmountMinor, a.CurrencyCode, a.ProposedBy, a.ProposedAt))
            .FirstOrDefaultAsync(ct);
}
