using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Approvals;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Approvals;
using PayPortal.Infrastructure.Disputes;
using static PayPortal.Infrastructure.Tests.Approvals.ApprovalsData;

namespace PayPortal.Infrastructure.Tests.Approvals;

public class DisputeApprovalTests
{
    private static Task<DisputeStatus> StatusAsync(ApprovalsData data, long disputeId) =>
        data.QueryAsync(db => db.Disputes.Where(d => d.Id == disputeId).Select(d => d.Status).SingleAsync());

    private static Task<int> AcceptanceEmailsAsync(ApprovalsData data) => data.QueryAsync(db => db.Outbox.CountAsync(m => m.Subject.EndsWith(": accepted")));

    [Fact]
    public async Task Accepting_a_dispute_in_part_is_proposed_and_the_customer_is_credited_and_told_only_once_a_manager_approves()
    {
        await using var data = await CreateAsync();
        var disputeId = await data.DisputeAsync(data.First, 100_00);

        var tooMuch = await data.AsAsync<DisputeDesk>(Specialist, d => d.AcceptAsync(disputeId, "Alex", 100_01, null));
        Assert.Equal("At most the disputed USD 100.00 can be credited.", tooMuch.Message);
        var proposed = await data.AsAsync<DisputeDesk>(Specialist, d => d.AcceptAsync(disputeId, "Alex", 40_00, "Forty, as agreed"));

        Assert.Equal("Dispute acceptance of USD 40.00 on invoice INV-1 proposed; a manager other than you approves it on the Approvals page.", proposed.Message);
        Assert.Equal(DisputeStatus.Open, await StatusAsync(data, disputeId));
        Assert.Equal(0L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(0, await AcceptanceEmailsAsync(data));
        var approval = Assert.Single(await data.ApprovalsAsync());
        Assert.Equal((MoneyApprovalKind.DisputeAcceptance, (long?)disputeId, 40_00L, "Forty, as agreed"), (approval.Kind, approval.DisputeId, approval.AmountMinor, approval.Reason));
        Assert.StartsWith("A dispute acceptance of invoice INV-1", (await data.AsAsync<DisputeDesk>(Manager, d => d.RebillAsync(disputeId, "Morgan", "Price wrong"))).Message);

        var approved = await data.AsAsync<ApprovalDesk>(Manager, d => d.ApproveAsync(approval.Id));

        Assert.Equal("Approved: Dispute accepted: credit memo CM-000001 for USD 40.00 applied to invoice INV-1.", approved.Message);
        Assert.Equal(DisputeStatus.PartiallyAccepted, await StatusAsync(data, disputeId));
        var invoice = await data.QueryAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == data.First));
        Assert.Equal((260_00L, 0L), (invoice.OpenMinor, invoice.DisputedMinor));
        Assert.Equal(1, await AcceptanceEmailsAsync(data));
        Assert.Contains("dispute.accept", await data.QueryAsync(db => db.AuditEvents.Where(a => a.Actor == Manager).Select(a => a.Action).ToListAsync()));
        await data.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Crediting_and_rebilling_is_proposed_and_approved_by_another_manager()
    {
        await using var data = await CreateAsync();
        var disputeId = await data.DisputeAsync(data.Second, 10_00);
        var drafts = await data.QueryAsync(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft));

        var proposed = await data.AsAsync<DisputeDesk>(Manager, d => d.RebillAsync(disputeId, "Morgan", "Unit price corrected"));
        Assert.Equal("Credit and re-bill of USD 50.00 on invoice INV-2 proposed; a manager other than you approves it on the Approvals page.", proposed.Message);
        Assert.Equal(drafts, await data.QueryAsync(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft)));
        var id = await data.ApprovalIdAsync(data.Second);
        Assert.Equal("A proposal is approved by a manager other than who proposed it.", (await data.AsAsync<ApprovalDesk>(Manager, d => d.ApproveAsync(id))).Message);

        var approved = await data.AsAsync<ApprovalDesk>(OtherManager, d => d.ApproveAsync(id));

        Assert.True(approved.Succeeded, approved.Message);
        Assert.Equal(DisputeStatus.Rebilled, await StatusAsync(data, disputeId));
        Assert.Equal(0L, await data.QueryAsync(db => db.Invoices.Where(i => i.Id == data.Second).Select(i => i.OpenMinor).SingleAsync()));
        Assert.Equal(drafts + 1, await data.QueryAsync(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft)));
        await data.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task At_or_under_the_threshold_a_dispute_is_accepted_at_once_and_above_it_waits()
    {
        await using var data = await CreateAsync(threshold: 25_00);
        var small = await data.DisputeAsync(data.First, 25_00);
        var large = await data.DisputeAsync(data.Second, 25_01);

        var accepted = await data.AsAsync<DisputeDesk>(Specialist, d => d.AcceptAsync(small, "Alex", null, null));
        var proposed = await data.AsAsync<DisputeDesk>(Specialist, d => d.AcceptAsync(large, "Alex", null, null));

        Assert.StartsWith("Dispute accepted: credit memo CM-000001 for USD 25.00", accepted.Message);
        Assert.Equal(DisputeStatus.Accepted, await StatusAsync(data, small));
        Assert.StartsWith("Dispute acceptance of USD 25.01 on invoice INV-2 proposed", proposed.Message);
        Assert.Equal(DisputeStatus.Open, await StatusAsync(data, large));
        Assert.Equal(large, Assert.Single(await data.ApprovalsAsync()).DisputeId);
    }

    [Fact]
    public async Task A_dispute_resolved_otherwise_meanwhile_is_not_credited_when_its_acceptance_is_approved()
    {
        await using var data = await CreateAsync();
        var disputeId = await data.DisputeAsync(data.First, 100_00);
        await data.AsAsync<DisputeDesk>(Specialist, d => d.AcceptAsync(disputeId, "Alex", null, null));
        Assert.True((await data.AsAsync<DisputeDesk>(Specialist, d => d.RejectAsync(disputeId, "Alex", "The delivery note is signed."))).Succeeded);

        var approved = await data.AsAsync<ApprovalDesk>(Manager, async d => await d.ApproveAsync(await data.ApprovalIdAsync(data.First)));

        Assert.False(approved.Succeeded);
        Assert.Equal(DisputeStatus.Rejected, await StatusAsync(data, disputeId));
        Assert.Equal(0L, await data.Db.ScalarAsync("SELECT COUNT(*) FROM CreditMemos"));
        Assert.Equal(MoneyApprovalStatus.Proposed, Assert.Single(await data.ApprovalsAsync()).Status);
    }
}
