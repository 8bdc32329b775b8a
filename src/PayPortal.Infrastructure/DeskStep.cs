using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure;

/// <summary>
/// One workflow step (a dispute answered, a plan decided, a bank line applied) as one audited unit of
/// work under the database's write lock. The step returns the record it concerns and a sentence for the
/// user; it refuses by throwing: <see cref="KeyNotFoundException"/> for "not found", <see cref="DomainRefusal"/>
/// for a rule, and a save that collides with someone else's says so. A refused step changes nothing. Any other
/// exception is a programming error and is not dressed up as a refusal.
/// </summary>
public sealed class DeskStep(PayPortalDbContext db)
{
    public async Task<StepResult> RunAsync(string action, Func<Task<(long Id, string Message)>> step,
        string notFound, string changedMeanwhile, OutboxSignal? outbox, CancellationToken ct)
    {
        // Every save inside the step, and the step's own, is the step's action.
        using var _ = db.Audit.Begin(action);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        try
        {
            var (id, message) = await step();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            outbox?.Notify();
            return new(true, message, id);
        }
        catch (KeyNotFoundException)
        {
            return StepResult.Fail(notFound);
        }
        catch (DomainRefusal refusal)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail(refusal.Message);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return StepResult.Fail(changedMeanwhile);
        }
    }
}
