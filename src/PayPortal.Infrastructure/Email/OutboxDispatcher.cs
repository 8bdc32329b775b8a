using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Email;

/// <summary>
/// Sends what the outbox holds, oldest first. A message is marked sent (and logged on the customer's
/// communication log) only after the mail server took it; a failure is retried on later runs, up to
/// <see cref="MaxAttempts"/>, with the error kept for the outbox page.
/// </summary>
public sealed class OutboxDispatcher(PayPortalDbContext db, Mailer mailer, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 5;

    public async Task<int> SendPendingAsync(int batch = 50, CancellationToken ct = default)
    {
        var pending = await db.Set<OutboxMessage>().Include(m => m.Attachments)
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.Id).Take(batch).ToListAsync(ct);
        var sent = 0;
        foreach (var message in pending)
        {
            message.Attempts++;
            try
            {
                await mailer.SendAsync(new OutgoingMail(message.To, message.Subject, message.TextBody, message.HtmlBody,
                    message.Attachments.Select(a => new MailAttachment(a.FileName, a.ContentType, a.Content)).ToList()), ct);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.LastError = null;
                if (message.CustomerId is { } customerId)
                {
                    db.Set<CommunicationLogEntry>().Add(new CommunicationLogEntry
                    {
                        CustomerId = customerId, At = message.SentAt.Value, Channel = "email", OutboxMessageId = message.Id,
                        Summary = $"Email to {message.To}: {message.Subject}",
                    });
                }
                sent++;
            }
            catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or InvalidOperationException or FormatException)
            {
                message.LastError = ex.Message;
                logger.LogWarning(ex, "Could not send outbox message {Id} (attempt {Attempt})", message.Id, message.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }
}
