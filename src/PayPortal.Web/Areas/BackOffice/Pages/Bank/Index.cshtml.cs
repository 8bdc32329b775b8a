using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PayPortal.Domain.CashApplication;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Bank;

/// <summary>Bank statements: upload one (camt, BAI2 or CSV), and every statement imported with its totals.</summary>
[BankUploadLimit]
public class IndexModel(PayPortalDbContext db, BankImport import, IOptions<BankingOptions> banking) : PageModel
{
    /// <summary>The largest statement an upload may be (Banking:MaxFileBytes), in MB, shown beside the file input.</summary>
    public long MaxFileMegabytes => banking.Value.MaxFileBytes / 1024 / 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool AutoApply { get; set; } = true;
    public IReadOnlyList<Row> Statements { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Row(long Id, string FileName, string Format, string StatementId, DateTime ImportedAt, int Lines, long CreditsMinor,
        int AutoApplied, int Applied, int Exceptions, int NonCustomer, string CurrencyCode)
    {
        /// <summary>Credits not (yet) on invoices: on account or waiting; filled in after the query.</summary>
        public long UnappliedMinor { get; init; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors = ["Choose a bank statement file."];
            return await RefusedAsync(ct);
        }
        await using var stream = Upload.OpenReadStream();
        var result = await import.ImportAsync(stream, Upload.FileName, AutoApply, ct);
        if (!result.Succeeded)
        {
            Errors = [$"{Upload.FileName} was not imported; nothing changed.", .. result.Errors];
            return await RefusedAsync(ct);
        }
        StatusMessage = result.Duplicate
            ? $"{Upload.FileName} was imported before; nothing changed."
            : $"{Upload.FileName}: {result.Lines} lines, {result.Credits} credits, {result.AutoApplied} applied automatically, {result.Exceptions} waiting in exceptions.";
        return this.RedirectAfterPost("/Bank/Statement", new { id = result.StatementId });
    }

    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Statements = await db.BankStatements.AsNoTracking().OrderByDescending(s => s.Id).Take(100)
            .Select(s => new Row(s.Id, s.FileName, s.Format, s.StatementId, s.ImportedAt, s.Lines.Count(),
                s.Lines.Where(l => l.IsCredit).Sum(l => l.AmountMinor),
                s.Lines.Count(l => l.Status == BankLineStatus.AutoApplied), s.Lines.Count(l => l.Status == BankLineStatus.Applied),
                s.Lines.Count(l => l.Status == BankLineStatus.Exception), s.Lines.Count(l => l.Status == BankLineStatus.NonCustomer),
                s.Lines.Select(l => l.CurrencyCode).FirstOrDefault() ?? "USD"))
            .ToListAsync(ct);
        var ids = Statements.Select(s => s.Id).ToList();
        var applied = await db.BankLines.AsNoTracking().Where(l => ids.Contains(l.BankStatementId) && l.PaymentId != null)
            .Join(db.Allocations.Where(a => a.Kind == PayPortal.Domain.Payments.AllocationKind.Payment && a.ReversedAt == null), l => l.PaymentId, a => a.PaymentId, (l, a) => new { l.BankStatementId, a.AmountMinor })
            .GroupBy(x => x.BankStatementId).Select(g => new { g.Key, Sum = g.Sum(x => x.AmountMinor) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var excluded = await db.BankLines.AsNoTracking().Where(l => ids.Contains(l.BankStatementId) && (l.Status == BankLineStatus.NonCustomer || l.Status == BankLineStatus.StripePayout))
            .GroupBy(l => l.BankStatementId).Select(g => new { g.Key, Sum = g.Sum(l => l.AmountMinor) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        Statements = Statements.Select(s => s with { UnappliedMinor = s.CreditsMinor - applied.GetValueOrDefault(s.Id) - excluded.GetValueOrDefault(s.Id) }).ToList();
    }
}
