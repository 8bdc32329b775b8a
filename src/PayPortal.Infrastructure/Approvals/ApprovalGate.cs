using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Approvals;

/// <summary>
/// Where a void, full credit or dispute acceptance is turned into a proposal when it takes more than the
/// threshold off the books. The action has just been tried (so every refusal it would give is given now);
/// its changes are thrown away and only the proposal is saved.
/// </summary>
public sealed class ApprovalGate(PayPortalDbContext db, IOptions<ApprovalsOptions> options, IActor actor, TimeProvider clock)
{
    public bool Needed(long amountMinor) => amountMinor > options.Value.CreditThreshold;

    public async Task<string> ProposeInsteadAsync(MoneyApprovalKind kind, Invoice invoice, long? disputeId, long amountMinor, string? reason, CancellationToken ct)
    {
        var (invoiceId, customerId, number, amount) = (invoice.Id, invoice.CustomerId, invoice.Number, new Money(amountMinor, invoice.Currency));
        db.ChangeTracker.Clear();
        var pending = await db.MoneyApprovals.Where(a => a.InvoiceId == invoiceId && a.Status == MoneyApprovalStatus.Proposed)
            .Select(a => new { a.Kind, a.ProposedBy }).FirstOrDefaultAsync(ct);
        if (pending is not null) throw AlreadyWaiting(pending.Kind, number, pending.ProposedBy);
        db.MoneyApprovals.Add(MoneyApproval.Propose(kind, invoiceId, customerId, disputeId, amount, reason, actor.Name, clock.GetUtcNow().UtcDateTime));
        try
        {
            using (db.Audit.Begin("approval.propose")) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on pending proposals per invoice: someone proposed at the same moment.
            db.ChangeTracker.Clear();
            throw new DomainRefusal($"Another proposal for invoice {number} was made at the same moment; nothing was saved. Reload to see it.");
        }
        var what = MoneyApproval.Describe(kind);
        return $"{char.ToUpperInvariant(what[0])}{what[1..]} of {amount} on invoice {number} proposed; a manager other than you approves it on the Approvals page.";
    }

    private static DomainRefusal AlreadyWaiting(MoneyApprovalKind kind, string? number, string by) =>
        new($"A {MoneyApproval.Describe(kind)} of invoice {number} proposed by {by} is already waiting for approval; it is approved or rejected first.");

    /// <summary>The refusal when carrying out an approved proposal would now take a different amount off the books than was approved.</summary>
    public static DomainRefusal ChangedSince(MoneyApproval approval, string? number, long nowMinor) =>
        new($"Invoice {number} changed since this {MoneyApproval.Describe(approval.Kind)} was proposed: it would now take {new Money(nowMinor, Currency.Parse(approval.CurrencyCode))} "
            + $"instead of {approval.Amount} off the books. Nothing was done; reject this proposal and propose again.");
}
