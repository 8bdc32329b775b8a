using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Outbox;
using SmtpServer.Protocol;
using static PayPortal.Infrastructure.Tests.Email.OutboxTesting;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>What happens when sending fails: permanent refusals fail at once, temporary ones back off until the give-up window closes.</summary>
public class OutboxRetryTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(Start);
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> DispatchAsync(SmtpOptions options)
    {
        await using var scope = _db.Scope();
        return await Dispatcher(scope, options, _clock).SendPendingAsync();
    }

    [Fact]
    public async Task A_5xx_answer_fails_the_message_at_once_with_the_servers_words_and_the_batch_goes_on()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Reply = m => m.Subject == "Refused" ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Mailbox ap@gone.test does not exist") : null;
        var refused = await QueueAsync(_db, "ap@gone.test", "Refused", Start);
        var accepted = await QueueAsync(_db, "ap@acme.test", "Accepted", Start);

        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port)));

        var failed = await MessageAsync(_db, refused);
        Assert.Equal((Start, (DateTime?)null, (DateTime?)null, 1), (failed.FailedAt!.Value, failed.NextAttemptAt, failed.SentAt, failed.Attempts));
        Assert.Equal("550 Mailbox ap@gone.test does not exist", failed.LastError);
        Assert.NotNull((await MessageAsync(_db, accepted)).SentAt);
        Assert.Equal(["Accepted"], smtp.Received.Select(r => r.Message.Subject));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await DispatchAsync(Smtp(smtp.Port))); // failed stays failed
        Assert.Equal(1, (await MessageAsync(_db, refused)).Attempts);
    }

    [Fact]
    public async Task A_4xx_answer_is_retried_after_the_backoff_and_not_before()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var busy = true;
        smtp.Reply = _ => busy ? new SmtpResponse((SmtpReplyCode)451, "Try again later") : null;
        var id = await QueueAsync(_db, "ap@acme.test", "Later", Start);

        Assert.Equal(0, await DispatchAsync(Smtp(smtp.Port)));
        var waiting = await MessageAsync(_db, id);
        Assert.Equal((1, Start.AddMinutes(1), (DateTime?)null, "451 Try again later"), (waiting.Attempts, waiting.NextAttemptAt!.Value, waiting.FailedAt, waiting.LastError));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await DispatchAsync(Smtp(smtp.Port)));
        Assert.Equal(1, (await MessageAsync(_db, id)).Attempts); // not due yet: not tried

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await DispatchAsync(Smtp(smtp.Port)));
        Assert.Equal((2, Start.AddMinutes(1 + 2)), ((await MessageAsync(_db, id)).Attempts, (await MessageAsync(_db, id)).NextAttemptAt!.Value));

        busy = false;
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port)));
        var sent = await MessageAsync(_db, id);
        Assert.Equal((3, Start.AddMinutes(3), (DateTime?)null, (string?)null), (sent.Attempts, sent.SentAt!.Value, sent.NextAttemptAt, sent.LastError));
    }

    [Fact]
    public async Task Temporary_failures_are_given_up_once_the_window_has_passed()
    {
        var closedPort = TestSmtpServer.FreePort(); // nothing listens there: every connection is refused
        var options = Smtp(closedPort, o => o.GiveUpAfter = TimeSpan.FromHours(2));
        var id = await QueueAsync(_db, "ap@acme.test", "Never", Start);

        var attempts = 0;
        while ((await MessageAsync(_db, id)) is { FailedAt: null } message && attempts < 50)
        {
            Assert.Equal(0, await DispatchAsync(options));
            attempts++;
            if ((await MessageAsync(_db, id)).NextAttemptAt is { } next) _clock.SetUtcNow(next);
        }

        var failed = await MessageAsync(_db, id);
        // 1+2+4+8+16+32+60 minutes after the first try the next would be past two hours.
        Assert.Equal(7, failed.Attempts);
        Assert.Equal(Start.AddMinutes(63), failed.FailedAt);
        Assert.StartsWith("Gave up after 7 attempts since 2026-12-01 09:00 UTC: ", failed.LastError);
        Assert.Null(failed.NextAttemptAt);
    }

    [Fact]
    public async Task A_refused_connection_leaves_the_message_waiting_with_its_error_and_next_attempt()
    {
        var id = await QueueAsync(_db, "x@y.test", "S", Start);
        Assert.Equal(0, await DispatchAsync(Smtp(TestSmtpServer.FreePort())));

        var message = await MessageAsync(_db, id);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null, Start.AddMinutes(1)), (message.Attempts, message.SentAt, message.FailedAt, message.NextAttemptAt!.Value));
        Assert.False(string.IsNullOrEmpty(message.LastError));
        await using var scope = _db.Scope();
        Assert.Empty(await scope.Db.CommunicationLog.ToListAsync());
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_is_retried()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts the connection (backlog) but never greets
        var id = await QueueAsync(_db, "x@y.test", "S", Start);

        var timer = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await DispatchAsync(Smtp(((IPEndPoint)silent.LocalEndpoint).Port, o => o.TimeoutSeconds = 1)));
        Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));

        var message = await MessageAsync(_db, id);
        Assert.Equal((1, (DateTime?)null, Start.AddMinutes(1)), (message.Attempts, message.FailedAt, message.NextAttemptAt!.Value));
        Assert.False(string.IsNullOrEmpty(message.LastError));
    }

    [Fact]
    public async Task Any_other_exception_is_recorded_on_its_message_and_the_batch_goes_on()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var broken = await QueueAsync(_db, "not an address", "Broken", Start);
        var fine = await QueueAsync(_db, "ap@acme.test", "Fine", Start);

        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port)));

        var failed = await MessageAsync(_db, broken);
        Assert.Equal((Start, 1), (failed.FailedAt!.Value, failed.Attempts));
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.NotNull((await MessageAsync(_db, fine)).SentAt);
    }

    [Fact]
    public async Task A_send_the_server_never_answers_times_out_on_that_message_and_the_next_one_is_still_sent()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Hang = m => m.Subject == "Hangs";
        var hangs = await QueueAsync(_db, "ap@acme.test", "Hangs", Start);
        var next = await QueueAsync(_db, "ap@acme.test", "Next", Start);

        var timer = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port, o => o.TimeoutSeconds = 1)));
        Assert.InRange(timer.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));

        var timedOut = await MessageAsync(_db, hangs);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null, Start.AddMinutes(1)), (timedOut.Attempts, timedOut.SentAt, timedOut.FailedAt, timedOut.NextAttemptAt!.Value));
        Assert.Equal("Sending took longer than 1 s.", timedOut.LastError);
        Assert.NotNull((await MessageAsync(_db, next)).SentAt);
        Assert.Equal(["Next"], smtp.Received.Select(r => r.Message.Subject));
    }

    [Fact]
    public async Task An_argument_exception_while_building_a_message_is_recorded_on_it_and_does_not_head_every_batch()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        long broken;
        await using (var scope = _db.Scope())
        {
            // A file name that is nothing but a line break (say, from a contact's name): once cleaned it is empty, and MimeKit throws ArgumentException.
            var message = new OutboxMessage { Kind = "statement", To = "ap@acme.test", Subject = "Statement", TextBody = "Attached.", CreatedAt = Start };
            message.Attachments.Add(new OutboxAttachment { FileName = "\r\n", ContentType = "application/pdf", Content = [1, 2, 3] });
            scope.Db.Outbox.Add(message);
            await scope.Db.SaveChangesAsync();
            broken = message.Id;
        }
        var fine = await QueueAsync(_db, "ap@acme.test", "Fine", Start);

        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port)));
        var failed = await MessageAsync(_db, broken);
        Assert.Equal((Start, 1, (DateTime?)null), (failed.FailedAt!.Value, failed.Attempts, failed.NextAttemptAt));
        Assert.StartsWith("The specified file path is empty.", failed.LastError); // MimeKit's ArgumentException, in its own words
        Assert.NotNull((await MessageAsync(_db, fine)).SentAt);

        // The next batch does not start with it again: later mail goes out.
        var later = await QueueAsync(_db, "ap@acme.test", "Later", Start);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await DispatchAsync(Smtp(smtp.Port)));
        Assert.Equal((1, true), ((await MessageAsync(_db, broken)).Attempts, (await MessageAsync(_db, later)).SentAt is not null));
    }

    [Fact]
    public async Task The_attempt_is_saved_before_sending()
    {
        var id = await QueueAsync(_db, "ap@acme.test", "Cancelled", Start);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await using (var scope = _db.Scope())
        {
            var dispatcher = Dispatcher(scope, Smtp(((IPEndPoint)silent.LocalEndpoint).Port, o => o.TimeoutSeconds = 30), _clock);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.SendPendingAsync(ct: stop.Token));
        }

        // Stopped mid-send (as on shutdown): the try is counted and the message waits its backoff, not failed.
        var message = await MessageAsync(_db, id);
        Assert.Equal((1, Start.AddMinutes(1), (DateTime?)null, (DateTime?)null), (message.Attempts, message.NextAttemptAt!.Value, message.FailedAt, message.SentAt));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void The_backoff_doubles_from_a_minute_up_to_an_hour(int attempt, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxRetry.DelayAfter(attempt));
}
