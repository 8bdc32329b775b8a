using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Pay;

/// <summary>"Pay now": the chosen invoices, an amount for each (the whole balance by default, less any early-payment discount), then Stripe Checkout.</summary>
public class IndexModel(PayPortalDbContext db, PortalCheckouts payments, InvoiceSettlement settlement, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invoice")] public List<long> InvoiceIds { get; set; } = [];
    /// <summary>Amounts as typed, by invoice id (decimal text in major units).</summary>
    [BindProperty] public Dictionary<long, string> Amounts { get; set; } = [];
    /// <summary>Put the account's credit memos on the invoices before charging the rest.</summary>
    [BindProperty] public bool UseCredits { get; set; }
    public Money? AvailableCredit { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public List<string> Errors { get; } = [];
    /// <summary>Chosen invoices a bank debit is still paying: left out, and said so.</summary>
    public IReadOnlyList<string> InProgress { get; private set; } = [];

    public sealed record Row(long Id, string Number, DateOnly DueDate, Money Open, Money Discount, DateOnly? DiscountDeadline, bool AllowPartial)
    {
        public Money FullAmount => Open - Discount;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Rows.Count == 0 && InProgress.Count == 0) return RedirectToPage("/Index");
        foreach (var row in Rows) Amounts[row.Id] = row.FullAmount.ToDecimalString();
        UseCredits = AvailableCredit is { IsPositive: true };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var requested = new List<PaymentRequestLine>();
        foreach (var id in InvoiceIds.Distinct())
        {
            var row = Rows.FirstOrDefault(r => r.Id == id);
            if (row is null)
            {
                // Not this customer's, or not open: never say which.
                Errors.Add("One of the invoices cannot be paid here.");
                continue;
            }
            if (!Amounts.TryGetValue(id, out var text))
            {
                Errors.Add($"Invoice {row.Number}: enter an amount.");
                continue;
            }
            if (!Money.TryParse(text, row.Open.Currency, out var amount, out var problem))
            {
                Errors.Add($"Invoice {row.Number}: {problem}.");
                continue;
            }
            requested.Add(new PaymentRequestLine(id, amount.Minor));
        }
        if (Errors.Count == 0)
        {
            var start = await payments.StartCheckoutAsync(User.CustomerId(), User.UserId(), requested, UseCredits, ct);
            if (start.Succeeded)
                return start.Next is { } checkout ? Redirect(checkout) : RedirectToPage("/Pay/Return", new { payment = start.Id });
            Errors.AddRange(start.Problems);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        var today = clock.Today();
        var ids = InvoiceIds.Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && ids.Contains(i.Id) && i.OpenMinor > 0)
            .OrderBy(i => i.DueDate).ToListAsync(ct);
        var inProgress = await PaymentsInProgress.InvoiceIdsAsync(db, customerId, ct);
        InProgress = invoices.Where(i => inProgress.Contains(i.Id)).Select(i => i.Number!).ToList();
        Rows = invoices.Where(i => i.CanReceiveMoney && !inProgress.Contains(i.Id))
            .Select(i => new Row(i.Id, i.Number!, i.DueDate, i.Open, i.EarlyPaymentDiscountOn(today), i.DiscountDeadline, i.AllowPartialPayment)).ToList();
        if (Rows.Count > 0) AvailableCredit = await settlement.AvailableCreditAsync(customerId, Rows[0].Open.Currency, ct);
    }
}
