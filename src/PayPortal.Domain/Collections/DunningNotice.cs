namespace PayPortal.Domain.Collections;

/// <summary>
/// That a dunning step was done for an invoice: one row per invoice and step (a unique key), written with
/// the email it sends, so a second run, a restart or two runs at once can never send a step twice.
/// </summary>
public class DunningNotice
{
    private DunningNotice() { }

    public DunningNotice(long invoiceId, long customerId, DunningStep step, DateOnly runOn, long openMinor, DateTime at)
    {
        InvoiceId = invoiceId;
        CustomerId = customerId;
        DunningStepId = step.Id;
        Action = step.Action;
        OffsetDays = step.OffsetDays;
        RunOn = runOn;
        OpenMinor = openMinor;
        At = at;
    }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public long CustomerId { get; private set; }
    public long DunningStepId { get; private set; }
    public DunningAction Action { get; private set; }
    public int OffsetDays { get; private set; }
    public DateOnly RunOn { get; private set; }
    /// <summary>What was chased: the invoice's open amount less any disputed part, that day.</summary>
    public long OpenMinor { get; private set; }
    public DateTime At { get; private set; }
    /// <summary>A call task is done when a call to the customer is logged after it.</summary>
    public DateTime? CompletedAt { get; set; }
}
