namespace PayPortal.Infrastructure.Collections;

/// <summary>One dunning run that sent (dry runs are not recorded): when, by whom, and what it did.</summary>
public class DunningRunRecord
{
    public long Id { get; set; }
    public DateOnly RunOn { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public string By { get; set; } = "";
    public int Emails { get; set; }
    public int Letters { get; set; }
    public int CallTasks { get; set; }
    public int Invoices { get; set; }
    public int PromisesKept { get; set; }
    public int PromisesBroken { get; set; }
}
