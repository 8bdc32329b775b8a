using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Payments;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages;

/// <summary>"What do I owe, and why?": the account balance and the open invoices, oldest due first.</summary>
public class IndexModel(PayPortalDbContext db, StatementQuery statements, TimeProvider clock) : PageModel
{
    public string CustomerName { get; private set; } = "";
    public string CustomerNumber { get; private set; } = "";
    public Currency Currency { get; private set; }
    public Money Balance { get; private set; }
    public Money Overdue { get; private set; }
    public Money Unapplied { get; private set; }
    public DateOnly? NextDue { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CreditHold { get; private set; }
    public IReadOnlyList<Row> OpenInvoices { get; private set; } = [];
    /// <summary>Invoices a bank debit is still paying: shown as such and not offered for payment.</summary>
    public IReadOnlySet<long> PaymentInProgress { get; private set; } = new HashSet<long>();
    public Money CreditsAvailable { get; private set; }
    public IReadOnlyList<StatementMovement> RecentActivity { get; private set; } = [];

    public sealed record Row(long Id, string Number, DateOnly IssueDate, DateOnly DueDate, string? PoNumber, InvoiceStatus Status, long TotalMinor, long OpenMinor, long DisputedMinor);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var customerId = User.CustomerId();
        Today = clock.Today();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Number, c.CurrencyCode, c.CreditHold }).SingleAsync(ct);
        (CustomerName, CustomerNumber, CreditHold) = (customer.Name, customer.Number, customer.CreditHold);
        Currency = Currency.Parse(customer.CurrencyCode);

        OpenInvoices = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.OpenMinor != 0)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            .Select(i => new Row(i.Id, i.Number!, i.IssueDate, i.DueDate, i.PoNumber, i.Status, i.TotalMinor, i.OpenMinor, i.DisputedMinor))
            .ToListAsync(ct);
        var unappliedCash = await db.Payments.Where(p => p.CustomerId == customerId).SumAsync(p => p.UnappliedMinor, ct);
        var unappliedCredit = await db.CreditMemos.Where(m => m.CustomerId == customerId).SumAsync(m => m.UnappliedMinor, ct);
        CreditsAvailable = new Money(unappliedCredit, Currency);
        RecentActivity = await statements.RecentAsync(customerId, 5, ct);

        PaymentInProgress = await PaymentsInProgress.InvoiceIdsAsync(db, User.CustomerId(), ct);
        var open = OpenInvoices.Sum(i => i.OpenMinor);
        Unapplied = new Money(unappliedCash + unappliedCredit, Currency);
        Balance = new Money(open, Currency) - Unapplied;
        Overdue = new Money(OpenInvoices.Where(i => i.DueDate < Today).Sum(i => i.OpenMinor), Currency);
        NextDue = OpenInvoices.Where(i => i.DueDate >= Today).Select(i => (DateOnly?)i.DueDate).FirstOrDefault();
    }
}
