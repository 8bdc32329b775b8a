using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// Invoices a customer's bank debit is still paying: the money was submitted and arrives in days (or
/// bounces). They are shown as "payment in progress" and not offered for payment again, so a second
/// checkout does not turn into unapplied cash.
/// </summary>
public static class PaymentsInProgress
{
    public static async Task<HashSet<long>> InvoiceIdsAsync(PayPortalDbContext db, long customerId, CancellationToken ct = default) =>
        (await db.PortalPayments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && p.Status == PortalPaymentStatus.Processing)
            .SelectMany(p => p.Lines).Select(l => l.InvoiceId).Distinct().ToListAsync(ct)).ToHashSet();

    public static Task<bool> ForPlanAsync(PayPortalDbContext db, long planId, CancellationToken ct = default) =>
        db.PortalPayments.AnyAsync(p => p.PaymentPlanId == planId && p.Status == PortalPaymentStatus.Processing, ct);
}
