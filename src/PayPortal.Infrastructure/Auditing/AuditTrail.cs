using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;

namespace PayPortal.Infrastructure.Auditing;

/// <summary>Turns tracked changes to business records into audit events, with before/after values.</summary>
internal sealed class AuditTrail
{
    // The records whose every change is audited. The ledger itself is append-only and needs no trail.
    private static readonly HashSet<Type> Audited =
        [typeof(Customer), typeof(Invoice), typeof(CreditMemo), typeof(Payment), typeof(Allocation), typeof(Refund), typeof(WriteOff), typeof(Dispute), typeof(DisputeMessage), typeof(Domain.Plans.PaymentPlan),
         typeof(Domain.Collections.PromiseToPay), typeof(Domain.Collections.DunningPolicy), typeof(Domain.Collections.DunningStep),
         typeof(Collections.DunningRunRecord), typeof(Outbox.CommunicationLogEntry),
         typeof(Domain.Collections.WriteOffRequest), typeof(Domain.Collections.CreditHoldRequest), typeof(Domain.Approvals.MoneyApproval)];

    private readonly List<(EntityEntry Entry, AuditEvent Event)> _pending = [];

    public int Count => _pending.Count;

    public static AuditTrail Capture(ChangeTracker tracker, string actor, string? action, DateTime at)
    {
        var trail = new AuditTrail();
        foreach (var entry in tracker.Entries())
        {
            if (!Audited.Contains(entry.Metadata.ClrType) || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            // Before/after of changed and deleted records must be read before saving; new records are read after (Complete).
            var changes = entry.State == EntityState.Added ? null : Changes(entry);
            if (entry.State == EntityState.Modified && changes!.Count == 0) continue;
            trail._pending.Add((entry, new AuditEvent
            {
                At = at,
                Actor = actor,
                Action = action ?? $"{entry.Metadata.ClrType.Name}.{entry.State}",
                EntityType = entry.Metadata.ClrType.Name,
                Changes = changes is null ? null : JsonSerializer.Serialize(changes),
            }));
        }
        return trail;
    }

    /// <summary>Fills in ids and the values of new records, known now that they are saved (foreign keys included).</summary>
    public IEnumerable<AuditEvent> Complete()
    {
        foreach (var (entry, audit) in _pending)
        {
            audit.EntityId = entry.Property("Id").CurrentValue?.ToString();
            audit.CustomerId = entry.Entity is Customer customer ? customer.Id
                : entry.Metadata.FindProperty("CustomerId") is not null ? entry.Property("CustomerId").CurrentValue as long? : null;
            audit.Changes ??= JsonSerializer.Serialize(Changes(entry));
            yield return audit;
        }
    }

    private static Dictionary<string, object?[]> Changes(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name == nameof(IVersioned.Version) || property.Metadata.IsPrimaryKey()) continue;
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[name] = [null, property.CurrentValue];
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = [property.OriginalValue, property.CurrentValue];
                    break;
                case EntityState.Deleted:
                    changes[name] = [property.OriginalValue, null];
                    break;
            }
        }
        return changes;
    }
}
