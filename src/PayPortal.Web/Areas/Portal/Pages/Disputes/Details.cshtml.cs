using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Disputes;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Disputes;
using PayPortal.Web.Disputes;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Disputes;

/// <summary>One of the account's disputes as a conversation: add a message and files while it is open, or withdraw it. Internal notes are never shown here.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 6 * DisputeAttachment.MaxBytes)]
[RequestSizeLimit(6 * DisputeAttachment.MaxBytes)]
public class DetailsModel(PayPortalDbContext db, DisputeDesk desk) : PageModel
{
    public Dispute Dispute { get; private set; } = null!;
    [BindProperty, Display(Name = "Your message"), MaxLength(Dispute.MaxMessageLength)] public string? Text { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(long id, long attachment, CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var file = await db.Disputes.Where(d => d.Id == id && d.CustomerId == customerId)
            .SelectMany(d => d.Messages).Where(m => !m.IsInternal).SelectMany(m => m.Attachments).Where(a => a.Id == attachment)
            .Select(a => new { a.FileName, a.ContentType, a.Content }).SingleOrDefaultAsync(ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostMessageAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var (files, problem) = await Uploads.ReadAsync(Files, ct);
        var result = problem is null
            ? await desk.AddCustomerMessageAsync(User.CustomerId(), id, User.DisplayName(), Text ?? "", files, ct)
            : Infrastructure.StepResult.Fail(problem);
        return await DoneAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return await DoneAsync(id, await desk.WithdrawAsync(User.CustomerId(), id, ct), ct);
    }

    private async Task<IActionResult> DoneAsync(long id, Infrastructure.StepResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost(new { id });
        }
        ModelState.AddModelError("", result.Message);
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var dispute = await db.Disputes.AsNoTracking().AsSplitQuery()
            .Include(d => d.Invoice).Include(d => d.Lines)
            .Include(d => d.Messages.Where(m => !m.IsInternal)).ThenInclude(m => m.Attachments)
            .SingleOrDefaultAsync(d => d.Id == id && d.CustomerId == customerId && d.Kind == DisputeKind.Customer, ct);
        if (dispute is null) return false;
        Dispute = dispute;
        return true;
    }

    public ConversationView Conversation => new(Dispute.Messages.OrderBy(m => m.At).ThenBy(m => m.Id).ToList(), ShowInternal: false,
        attachment => Url.Page("/Disputes/Details", "File", new { id = Dispute.Id, attachment })!);
}
