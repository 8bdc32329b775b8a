namespace PayPortal.Infrastructure.Tests.Concurrency;

/// <summary>
/// Contenders that really overlap: each on a thread of its own, all released by one barrier, so neither can
/// finish before the other starts (Microsoft.Data.Sqlite's async calls complete synchronously, so two tasks
/// started on one thread would simply run one after the other).
/// </summary>
public static class AtOnce
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> contender)
    {
        using var barrier = new Barrier(count);
        var started = Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(() =>
        {
            barrier.SignalAndWait(TimeSpan.FromSeconds(30));
            return contender(i);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToList();
        return await Task.WhenAll(started);
    }
}
