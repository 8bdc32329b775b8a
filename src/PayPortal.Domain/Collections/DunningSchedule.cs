namespace PayPortal.Domain.Collections;

/// <summary>Why an invoice got no dunning step today.</summary>
public enum DunningSkip
{
    None = 0,
    DunningPaused = 1,
    PromiseOpen = 2,
    InPlan = 3,
    Disputed = 4,
    NoStepDue = 5,
    AlreadyDone = 6,
    /// <summary>An email or letter step for a customer with no address to send it to (not recorded: it goes out once there is one).</summary>
    NoAddress = 7,
}

/// <summary>What one invoice is owed by the dunning run on a date.</summary>
public readonly record struct DunningCandidate(long InvoiceId, DateOnly DueDate, long OpenMinor, long DisputedMinor, bool InActivePlan);

/// <summary>The rules of a dunning run, apart from any database: which step an invoice is due for, or why none.</summary>
public static class DunningSchedule
{
    /// <summary>The reason in words, after a count: "3 in an active payment plan".</summary>
    public static string Describe(DunningSkip skip) => skip switch
    {
        DunningSkip.DunningPaused => "with dunning paused",
        DunningSkip.PromiseOpen => "with an open promise to pay",
        DunningSkip.InPlan => "in an active payment plan",
        DunningSkip.Disputed => "disputed in full",
        DunningSkip.AlreadyDone => "already at their step",
        DunningSkip.NoAddress => "of customers with no email address for reminders",
        _ => "with no step due",
    };

    /// <summary>
    /// The latest step whose day has come (days since due at or past its offset), unless that step or a
    /// later one was already done: a run that missed days catches up with the step that applies now,
    /// never sending the earlier, milder ones late; and a step is never sent twice.
    /// </summary>
    public static (DunningStep? Step, DunningSkip Skip) StepFor(IReadOnlyList<DunningStep> steps, DunningCandidate invoice, DateOnly asOf,
        IReadOnlySet<int> doneOffsets, bool customerPaused, bool customerPromised)
    {
        if (customerPaused) return (null, DunningSkip.DunningPaused);
        if (customerPromised) return (null, DunningSkip.PromiseOpen);
        if (invoice.InActivePlan) return (null, DunningSkip.InPlan);
        if (invoice.OpenMinor - invoice.DisputedMinor <= 0) return (null, DunningSkip.Disputed);
        var days = asOf.DayNumber - invoice.DueDate.DayNumber;
        var step = steps.Where(s => s.OffsetDays <= days).MaxBy(s => s.OffsetDays);
        if (step is null) return (null, DunningSkip.NoStepDue);
        if (doneOffsets.Any(done => done >= step.OffsetDays)) return (null, DunningSkip.AlreadyDone);
        return (step, DunningSkip.None);
    }
}
