using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>Write-offs as audited steps: proposed by a specialist, approved (posted to bad debt) or declined by a manager, and recovered when money comes in later.</summary>
public sealed class WriteOffDesk(PayPortalDbContext db, DeskStep steps, IActor actor, TimeProvider clock)
{
    private const string ChangedMeanwhile = "Someone changed this at the same time; nothing was saved. Reload and try again.";

    public Task<StepResult> ProposeAsync(long invoiceId, string amount, string reason, CancellationToken ct = default) =>
        steps.RunAsync("writeoff.propose", async () =>
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct) ?? throw new KeyNotFoundException();
            if (!Money.TryParse(amount, invoice.Currency, out var money, out var error)) throw new DomainRefusal($"Amount: {error}");
            await RefuseIfInActivePlanAsync(invoiceId, invoice.Number, ct);
            if (await db.WriteOffRequests.AnyAsync(r => r.InvoiceId == invoiceId && r.Status == WriteOffRequestStatus.Pending, ct))
                throw new DomainRefusal($"A write-off of invoice {invoice.Number} is already waiting for approval.");
            var request = WriteOffRequest.Propose(invoice, money, reason, actor.Name, clock.GetUtcNow().UtcDateTime);
            db.WriteOffRequests.Add(request);
            await db.SaveChangesAsync(ct);
            return (request.Id, $"Write-off of {money} on invoice {invoice.Number} proposed; a manager approves it.");
        }, "No such invoice.", ChangedMeanwhile, null, ct);

    public Task<StepResult> ApproveAsync(long requestId, CancellationToken ct = default) =>
        steps.RunAsync("writeoff.approve", async () =>
        {
            var request = await db.WriteOffRequests.Include(r => r.Invoice).SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new KeyNotFoundException();
            await RefuseIfInActivePlanAsync(request.InvoiceId, request.Invoice!.Number, ct);
            var (writeOff, journal) = request.Approve(actor.Name, clock.Today(), clock.GetUtcNow().UtcDateTime);
            db.WriteOffs.Add(writeOff);
            db.Journals.Add(journal);
            await db.SaveChangesAsync(ct);
            request.Posted(writeOff);
            return (request.Id, $"{request.Amount} of invoice {request.Invoice!.Number} written off to bad debt.");
        }, "No such write-off request.", ChangedMeanwhile, null, ct);

    public Task<StepResult> DeclineAsync(long requestId, string reason, CancellationToken ct = default) =>
        steps.RunAsync("writeoff.decline", async () =>
        {
            var request = await db.WriteOffRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new KeyNotFoundException();
            request.Decline(actor.Name, reason, clock.GetUtcNow().UtcDateTime);
            return (request.Id, "Write-off declined.");
        }, "No such write-off request.", ChangedMeanwhile, null, ct);

    /// <summary>Money that came in for a written-off invoice: reinstated from bad debt and applied from the payment's unapplied cash.</summary>
    public Task<StepResult> RecoverAsync(long writeOffId, long paymentId, string amount, CancellationToken ct = default) =>
        steps.RunAsync("writeoff.recover", async () =>
        {
            var writeOff = await db.WriteOffs.Include(w => w.Invoice).SingleOrDefaultAsync(w => w.Id == writeOffId, ct) ?? throw new KeyNotFoundException();
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId && p.CustomerId == writeOff.CustomerId, ct)
                ?? throw new DomainRefusal("Choose a payment of the same customer with unapplied cash.");
            if (!Money.TryParse(amount, writeOff.Invoice!.Currency, out var money, out var error)) throw new DomainRefusal($"Amount: {error}");
            var today = clock.Today();
            var (allocation, reinstated, applied) = Postings.RecoverWriteOff(writeOff, payment, money, today, clock.GetUtcNow().UtcDateTime);
            db.Allocations.Add(allocation);
            db.Journals.AddRange(reinstated, applied);
            return (writeOff.Id, $"{money} recovered on invoice {writeOff.Invoice.Number}.");
        }, "No such write-off.", ChangedMeanwhile, null, ct);

    // A plan counts whatever its invoices no longer owe as paid: writing off part of one would pay installments with bad debt.
    private async Task RefuseIfInActivePlanAsync(long invoiceId, string? number, CancellationToken ct)
    {
        if (await db.PaymentPlans.AnyAsync(p => p.Status == Domain.Plans.PlanStatus.Active && p.Invoices.Any(i => i.InvoiceId == invoiceId), ct))
            throw new DomainRefusal($"Invoice {number} is in an active payment plan; cancel the plan before writing it off.");
    }
}
