namespace PayPortal.Infrastructure.Auditing;

/// <summary>Who did what, when, to which record; money changes carry their before and after values.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>What was done, e.g. "customer.invite-contact", or "Invoice.Modified" when a change had no named action.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>JSON object: property -> [before, after] (absent for records created or bulk actions).</summary>
    public string? Changes { get; set; }
}
