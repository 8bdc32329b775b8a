using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// A manager's answer to a Stripe event the books refused: apply it again once what stood in the way is
/// fixed (the event as Stripe signed it was kept), or settle it by hand and say how.
/// </summary>
public sealed class StripeEventDesk(PayPortalDbContext db, StripeEventProcessor processor, TimeProvider clock)
{
    public Task<List<StripeEventRecord>> NeedingAttentionAsync(CancellationToken ct = default) =>
        db.StripeEvents.AsNoTracking().Where(e => e.Status == StripeEventStatus.NeedsAttention).OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync(ct);

    public Task<List<StripeEventRecord>> RecentAsync(int count, CancellationToken ct = default) =>
        db.StripeEvents.AsNoTracking().Where(e => e.Status != StripeEventStatus.NeedsAttention).OrderByDescending(e => e.Id).Take(count).ToListAsync(ct);

    public async Task<StepResult> ApplyAgainAsync(long id, CancellationToken ct = default)
    {
        var record = await db.StripeEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (record is null) return StepResult.Fail("No such Stripe event.");
        if (record.Status != StripeEventStatus.NeedsAttention) return StepResult.Fail($"Event {record.EventId} does not need attention any more.");
        if (record.Payload is null) return StepResult.Fail($"Event {record.EventId} was refused before PayPortal kept events; settle it by hand.");
        var outcome = await processor.ApplyAgainAsync(StripeWebhookVerifier.Parse(record.Payload), record.Payload, ct);
        return StripeEventRecord.StatusOf(outcome) == StripeEventStatus.NeedsAttention || outcome.StartsWith("duplicate", StringComparison.Ordinal)
            ? StepResult.Fail($"Event {record.EventId} was not applied: {outcome}")
            : StepResult.Done($"Event {record.EventId} applied: {outcome}", record.Id);
    }

    public async Task<StepResult> ResolveAsync(long id, string? note, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note)) return StepResult.Fail("Say how the event was settled.");
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var record = await db.StripeEvents.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (record is null) return StepResult.Fail("No such Stripe event.");
        if (record.Status != StripeEventStatus.NeedsAttention) return StepResult.Fail($"Event {record.EventId} does not need attention any more.");
        record.Status = StripeEventStatus.Resolved;
        record.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        record.ResolvedBy = db.ActorName;
        record.Resolution = note.Trim().Length > 500 ? note.Trim()[..500] : note.Trim();
        record.Payload = null; // kept only while it needs attention: it may carry a customer's details
        using (db.Audit.Begin("stripe.event.resolve")) await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return StepResult.Done($"Event {record.EventId} marked as settled by hand.", record.Id);
    }
}
