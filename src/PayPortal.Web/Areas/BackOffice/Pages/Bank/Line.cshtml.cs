using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.CashApplication;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.CashApplication;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Bank;

/// <summary>
/// The workbench for one bank credit: the engine's suggestions with their reasons (accept one), an
/// invoice search across customers, a split over several invoices with any rest on account, "not a
/// customer's", and for a manager, undo.
/// </summary>
public class LineModel(PayPortalDbContext db, ExceptionDesk desk, IAuthorizationService authorization) : PageModel
{
    public const int SplitRows = 6;

    public BankStatementLine Line { get; private set; } = null!;
    public IReadOnlyList<Proposal> Suggestions { get; private set; } = [];
    public IReadOnlyDictionary<long, string> CustomerNames { get; private set; } = new Dictionary<long, string>();
    public IReadOnlyList<Found> Results { get; private set; } = [];
    public bool CanUndo { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string? CustomerNumber { get; set; }
    [BindProperty] public List<string> Numbers { get; set; } = [];
    [BindProperty] public List<string> Amounts { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Found(long Id, string Number, string CustomerNumber, string CustomerName, DateOnly DueDate, long OpenMinor, string CurrencyCode);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Open invoices across customers by number or customer, for htmx while typing.</summary>
    public async Task<IActionResult> OnGetSearchAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Partial("_InvoiceSearch", this);
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, int index, CancellationToken ct) =>
        StepAsync(id, () => desk.AcceptSuggestionAsync(id, index, User.DisplayName(), ct), ct);

    public Task<IActionResult> OnPostNonCustomerAsync(long id, CancellationToken ct) =>
        StepAsync(id, () => desk.MarkNonCustomerAsync(id, User.DisplayName(), ct), ct);

    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        return await StepAsync(id, () => desk.UndoAsync(id, Reason ?? "", ct), ct);
    }

    /// <summary>By hand: the invoices and amounts typed (one customer's); with none, all of it on the customer's account.</summary>
    public Task<IActionResult> OnPostApplyAsync(long id, CancellationToken ct) =>
        StepAsync(id, async () =>
        {
            var rows = Numbers.Select((n, i) => (Number: n?.Trim() ?? "", Amount: i < Amounts.Count ? Amounts[i]?.Trim() ?? "" : "")).Where(r => r.Number.Length > 0 || r.Amount.Length > 0).ToList();
            var numbers = rows.Select(r => r.Number).ToList();
            var invoices = await db.Invoices.AsNoTracking().Where(i => numbers.Contains(i.Number!) && i.Status != InvoiceStatus.Draft)
                .Select(i => new { i.Id, i.Number, i.CustomerId, i.CurrencyCode }).ToListAsync(ct);
            var allocations = new List<ManualAllocation>();
            long? customerId = null;
            foreach (var (number, amountText) in rows)
            {
                var invoice = invoices.FirstOrDefault(i => string.Equals(i.Number, number, StringComparison.OrdinalIgnoreCase));
                if (invoice is null) return StepResult.Fail($"There is no invoice {number}.");
                if (!Money.TryParse(amountText, Currency.Parse(invoice.CurrencyCode), out var amount, out var problem)) return StepResult.Fail($"Invoice {number}: {problem}.");
                if (customerId is not null && customerId != invoice.CustomerId) return StepResult.Fail("All invoices of one payment must be one customer's.");
                customerId = invoice.CustomerId;
                allocations.Add(new ManualAllocation(invoice.Id, amount.Minor));
            }
            if (customerId is null)
            {
                var number = CustomerNumber?.Trim();
                customerId = await db.Customers.Where(c => c.Number == number).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
                if (customerId is null) return StepResult.Fail(string.IsNullOrEmpty(number) ? "Name invoices, or a customer number to keep it on account." : $"There is no customer {number}.");
            }
            return await desk.ApplyAsync(id, customerId.Value, allocations, User.DisplayName(), ct);
        }, ct);

    private async Task<IActionResult> StepAsync(long id, Func<Task<StepResult>> step, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await step();
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            // Keyboard flow: straight on to the next waiting line, if any.
            var next = await db.BankLines.Where(l => l.Status == BankLineStatus.Exception && l.Id != id).OrderBy(l => l.BookingDate).ThenBy(l => l.Id).Select(l => (long?)l.Id).FirstOrDefaultAsync(ct);
            return next is { } n && Line.Status == BankLineStatus.Exception ? this.RedirectAfterPost(new { id = n }) : this.RedirectAfterPost(new { id });
        }
        ModelState.AddModelError("", result.Message);
        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var line = await db.BankLines.AsNoTracking().Include(l => l.Statement).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (line is null) return false;
        Line = line;
        Suggestions = ProposalJson.Read(line.Suggestions);
        var ids = Suggestions.Select(s => s.CustomerId ?? 0).Append(line.CustomerId ?? 0).Distinct().ToList();
        CustomerNames = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => $"{c.Number} · {c.Name}", ct);
        CanUndo = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            Results = await db.Invoices.AsNoTracking()
                .Where(i => i.OpenMinor > 0 && (i.Number!.StartsWith(q) || i.Customer!.Number.StartsWith(q) || i.Customer.Name.StartsWith(q)))
                .OrderBy(i => i.DueDate).Take(25)
                .Select(i => new Found(i.Id, i.Number!, i.Customer!.Number, i.Customer.Name, i.DueDate, i.OpenMinor, i.CurrencyCode))
                .ToListAsync(ct);
        }
        return true;
    }
}
