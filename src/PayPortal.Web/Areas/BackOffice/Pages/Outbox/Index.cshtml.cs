using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Web.Areas.BackOffice.Pages.Outbox;

/// <summary>Every email PayPortal sends or is about to send, newest first, with its attachments.</summary>
public class IndexModel(PayPortalDbContext db, OutboxSignal signal) : PageModel
{
    public IReadOnlyList<Row> Messages { get; private set; } = [];
    public OutboxMessage? Selected { get; private set; }
    [TempData] public string? Notice { get; set; }

    public sealed record Row(long Id, string Kind, string To, string Subject, DateTime CreatedAt, DateTime? SentAt, int Attempts,
        DateTime? NextAttemptAt, DateTime? FailedAt, string? LastError, int AttachmentCount);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Messages = await db.Outbox.AsNoTracking().OrderByDescending(m => m.Id).Take(100)
            .Select(m => new Row(m.Id, m.Kind, m.To, m.Subject, m.CreatedAt, m.SentAt, m.Attempts, m.NextAttemptAt, m.FailedAt, m.LastError, m.Attachments.Count)).ToListAsync(ct);
        if (id is { } messageId)
        {
            Selected = await db.Outbox.AsNoTracking().Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == messageId, ct);
            if (Selected is null) return NotFound();
        }
        return Page();
    }

    /// <summary>Puts a failed message back in the queue as if new: a fresh series of attempts and give-up window.</summary>
    public async Task<IActionResult> OnPostSendAgainAsync(long id, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        if (message.SentAt is not null || message.FailedAt is null)
        {
            Notice = $"\"{message.Subject}\" to {message.To} has not failed; it was left as it is.";
            return RedirectToPage();
        }
        message.FailedAt = null;
        message.NextAttemptAt = null;
        message.FirstAttemptAt = null;
        message.Attempts = 0;
        message.LastError = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        Notice = $"\"{message.Subject}\" to {message.To} will be sent again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetAttachmentAsync(long attachmentId, CancellationToken ct)
    {
        var file = await db.Set<OutboxAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }
}
