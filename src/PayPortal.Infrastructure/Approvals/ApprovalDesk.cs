using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Approvals;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Disputes;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure.Approvals;

/// <summary>
/// A manager's decision on a proposed void, full credit or dispute acceptance. Approving carries the action
/// out in the same transaction as the decision, with the checks the action makes when done directly, so
/// it happens exactly once or not at all; a refusal changes nothing and leaves the proposal waiting.
/// </summary>
public sealed class ApprovalDesk(PayPortalDbContext db, DeskStep steps, InvoiceDesk invoices, DisputeDesk disputes, OutboxSignal outbox, IActor actor, TimeProvider clock)
{
    public const string NotFound = "No such proposal.";
    private const string ChangedMeanwhile = "Someone decided this proposal at the same time; nothing was saved. Reload to see the outcome.";

    public Task<StepResult> ApproveAsync(long approvalId, CancellationToken ct = default) =>
        steps.RunAsync("approval.approve", async () =>
        {
            var approval = await db.MoneyApprovals.SingleOrDefaultAsync(a => a.Id == approvalId, ct) ?? throw new KeyNotFoundException();
            approval.CheckApprover(actor.Name);
            string message;
            // The action's own changes are audited as that action; the decision as the approval.
            using (db.Audit.Begin(ActionOf(approval.Kind)))
            {
                message = approval.Kind is MoneyApprovalKind.Void or MoneyApprovalKind.FullCredit
                    ? await invoices.CarryOutAsync(approval, ct)
                    : await disputes.CarryOutAsync(approval, ct);
                await db.SaveChangesAsync(ct);
            }
            approval.Approve(actor.Name, clock.GetUtcNow().UtcDateTime);
            return (approval.Id, $"Approved: {message}");
        }, NotFound, ChangedMeanwhile, outbox, ct);

    public Task<StepResult> RejectAsync(long approvalId, string reason, CancellationToken ct = default) =>
        steps.RunAsync("approval.reject", async () =>
        {
            var approval = await db.MoneyApprovals.Include(a => a.Invoice).SingleOrDefaultAsync(a => a.Id == approvalId, ct) ?? throw new KeyNotFoundException();
            approval.Reject(actor.Name, reason, clock.GetUtcNow().UtcDateTime);
            return (approval.Id, $"Proposed {MoneyApproval.Describe(approval.Kind)} of invoice {approval.Invoice!.Number} rejected; nothing was done.");
        }, NotFound, ChangedMeanwhile, null, ct);

    public static string ActionOf(MoneyApprovalKind kind) => kind switch
    {
        MoneyApprovalKind.Void => "invoice.void",
        MoneyApprovalKind.FullCredit => "creditmemo.issue",
        MoneyApprovalKind.DisputeAcceptance => "dispute.accept",
        MoneyApprovalKind.DisputeRebill => "dispute.rebill",
        _ => throw new DomainRefusal("Unknown kind of proposal."),
    };
}
