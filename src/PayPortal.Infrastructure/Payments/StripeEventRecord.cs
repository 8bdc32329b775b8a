namespace PayPortal.Infrastructure.Payments;

/// <summary>A Stripe event handled once: its id is unique, so a redelivery (even in parallel) is a no-op.</summary>
public class StripeEventRecord
{
    public long Id { get; set; }
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    /// <summary>What handling it did, e.g. "applied payment 12", "ignored: unknown checkout session".</summary>
    public string Outcome { get; set; } = "";
}
