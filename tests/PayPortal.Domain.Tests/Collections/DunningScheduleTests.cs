using PayPortal.Domain.Collections;

namespace PayPortal.Domain.Tests.Collections;

public class DunningScheduleTests
{
    private static readonly IReadOnlyList<DunningStep> Steps = DunningPolicy.Standard().Steps; // -3, +1, +15, +30, +45 call, +60 letter
    private static readonly DateOnly Due = new(2026, 10, 1);

    private static (DunningStep? Step, DunningSkip Skip) For(DateOnly asOf, int[]? done = null, long open = 100_00, long disputed = 0, bool plan = false, bool paused = false, bool promised = false) =>
        DunningSchedule.StepFor(Steps, new DunningCandidate(1, Due, open, disputed, plan), asOf, (done ?? []).ToHashSet(), paused, promised);

    [Theory]
    [InlineData(-4, null)]
    [InlineData(-3, -3)]
    [InlineData(0, -3)]
    [InlineData(1, 1)]
    [InlineData(14, 1)]
    [InlineData(15, 15)]
    [InlineData(44, 30)]
    [InlineData(45, 45)]
    [InlineData(60, 60)]
    [InlineData(400, 60)]
    public void The_latest_step_whose_day_has_come_is_due(int daysFromDue, int? expectedOffset)
    {
        var (step, skip) = For(Due.AddDays(daysFromDue));
        Assert.Equal(expectedOffset, step?.OffsetDays);
        Assert.Equal(expectedOffset is null ? DunningSkip.NoStepDue : DunningSkip.None, skip);
    }

    [Fact]
    public void A_step_already_done_is_not_done_again_and_a_missed_milder_step_is_never_sent_late()
    {
        Assert.Equal((null, DunningSkip.AlreadyDone), For(Due.AddDays(20), done: [15]));
        Assert.Equal((null, DunningSkip.AlreadyDone), For(Due.AddDays(20), done: [-3, 30]));
        // The run was down from day 2 to day 31: it catches up with +30, not +1 or +15.
        Assert.Equal(30, For(Due.AddDays(31), done: [-3]).Step!.OffsetDays);
    }

    [Fact]
    public void Paused_promised_planned_and_fully_disputed_invoices_are_skipped_with_their_reason()
    {
        var late = Due.AddDays(20);
        Assert.Equal(DunningSkip.DunningPaused, For(late, paused: true).Skip);
        Assert.Equal(DunningSkip.PromiseOpen, For(late, promised: true).Skip);
        Assert.Equal(DunningSkip.InPlan, For(late, plan: true).Skip);
        Assert.Equal(DunningSkip.Disputed, For(late, disputed: 100_00).Skip);
        // A partial dispute leaves the rest to chase.
        Assert.Equal(15, For(late, disputed: 40_00).Step!.OffsetDays);
    }
}
