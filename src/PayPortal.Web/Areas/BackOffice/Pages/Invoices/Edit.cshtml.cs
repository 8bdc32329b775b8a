using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Invoices;

/// <summary>
/// The draft editor: header and terms (from the customer, changeable), lines with a live total, then
/// save, post (numbered and entered in the ledger) or discard. A posted invoice is never edited here.
/// </summary>
public class EditModel(PayPortalDbContext db, InvoiceDesk desk) : PageModel
{
    [BindProperty] public DraftForm Form { get; set; } = new();
    [BindProperty] public long Version { get; set; }
    public Invoice Invoice { get; private set; } = null!;
    public string CustomerName { get; private set; } = "";
    public string CustomerNumber { get; private set; } = "";
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>Totals of the lines as typed: net, tax, total (minor units); null while a line does not parse.</summary>
    public (long Net, long Tax, long Total)? Totals { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Invoice.IsPosted) return RedirectToPage("/Invoices/Details", new { id });
        Form = DraftForm.From(Invoice);
        Version = Invoice.Version;
        Totals = (Invoice.Lines.Sum(l => l.NetMinor), Invoice.Lines.Sum(l => l.TaxMinor), Invoice.TotalMinor);
        return Page();
    }

    /// <summary>An empty line for htmx's "Add line".</summary>
    public IActionResult OnGetLine(int index) => Partial("_DraftLine", new DraftLineView(index, new DraftForm.LineForm()));

    /// <summary>The totals as the lines stand, recomputed by htmx whenever a field changes.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var input = Form.ToInput(Invoice.Currency, ModelState);
        Totals = input is null ? null : Compute(input.Lines);
        return Partial("_DraftTotals", this);
    }

    public Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) => SaveAndThenAsync(id, post: false, ct);

    public Task<IActionResult> OnPostPostAsync(long id, CancellationToken ct) => SaveAndThenAsync(id, post: true, ct);

    public async Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await desk.DiscardDraftAsync(id, Version, ct);
        if (!result.Succeeded) return Refused(result.Message);
        StatusMessage = result.Message;
        return this.RedirectAfterPost("/Invoices/Index", new { show = "draft" });
    }

    private async Task<IActionResult> SaveAndThenAsync(long id, bool post, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var input = Form.ToInput(Invoice.Currency, ModelState);
        if (input is null) return Refused(null);
        var saved = await desk.SaveDraftAsync(id, Version, input, ct);
        if (!saved.Succeeded) return Refused(saved.Message);
        if (!post)
        {
            StatusMessage = saved.Message;
            return this.RedirectAfterPost(new { id });
        }
        var version = await db.Invoices.Where(i => i.Id == id).Select(i => i.Version).SingleAsync(ct);
        var posted = await desk.PostAsync(id, version, ct);
        if (!posted.Succeeded)
        {
            // The draft is saved; only posting was refused (e.g. no lines yet).
            StatusMessage = $"Draft saved, but not posted: {posted.Message}";
            return this.RedirectAfterPost(new { id });
        }
        StatusMessage = posted.Message;
        return this.RedirectAfterPost("/Invoices/Details", new { id });
    }

    private IActionResult Refused(string? message)
    {
        if (message is not null) ModelState.AddModelError("", message);
        var input = Form.ToInput(Invoice.Currency, new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary());
        Totals = input is null ? null : Compute(input.Lines);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static (long, long, long) Compute(IReadOnlyList<InvoiceLineDraft> lines)
    {
        var made = lines.Select((l, i) => new InvoiceLine(i + 1, l.Description, l.Quantity, l.UnitPriceMinor, l.DiscountPercent, l.TaxRatePercent)).ToList();
        return (made.Sum(l => l.NetMinor), made.Sum(l => l.TaxMinor), made.Sum(l => l.TotalMinor));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Customer).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return false;
        Invoice = invoice;
        CustomerName = invoice.Customer!.Name;
        CustomerNumber = invoice.Customer.Number;
        return true;
    }

    public Money M(long minor) => new(minor, Invoice.Currency);
}

public sealed record DraftLineView(int Index, DraftForm.LineForm Line);
