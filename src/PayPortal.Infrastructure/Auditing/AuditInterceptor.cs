using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace PayPortal.Infrastructure.Auditing;

/// <summary>
/// Writes an <see cref="AuditEvent"/> for every change to an audited record, in the same transaction as the change,
/// with the actor and the action of the context's current <see cref="AuditContext"/> scope. Ids of new records are known only
/// after the insert, so the audit rows follow it inside one transaction (ours when the caller has none).
/// </summary>
public sealed class AuditInterceptor(IActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    private AuditTrail? _trail;
    private IDbContextTransaction? _ownTransaction;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not Data.PayPortalDbContext db) return result;
        var trail = AuditTrail.Capture(db.ChangeTracker, actor.Name, db.Audit.Action, clock.GetUtcNow().UtcDateTime);
        if (trail.Count == 0) return result;
        _trail = trail;
        _ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_trail is not { } trail) return result;
        _trail = null;
        await AuditRows.InsertAsync(eventData.Context!.Database, trail.Complete(), cancellationToken);
        if (_ownTransaction is { } own)
        {
            _ownTransaction = null;
            await using (own) await own.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _trail = null;
        if (_ownTransaction is { } own)
        {
            _ownTransaction = null;
            await own.DisposeAsync(); // rolls back
        }
    }

    // PayPortalDbContext saves through the async path only; these keep a synchronous caller correct all the same.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();
}
