namespace PayPortal.Infrastructure.Collections;

/// <summary>Settings under "Collections".</summary>
public sealed class CollectionsOptions
{
    public const string Section = "Collections";

    /// <summary>Days after a promised date that a payment still keeps the promise.</summary>
    public int PromiseGraceDays { get; set; } = 3;
    /// <summary>Days past due of the oldest invoice beyond which a credit hold is suggested.</summary>
    public int CreditHoldDaysPastDue { get; set; } = 60;
    /// <summary>Whether the web app runs dunning by itself once a day (the CLI's `dunning run` works either way).</summary>
    public bool AutoRun { get; set; } = true;
    /// <summary>The UTC hour from which the daily run goes out (before it, yesterday's run stands).</summary>
    public int RunHourUtc { get; set; } = 6;
}
