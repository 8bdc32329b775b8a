namespace PayPortal.Infrastructure.Payments;

public enum StripeEventStatus
{
    /// <summary>It changed the books (or recorded what Stripe said).</summary>
    Applied = 1,
    /// <summary>Nothing to do: not ours, not handled, or already in the books.</summary>
    Ignored = 2,
    /// <summary>The books refused it (say, a refund that would undo a write-off recovery): a person decides.</summary>
    NeedsAttention = 3,
    /// <summary>Was needing attention; a manager applied it again or settled it by hand.</summary>
    Resolved = 4,
}

/// <summary>A Stripe event handled once: its id is unique, so a redelivery (even in parallel) is a no-op.</summary>
public class StripeEventRecord
{
    public long Id { get; set; }
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public StripeEventStatus Status { get; set; } = StripeEventStatus.Applied;
    /// <summary>What handling it did, e.g. "applied payment 12", "ignored: unknown checkout session".</summary>
    public string Outcome { get; set; } = "";
    /// <summary>The event as Stripe signed it, kept while it needs attention so it can be applied again.</summary>
    public string? Payload { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    /// <summary>How an outcome reads: handlers say "refused: …" when the books need a person, "ignored: …"/"no change: …" when nothing moved.</summary>
    public static StripeEventStatus StatusOf(string outcome) =>
        outcome.StartsWith("refused", StringComparison.Ordinal) ? StripeEventStatus.NeedsAttention
        : outcome.StartsWith("ignored", StringComparison.Ordinal) || outcome.StartsWith("no change", StringComparison.Ordinal) ? StripeEventStatus.Ignored
        : StripeEventStatus.Applied;
}
