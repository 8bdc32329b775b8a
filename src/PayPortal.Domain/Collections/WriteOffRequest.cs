using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Collections;

public enum WriteOffRequestStatus
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
}

/// <summary>
/// A proposal to write off what is left of an invoice as bad debt: a specialist proposes with a reason, a
/// manager (never the proposer) approves, and only then is it posted. Disputed money is resolved through
/// its dispute, never written off around it.
/// </summary>
public class WriteOffRequest : IVersioned
{
    private WriteOffRequest() { }

    public static WriteOffRequest Propose(Invoice invoice, Money amount, string reason, string by, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) throw new DomainRefusal("Say why it cannot be collected (at most 500 characters).");
        if (!invoice.CanReceiveMoney) throw new DomainRefusal($"Invoice {invoice.Number} has nothing open to write off.");
        if (amount.Currency.Code != invoice.CurrencyCode) throw new DomainRefusal($"Invoice {invoice.Number} is in {invoice.CurrencyCode}.");
        if (!amount.IsPositive) throw new DomainRefusal("The amount must be above zero.");
        var undisputed = invoice.OpenMinor - invoice.DisputedMinor;
        if (amount.Minor > undisputed)
            throw new DomainRefusal(invoice.DisputedMinor > 0
                ? $"At most {new Money(undisputed, invoice.Currency)} can be written off; {new Money(invoice.DisputedMinor, invoice.Currency)} is disputed and is settled through the dispute."
                : $"At most {invoice.Open} is open on invoice {invoice.Number}.");
        return new WriteOffRequest
        {
            Invoice = invoice, InvoiceId = invoice.Id, CustomerId = invoice.CustomerId, AmountMinor = amount.Minor, CurrencyCode = invoice.CurrencyCode,
            Reason = reason.Trim(), RequestedBy = by, RequestedAt = at, Status = WriteOffRequestStatus.Pending,
        };
    }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public long CustomerId { get; private set; }
    public long AmountMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public WriteOffRequestStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public long? WriteOffId { get; private set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));

    /// <summary>Approves and posts it: the returned write-off and journal are saved with this change.</summary>
    public (WriteOff WriteOff, Ledger.Journal Journal) Approve(string by, DateOnly on, DateTime at)
    {
        RequirePending();
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase)) throw new DomainRefusal("A write-off is approved by someone other than who proposed it.");
        var invoice = Invoice ?? throw new InvalidOperationException("Load the request's invoice.");
        if (AmountMinor > invoice.OpenMinor - invoice.DisputedMinor)
            throw new DomainRefusal($"Invoice {invoice.Number} now has only {new Money(Math.Max(0, invoice.OpenMinor - invoice.DisputedMinor), invoice.Currency)} undisputed and open; decline this request and propose again.");
        var (writeOff, journal) = Ledger.Postings.WriteOff(invoice, Amount, Reason, on, at);
        Decide(WriteOffRequestStatus.Approved, by, at, null);
        return (writeOff, journal);
    }

    /// <summary>Links the posted write-off once it has its id.</summary>
    public void Posted(WriteOff writeOff) => WriteOffId = writeOff.Id;

    public void Decline(string by, string reason, DateTime at)
    {
        RequirePending();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the write-off is declined.");
        Decide(WriteOffRequestStatus.Declined, by, at, reason.Trim());
    }

    private void RequirePending()
    {
        if (Status != WriteOffRequestStatus.Pending) throw new DomainRefusal($"This request was already {Status.ToString().ToLowerInvariant()}.");
    }

    private void Decide(WriteOffRequestStatus status, string by, DateTime at, string? note)
    {
        Status = status;
        DecidedBy = by;
        DecidedAt = at;
        DecisionNote = note;
    }
}
