using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Invoices;

/// <summary>
/// A posted invoice in the back office: what it bills, what was applied, its credit memos and every
/// time it was emailed; send or resend it, credit it (in full or by line) or void it with a reason.
/// </summary>
public class DetailsModel(PayPortalDbContext db, InvoiceDesk desk, InvoiceMail mail, InvoiceDocuments documents, PayPortal.Infrastructure.Collections.WriteOffDesk writeOffs) : PageModel
{
    public Invoice Invoice { get; private set; } = null!;
    public IReadOnlyList<Applied> Applications { get; private set; } = [];
    public IReadOnlyList<Memo> CreditMemos { get; private set; } = [];
    public IReadOnlyList<Send> Sends { get; private set; } = [];
    /// <summary>Quantity of each line still open to credit, by line number.</summary>
    public IReadOnlyDictionary<int, decimal> CreditableQuantity { get; private set; } = new Dictionary<int, decimal>();
    /// <summary>A void, full credit or dispute acceptance proposed on this invoice and waiting for a manager.</summary>
    public PayPortal.Web.Approvals.AwaitingApproval? Awaiting { get; private set; }

    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>Quantity to credit per line number, as typed.</summary>
    [BindProperty] public Dictionary<int, string> CreditQuantity { get; set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Applied(DateOnly On, AllocationKind Kind, string? Source, long AmountMinor, bool Reversed);
    public sealed record Memo(string Number, DateOnly IssueDate, long AmountMinor, long UnappliedMinor, string Reason, IReadOnlyList<string> Lines);
    public sealed record Send(DateTime CreatedAt, DateTime? SentAt, string To, string? LastError);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Invoice.IsPosted) return RedirectToPage("/Invoices/Edit", new { id });
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken ct)
    {
        var rendered = await documents.RenderAsync(id, customerId: null, ct);
        return rendered is { } r ? File(r.Pdf, "application/pdf", InvoiceDocuments.FileName(r.Invoice)) : NotFound();
    }

    public async Task<IActionResult> OnPostSendAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await mail.SendAsync(id, ct);
        return Done(id, result.Succeeded, result.Message);
    }

    public async Task<IActionResult> OnPostVoidAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await desk.VoidAsync(id, Version, Reason ?? "", ct);
        return Done(id, result.Succeeded, result.Message, "void");
    }

    public async Task<IActionResult> OnPostCreditAllAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await desk.CreditAsync(id, Version, null, Reason ?? "", ct);
        return Done(id, result.Succeeded, result.Message, "credit");
    }

    public async Task<IActionResult> OnPostCreditLinesAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var credits = new List<LineCredit>();
        foreach (var (lineNo, text) in CreditQuantity.Where(q => !string.IsNullOrWhiteSpace(q.Value)).OrderBy(q => q.Key))
        {
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity))
                return Done(id, false, $"Line {lineNo}: \"{text}\" is not a quantity.", "credit");
            credits.Add(new LineCredit(lineNo, quantity));
        }
        if (credits.Count == 0) return Done(id, false, "Enter the quantity to credit on at least one line.", "credit");
        var result = await desk.CreditAsync(id, Version, credits, Reason ?? "", ct);
        return Done(id, result.Succeeded, result.Message, "credit");
    }

    [BindProperty] public string? WriteOffAmount { get; set; }

    /// <summary>A specialist proposes writing off what cannot be collected; a manager approves it on the write-offs page.</summary>
    public async Task<IActionResult> OnPostProposeWriteOffAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await writeOffs.ProposeAsync(id, WriteOffAmount ?? "", Reason ?? "", ct);
        return Done(id, result.Succeeded, result.Message, "writeoff");
    }

    /// <summary>Success goes back to the page (post-redirect-get); a refusal shows the page again with the message by the form it concerns.</summary>
    private IActionResult Done(long id, bool succeeded, string message, string? form = null)
    {
        if (succeeded)
        {
            StatusMessage = message;
            return this.RedirectAfterPost(new { id });
        }
        ModelState.AddModelError(form ?? "", message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Customer).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return false;
        Invoice = invoice;
        if (HttpMethods.IsGet(Request.Method)) Version = invoice.Version;
        Applications = await db.Allocations.AsNoTracking().Where(a => a.InvoiceId == id).OrderBy(a => a.Id)
            .Select(a => new Applied(a.AppliedOn, a.Kind, a.Payment != null ? a.Payment.Reference : a.CreditMemo != null ? a.CreditMemo.Number : null, a.AmountMinor, a.ReversedAt != null))
            .ToListAsync(ct);
        var memos = await db.CreditMemos.AsNoTracking().Include(m => m.Lines).Where(m => m.InvoiceId == id).OrderBy(m => m.Id).ToListAsync(ct);
        CreditMemos = memos.Select(m => new Memo(m.Number, m.IssueDate, m.AmountMinor, m.UnappliedMinor, m.Reason,
            m.Lines.Select(l => $"{l.Quantity:0.####} × {l.Description}").ToList())).ToList();
        var credited = memos.SelectMany(m => m.Lines).GroupBy(l => l.InvoiceLineId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        CreditableQuantity = invoice.Lines.ToDictionary(l => l.LineNo, l => l.Quantity - credited.GetValueOrDefault(l.Id));
        Awaiting = await PayPortal.Web.Approvals.AwaitingApproval.ForInvoiceAsync(db, id, ct);
        Sends = await db.Outbox.AsNoTracking().Where(m => m.InvoiceId == id).OrderByDescending(m => m.Id)
            .Select(m => new Send(m.CreatedAt, m.SentAt, m.To, m.LastError)).ToListAsync(ct);
        return true;
    }

    public Money M(long minor) => new(minor, Invoice.Currency);
}
