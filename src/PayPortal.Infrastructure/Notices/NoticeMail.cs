using System.Net;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure.Notices;

/// <summary>
/// Short emails about a step in a workflow (a dispute answered, a plan approved, an installment due),
/// written to the outbox in the caller's unit of work: sent and logged only if that step is saved.
/// </summary>
public sealed class NoticeMail(PayPortalDbContext db, Recipients recipients, IOptions<CompanyOptions> company, TimeProvider clock)
{
    /// <summary>Queues the notice to each address; returns the messages queued (one per address).</summary>
    public IReadOnlyList<OutboxMessage> Queue(IEnumerable<string> to, long? customerId, string kind, string subject, string body, string? link = null, string? linkText = null)
    {
        var queued = new List<OutboxMessage>();
        var from = company.Value.Name;
        var paragraphs = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var address in to.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var message = new OutboxMessage
            {
                CustomerId = customerId, Kind = kind, To = address, CreatedAt = clock.GetUtcNow().UtcDateTime, Subject = subject,
                TextBody = string.Join("\n\n", paragraphs) + (link is null ? "" : $"\n\n{linkText ?? "Open it"}: {link}") + $"\n\n{from}\n",
                HtmlBody = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>")}</p>"))
                    + (link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(linkText ?? "Open it")}</a></p>")
                    + $"<p>{WebUtility.HtmlEncode(from)}</p>",
            };
            db.Outbox.Add(message);
            queued.Add(message);
        }
        return queued;
    }

    /// <summary>To the contact who started it, or the account's billing addresses.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ToCustomerAsync(long customerId, string? contactUserId, string kind, string subject, string body, string? link, string? linkText, CancellationToken ct) =>
        Queue(await recipients.ContactOrBillingAsync(customerId, contactUserId, ct), customerId, kind, subject, body, link, linkText);
}
