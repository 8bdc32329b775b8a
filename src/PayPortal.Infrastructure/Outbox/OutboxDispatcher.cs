using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;

using PayPortal.Infrastructure.Adapters.Email;

namespace PayPortal.Infrastructure.Outbox;

/// <summary>
/// Sends what the outbox holds that is due, oldest first, over one connection per batch. A message is
/// marked sent (and logged on the customer's communication log) only after the mail server took it.
/// A 5xx answer fails it at once with the server's words; temporary failures are tried again with
/// exponential backoff (<see cref="OutboxRetry"/>) until <see cref="SmtpOptions.GiveUpAfter"/> has
/// passed since the first try. Whatever one message throws is recorded on it and the batch goes on.
/// </summary>
public sealed class OutboxDispatcher(PayPortalDbContext db, Mailer mailer, TimeProvider clock, ILogger<OutboxDispatcher> logger, IOptions<SmtpOptions> options)
{
    public async Task<int> SendPendingAsync(int batch = 50, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>().Include(m => m.Attachments)
            .Where(m => m.SentAt == null && m.FailedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id).Take(batch).ToListAsync(ct);
        if (due.Count == 0) return 0;

        var sent = 0;
        await using var session = mailer.OpenSession();
        foreach (var message in due)
        {
            await RecordAttemptAsync(message, ct);
            try
            {
                await session.SendAsync(new OutgoingMail(message.To, message.Subject, message.TextBody, message.HtmlBody,
                    message.Attachments.Select(a => new MailAttachment(a.FileName, a.ContentType, a.Content)).ToList()), ct);
                MarkSent(message);
                sent++;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                MarkFailedAttempt(message, ex);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private async Task RecordAttemptAsync(OutboxMessage message, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.Attempts++;
        message.FirstAttemptAt ??= now;
        // Saved before sending: should the process die mid-send, the message waits its backoff instead of going out again at once.
        message.NextAttemptAt = now + OutboxRetry.DelayAfter(message.Attempts);
        await db.SaveChangesAsync(ct);
    }

    private void MarkSent(OutboxMessage message)
    {
        message.SentAt = clock.GetUtcNow().UtcDateTime;
        message.NextAttemptAt = null;
        message.LastError = null;
        if (message.CustomerId is { } customerId)
        {
            db.Set<CommunicationLogEntry>().Add(new CommunicationLogEntry
            {
                CustomerId = customerId, At = message.SentAt.Value, Channel = CommunicationLogEntry.Email, OutboxMessageId = message.Id,
                Summary = $"Email to {message.To}: {message.Subject}",
            });
        }
    }

    private void MarkFailedAttempt(OutboxMessage message, Exception ex)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = OutboxRetry.Describe(ex);
        if (!OutboxRetry.IsTemporary(ex))
        {
            Fail(message, now, reason);
            logger.LogWarning(ex, "Outbox message {Id} failed for good: {Reason}", message.Id, reason);
        }
        else if (message.NextAttemptAt > message.FirstAttemptAt + options.Value.GiveUpAfter)
        {
            Fail(message, now, $"Gave up after {message.Attempts} attempts since {message.FirstAttemptAt:yyyy-MM-dd HH:mm} UTC: {reason}");
            logger.LogWarning(ex, "Outbox message {Id} given up after {Attempts} attempts", message.Id, message.Attempts);
        }
        else
        {
            message.LastError = reason;
            logger.LogWarning(ex, "Could not send outbox message {Id} (attempt {Attempt}); next try at {Next}", message.Id, message.Attempts, message.NextAttemptAt);
        }
    }

    private static void Fail(OutboxMessage message, DateTime now, string reason)
    {
        message.FailedAt = now;
        message.NextAttemptAt = null;
        message.LastError = reason.Length <= 1000 ? reason : reason[..1000];
    }
}
