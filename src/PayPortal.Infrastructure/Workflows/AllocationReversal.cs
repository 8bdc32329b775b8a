using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Workflows;

/// <summary>
/// Takes a misapplied payment or credit back off its invoice (a Manager's decision): the invoice owes
/// it again, the money is unapplied again, and a reversing journal records it. Never deletes anything.
/// </summary>
public sealed class AllocationReversal(PayPortalDbContext db, TimeProvider clock)
{
    public async Task<StepResult> ReverseAsync(long allocationId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(false, "Say why the application is reversed.");
        var allocation = await db.Allocations
            .Include(a => a.Invoice).Include(a => a.Payment).Include(a => a.CreditMemo)
            .SingleOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null) return new(false, "No such application.");
        if (allocation.IsReversed) return new(false, $"This application was already reversed on {allocation.ReversedAt:yyyy-MM-dd}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var journal = Postings.ReverseAllocation(allocation, reason, DateOnly.FromDateTime(now), now);
        db.Journals.Add(journal);
        try
        {
            using (db.Audit.Begin("allocation.reverse")) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, "Someone changed this invoice or payment at the same time; nothing was reversed. Reload and try again.");
        }
        var invoice = allocation.Invoice!;
        return new(true, $"Reversed {new Money(allocation.AmountMinor, invoice.Currency)} on invoice {invoice.Number}; it is open again.");
    }
}
