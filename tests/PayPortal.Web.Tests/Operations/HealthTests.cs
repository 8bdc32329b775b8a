using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Web.Tests.Operations;

/// <summary>/health/live and /health/ready through the real pipeline, on a fake clock with the background workers stopped.</summary>
public class HealthTests
{
    private static readonly DateTime Now = OperationsFactory.Start.UtcDateTime;

    private sealed record Check(string Name, string Status, string Description);
    private sealed record Report(HttpStatusCode Code, string Status, IReadOnlyList<Check> Checks, string Body)
    {
        public Check this[string name] => Checks.Single(c => c.Name == name);
    }

    private static async Task<Report> GetAsync(OperationsFactory factory, string path)
    {
        var response = await factory.Client().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => new Check(c.GetProperty("name").GetString()!, c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!)).ToList();
        return new Report(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks, body);
    }

    /// <summary>A clean slate: whatever the demo seeding queued counts as sent.</summary>
    private static Task EmptyOutboxAsync(OperationsFactory factory) =>
        factory.WithDb(db => db.Outbox.Where(m => m.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, Now)));

    private static Task QueueAsync(OperationsFactory factory, int count, DateTime createdAt, DateTime? sentAt = null, DateTime? failedAt = null) => factory.WithDb(async db =>
    {
        for (var i = 0; i < count; i++)
            db.Outbox.Add(new OutboxMessage { Kind = "receipt", To = "ap@acme.test", Subject = "Receipt", TextBody = "Thank you.", CreatedAt = createdAt, SentAt = sentAt, FailedAt = failedAt });
        return await db.SaveChangesAsync();
    });

    private static Task RecordRunAsync(OperationsFactory factory, DateTime finishedAt) => factory.WithDb(async db =>
    {
        db.DunningRuns.Add(new DunningRunRecord { RunOn = DateOnly.FromDateTime(finishedAt), StartedAt = finishedAt.AddMinutes(-1), FinishedAt = finishedAt, By = "system" });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_healthy_portal_answers_ready_with_each_check_and_no_personal_data()
    {
        await using var factory = new OperationsFactory(fakeClock: true);
        await EmptyOutboxAsync(factory);
        await QueueAsync(factory, 2, Now.AddMinutes(-5));

        var response = await factory.Client().GetAsync("/health/ready"); // anonymous: no cookie, no redirect to sign-in
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());

        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal(["database", "outbox", "collections"], ready.Checks.Select(c => c.Name));
        Assert.All(ready.Checks, c => Assert.Equal("Healthy", c.Status));
        Assert.Equal("Reachable and migrated.", ready["database"].Description);
        Assert.Equal("2 message(s) waiting, the oldest for 5 min.", ready["outbox"].Description);
        Assert.DoesNotContain("@", ready.Body);
    }

    [Fact]
    public async Task Live_answers_without_asking_the_database_and_ready_fails_when_it_cannot_be_reached()
    {
        await using var factory = new OperationsFactory(fakeClock: true);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(factory, "/health/ready")).Code);

        // The database file is gone and a folder stands in its place: nothing can open it.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { "", "-wal", "-shm" }) File.Delete(factory.DatabasePath + file);
        Directory.CreateDirectory(factory.DatabasePath);

        var live = await GetAsync(factory, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Code, live.Status));
        Assert.Empty(live.Checks);

        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Code, ready.Status));
        Assert.Equal(("Unhealthy", "The database cannot be reached."), (ready["database"].Status, ready["database"].Description));
        Assert.DoesNotContain(factory.Folder, ready.Body); // no paths or exception text for an anonymous caller
    }

    [Fact]
    public async Task A_migration_not_applied_makes_ready_unhealthy()
    {
        await using var factory = new OperationsFactory(fakeClock: true);
        await factory.WithDb(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")"));

        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Equal(("Unhealthy", "1 migration(s) not applied: run `payportal migrate` or restart the portal."), (ready["database"].Status, ready["database"].Description));
    }

    [Fact]
    public async Task A_backlog_over_the_limit_makes_ready_unhealthy_and_sent_or_given_up_messages_do_not_count()
    {
        await using var factory = new OperationsFactory(fakeClock: true, settings: ("Health:OutboxBacklogMax", "3"));
        await EmptyOutboxAsync(factory);
        await QueueAsync(factory, 3, Now);
        await QueueAsync(factory, 5, Now, sentAt: Now);
        await QueueAsync(factory, 5, Now, failedAt: Now);
        Assert.Equal(("Healthy", "3 message(s) waiting, the oldest for 0 s."), ((await GetAsync(factory, "/health/ready"))["outbox"].Status, (await GetAsync(factory, "/health/ready"))["outbox"].Description));

        await QueueAsync(factory, 1, Now);
        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Equal(("Unhealthy", "4 message(s) waiting, the oldest for 0 s: over the limit of 3."), (ready["outbox"].Status, ready["outbox"].Description));
    }

    [Fact]
    public async Task A_message_waiting_longer_than_allowed_makes_ready_unhealthy()
    {
        await using var factory = new OperationsFactory(fakeClock: true, settings: ("Health:OutboxOldestMaxAge", "02:00:00"));
        await EmptyOutboxAsync(factory);
        await QueueAsync(factory, 1, Now);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("Healthy", (await GetAsync(factory, "/health/ready"))["outbox"].Status);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Equal(("Unhealthy", "1 message(s) waiting, the oldest for 2 h 1 min: the oldest waiting longer than 2 h 0 min."), (ready["outbox"].Status, ready["outbox"].Description));
    }

    [Fact]
    public async Task On_a_fresh_install_the_first_collections_run_is_due_a_day_and_two_hours_after_the_start()
    {
        await using var factory = new OperationsFactory(fakeClock: true);
        Assert.Equal(0, await factory.WithDb(db => db.DunningRuns.CountAsync()));
        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(("Healthy", "No run yet; the first is due within 1 d 2 h."), (ready["collections"].Status, ready["collections"].Description));

        factory.Clock.Advance(TimeSpan.FromHours(26) + TimeSpan.FromMinutes(1));
        ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Equal(("Unhealthy", "Overdue: no run in the 1 d 2 h since the portal started."), (ready["collections"].Status, ready["collections"].Description));
    }

    [Fact]
    public async Task A_collections_run_older_than_allowed_is_overdue_and_a_new_run_makes_it_healthy_again()
    {
        await using var factory = new OperationsFactory(fakeClock: true);
        await RecordRunAsync(factory, Now.AddHours(-3));
        Assert.Equal(("Healthy", "The last run finished 3 h 0 min ago."), ((await GetAsync(factory, "/health/ready"))["collections"].Status, (await GetAsync(factory, "/health/ready"))["collections"].Description));

        factory.Clock.Advance(TimeSpan.FromHours(24)); // 27 hours since the run: a day was missed
        var ready = await GetAsync(factory, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Equal(("Unhealthy", "Overdue: the last run finished 1 d 3 h ago, more than 1 d 2 h."), (ready["collections"].Status, ready["collections"].Description));

        await RecordRunAsync(factory, factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(factory, "/health/ready")).Code);
    }
}
